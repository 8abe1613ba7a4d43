import type { DbHandle } from "@/db/client";
import { scoreSnapshots } from "@/db/schema";
import type { Role } from "@/lib/contracts/members";
import { withTenant } from "@/server/db/tenant";
import { acceptInvitation } from "@/server/invitations/service";
import { INDICATOR_ORDER } from "@/server/scoring/indicators";
import { addDays, type Day } from "@/server/lib/time";
import { createUser } from "@/server/users/service";
import { callerFor, type ownerWithOrg } from "../../helpers/callers";

type Owner = Awaited<ReturnType<typeof ownerWithOrg>>;
let members = 0;

/** A member of the owner's organisation with this role (limited to `shopIds` when given), and a caller acting as them. */
export async function memberOf(handle: DbHandle, owner: Owner, role: Role, shopIds: string[] = [], locale: "en" | "zh-CN" = "en") {
  const user = await createUser(handle, { email: `goals-${role}-${++members}-${Date.now()}@example.test`, password: "correct horse battery", name: `${role} ${members}`, locale });
  const invite = await owner.caller.members.invite({ role, shopIds });
  await acceptInvitation(handle, { token: invite.token, userId: user.id });
  return { user, caller: await callerFor(handle, user.id, owner.org.orgId, locale) };
}

/**
 * A hand-made score history: one stored summary day per value, ending on `end` (null = a day
 * scored "insufficient data"). `goodReview` gives the good-review rate per day as the summary packs it.
 */
export async function storeHistory(
  handle: DbHandle,
  target: { orgId: string; kind: "shop" | "creator"; entityId: string; ruleSet: string },
  end: Day,
  overall: readonly (number | null)[],
  goodReview?: readonly number[],
) {
  await withTenant(handle, { orgId: target.orgId }, (tx) =>
    tx.insert(scoreSnapshots).values(
      overall.map((value, i) => ({
        orgId: target.orgId,
        entityKind: target.kind,
        entityId: target.entityId,
        ruleSet: target.ruleSet,
        day: addDays(end, i - (overall.length - 1)),
        state: value === null ? ("insufficient_data" as const) : ("scored" as const),
        validOrders: 100,
        overall: value,
        indicatorValues: goodReview ? INDICATOR_ORDER.map((code) => (code === "good_review_rate" ? (goodReview[i] ?? Number.NaN) : Number.NaN)) : null,
        rollupVersion: 1,
      })),
    ),
  );
}
