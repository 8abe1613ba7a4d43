import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "@/server/api/org-scope";
import { createCaller } from "@/server/api/root";
import { routeScope, type RouteEnv } from "@/server/api/route-scope";
import { AppError } from "@/server/lib/errors";
import { verifyCredentials } from "@/server/users/service";
import { ownerWithOrg } from "../../helpers/callers";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

const PASSWORD = "correct horse battery";

/** What a browser holds: the session (JWT claims) as it was at sign-in, replayed later. */
async function savedSession(email: string, password = PASSWORD): Promise<Session> {
  const user = await verifyCredentials(t.handle, { email, password, address: "192.0.2.10" });
  return { userId: user.id, sessionVersion: user.sessionVersion };
}
const callerWith = (session: Session, orgId: string | null) => createCaller({ runtime: { handle: t.handle, boss: null }, session, orgId, locale: "en", ip: "192.0.2.10" });
const envWith = (session: Session): RouteEnv => ({ runtime: async () => ({ handle: t.handle, boss: null }), session: async () => session });

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (error: unknown) => (error instanceof TRPCError ? error.code : error instanceof AppError ? error.code : String(error)),
  );

/** The saved session no longer works through tRPC nor through the route handlers' guard. */
async function expectDead(session: Session, orgId: string) {
  expect(await codeOf(callerWith(session, orgId).shops.list({ includeArchived: false }))).toBe("UNAUTHORIZED");
  expect(await codeOf(callerWith(session, null).auth.me())).toBe("UNAUTHORIZED");
  const request = new Request("http://koubei.test/api/imports/upload", { headers: { "x-koubei-org": orgId } });
  expect(await codeOf(routeScope(request, "imports.write", envWith(session)))).toBe("UNAUTHORIZED");
}

describe("sessions end server-side", () => {
  it("sign-out ends a saved session, and every other one", async () => {
    const { user, org } = await ownerWithOrg(t.handle, "signout");
    const laptop = await savedSession(user.email);
    const phone = await savedSession(user.email);
    expect(await codeOf(callerWith(laptop, org.orgId).shops.list({ includeArchived: false }))).toBe("OK");
    expect(await callerWith(laptop, null).auth.signOut()).toEqual({ signedOut: true });
    await expectDead(laptop, org.orgId);
    await expectDead(phone, org.orgId);
    const fresh = await savedSession(user.email);
    expect(await codeOf(callerWith(fresh, org.orgId).shops.list({ includeArchived: false }))).toBe("OK");
  });

  it("a password change needs the current password, then ends every session and only the new password signs in", async () => {
    const { user, org } = await ownerWithOrg(t.handle, "change");
    const saved = await savedSession(user.email);
    const caller = callerWith(saved, null);
    expect(await codeOf(caller.auth.changePassword({ currentPassword: "not it", newPassword: "a new secret 42" }))).toBe("BAD_REQUEST");
    expect(await codeOf(callerWith(saved, org.orgId).shops.list({ includeArchived: false }))).toBe("OK");
    expect(await caller.auth.changePassword({ currentPassword: PASSWORD, newPassword: "a new secret 42" })).toEqual({ changed: true });
    await expectDead(saved, org.orgId);
    expect(await codeOf(verifyCredentials(t.handle, { email: user.email, password: PASSWORD, address: "192.0.2.11" }))).toBe("UNAUTHORIZED");
    const renewed = await savedSession(user.email, "a new secret 42");
    expect(await codeOf(callerWith(renewed, org.orgId).shops.list({ includeArchived: false }))).toBe("OK");
  });

  it("guessing the current password is throttled like sign-in", async () => {
    const { user } = await ownerWithOrg(t.handle, "guess-current");
    const caller = callerWith(await savedSession(user.email), null);
    const codes: string[] = [];
    for (let i = 0; i < 7; i++) codes.push(await codeOf(caller.auth.changePassword({ currentPassword: `guess ${i}`, newPassword: "a new secret 42" })));
    expect(codes.slice(0, 5)).toEqual(Array<string>(5).fill("BAD_REQUEST"));
    expect(codes.slice(5)).toEqual(["TOO_MANY_REQUESTS", "TOO_MANY_REQUESTS"]);
  });
});
