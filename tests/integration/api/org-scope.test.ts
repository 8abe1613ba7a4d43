import { TRPCError } from "@trpc/server";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/security";
import { resolveOrgScope, withOrgScope } from "@/server/api/org-scope";
import { withTenant } from "@/server/db/tenant";
import { acceptInvitation } from "@/server/invitations/service";
import { AppError } from "@/server/lib/errors";
import { bumpSessionVersion } from "@/server/users/session-version";
import { createUser } from "@/server/users/service";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { callerFor, ownerWithOrg } from "../../helpers/callers";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => "allowed",
    (error: unknown) => (error instanceof AppError ? `${error.code} ${error.messageKey}` : String(error)),
  );

describe("the tenancy guard", () => {
  it("gives a limited member their granted shops, and refuses what their role lacks", async () => {
    const { caller, org } = await ownerWithOrg(t.handle, "guard");
    const shop = await caller.shops.create({ name: "授权店", category: "beauty" });
    await caller.shops.create({ name: "未授权店", category: "beauty" });
    const viewer = await createUser(t.handle, { email: `guard-viewer-${Date.now()}@example.test`, password: "correct horse battery", name: "viewer" });
    const invitation = await caller.members.invite({ role: "viewer", shopIds: [shop.id] });
    await acceptInvitation(t.handle, { token: invitation.token, userId: viewer.id });
    const session = { userId: viewer.id, sessionVersion: 1 };

    expect(await resolveOrgScope(t.handle, session, org.orgId, "shops.read")).toEqual({ orgId: org.orgId, userId: viewer.id, role: "viewer", shopIds: [shop.id] });
    expect(await refusal(resolveOrgScope(t.handle, session, org.orgId, "shops.write"))).toBe("FORBIDDEN errors.forbidden");
    // The work runs in the guard's RLS-scoped transaction: it sees the organisation's rows and nobody else's.
    const tenant = await withOrgScope(t.handle, session, org.orgId, "shops.read", async (tx) => rowsOf(await tx.execute(sql`select current_setting('app.org_id') as org`)));
    expect(tenant).toEqual([{ org: org.orgId }]);
  });

  it("refuses a signed-out caller, a stale session, a missing organisation and a non-member, with the keys the UI reads", async () => {
    const a = await ownerWithOrg(t.handle, "guardA");
    const b = await ownerWithOrg(t.handle, "guardB");
    const session = { userId: a.user.id, sessionVersion: 1 };
    expect(await refusal(resolveOrgScope(t.handle, null, a.org.orgId, "org.read"))).toBe("UNAUTHORIZED errors.signInRequired");
    expect(await refusal(resolveOrgScope(t.handle, session, null, "org.read"))).toBe("BAD_INPUT errors.noOrganisation");
    expect(await refusal(resolveOrgScope(t.handle, session, "not-a-uuid", "org.read"))).toBe("BAD_INPUT errors.noOrganisation");
    expect(await refusal(resolveOrgScope(t.handle, session, b.org.orgId, "org.read"))).toBe("FORBIDDEN errors.notAMember");

    await withTenant(t.handle, { orgId: null, userId: a.user.id }, (tx) => bumpSessionVersion(tx, a.user.id));
    expect(await refusal(resolveOrgScope(t.handle, session, a.org.orgId, "org.read"))).toBe("UNAUTHORIZED errors.signInRequired");

    // Procedures answer the same, with the message key the org shell looks for.
    const signedOut = await callerFor(t.handle, null, a.org.orgId);
    const noOrg = await callerFor(t.handle, b.user.id, null);
    for (const [call, code, messageKey] of [
      [signedOut.orgs.current(), "UNAUTHORIZED", "errors.signInRequired"],
      [noOrg.orgs.current(), "BAD_REQUEST", "errors.noOrganisation"],
      [noOrg.imports.list(), "BAD_REQUEST", "errors.noOrganisation"],
    ] as const) {
      const error = await call.then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCError);
      expect(error).toMatchObject({ code, message: messageKey, cause: { messageKey } });
    }
  });
});
