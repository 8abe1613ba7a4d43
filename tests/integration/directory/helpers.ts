import { TRPCError } from "@trpc/server";
import type { DbHandle } from "@/db/client";
import { directoryCards } from "@/db/schema";
import type { Role } from "@/lib/contracts/members";
import { withTenant } from "@/server/db/tenant";
import { generateShopFacts } from "@/server/demo/generate-facts";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { acceptInvitation } from "@/server/invitations/service";
import { rescoreOrganisation } from "@/server/scoring/rescore";
import { createUser } from "@/server/users/service";
import { callerFor, ownerWithOrg } from "../../helpers/callers";

export const SCORED_DAY = "2026-05-12";
let people = 0;

export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
}

/** An organisation with two scored shops (40 days of generated facts) and a creator account. */
export async function merchantWithScores(handle: DbHandle, label: string, seed = 11) {
  const owner = await ownerWithOrg(handle, label);
  const shop = await owner.caller.shops.create({ name: `${label} 店一`, category: "beauty", externalId: `${label}-s1` });
  const other = await owner.caller.shops.create({ name: `${label} 店二`, category: "beauty", externalId: `${label}-s2` });
  const creator = await owner.caller.creators.create({ name: `${label} 达人`, category: "beauty", externalId: `${label}-author` });
  const orgId = owner.org.orgId;
  await withTenant(handle, { orgId }, async (tx) => {
    await insertShopFacts(tx, orgId, shop.id, generateShopFacts({ seed, keyPrefix: `${label}-a`, firstDay: "2026-03-01", days: 70, ordersPerDay: 4, authorIds: [`${label}-author`] }));
    await insertShopFacts(tx, orgId, other.id, generateShopFacts({ seed: seed + 1, keyPrefix: `${label}-b`, firstDay: "2026-03-01", days: 70, ordersPerDay: 4 }));
  });
  await rescoreOrganisation(handle, orgId, SCORED_DAY);
  return { ...owner, shop, other, creator };
}

/** A member of the organisation with the given role (optionally limited to some shops), and their caller. */
export async function memberOf(handle: DbHandle, owner: Awaited<ReturnType<typeof ownerWithOrg>>, role: Role, shopIds: string[] = []) {
  const user = await createUser(handle, { email: `member-${++people}-${Date.now()}@example.test`, password: "correct horse battery", name: `member ${people}` });
  const invite = await owner.caller.members.invite({ role, shopIds });
  await acceptInvitation(handle, { token: invite.token, userId: user.id });
  return callerFor(handle, user.id, owner.org.orgId);
}

export type HandCard = { name: string; kind?: "shop" | "creator"; category: string; overall: number; product?: number; logistics?: number; service?: number; goodReviewRate: number; trend?: "improving" | "stable" | "falling"; day: string; ruleSet?: string; scale?: { min: number; max: number } };

/** Cards written straight into the owner's tenant (as the demo seed does), for filters checked by hand. */
export async function insertCards(handle: DbHandle, orgId: string, cards: HandCard[]) {
  return withTenant(handle, { orgId }, (tx) =>
    tx
      .insert(directoryCards)
      .values(
        cards.map((c, i) => ({
          orgId,
          entityKind: c.kind ?? "shop",
          entityId: crypto.randomUUID(),
          name: c.name,
          fields: ["overall", "dimensions", "goodReviewRate", "category", "trend", "ruleSet"] as ("overall" | "dimensions" | "goodReviewRate" | "category" | "trend" | "ruleSet")[],
          categoryCode: c.category,
          ruleSet: c.ruleSet ?? "douyin-shop-v1",
          scoreMin: c.scale?.min ?? 3,
          scoreMax: c.scale?.max ?? 5,
          scoreDecimals: (c.scale?.max ?? 5) === 100 ? 1 : 2,
          day: c.day,
          overall: c.overall,
          product: c.product ?? c.overall,
          logistics: c.logistics ?? c.overall,
          service: c.service ?? c.overall,
          goodReviewRate: c.goodReviewRate,
          trend: c.trend ?? "stable",
          trend30: 0,
          trend90: 0,
          listedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
        })),
      )
      .returning({ id: directoryCards.id, name: directoryCards.name }),
  );
}
