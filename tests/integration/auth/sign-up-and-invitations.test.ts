import { count, eq } from "drizzle-orm";
import { TRPCError } from "@trpc/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { users } from "@/db/schema";
import { createCaller } from "@/server/api/root";
import { passwordHasher } from "@/server/auth/password-hash";
import { withTenant } from "@/server/db/tenant";
import { AppError } from "@/server/lib/errors";
import { listMyOrganisations } from "@/server/orgs/service";
import { createUser, findUserByEmail, verifyCredentials } from "@/server/users/service";
import { callerFor, ownerWithOrg } from "../../helpers/callers";
import { startMailCatcher } from "../../helpers/mail-catcher";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

let t: TestDatabase;
let mail: Awaited<ReturnType<typeof startMailCatcher>>;
const savedSmtp = process.env.SMTP_URL;
beforeAll(async () => {
  t = await openTestDatabase();
  mail = await startMailCatcher();
  process.env.SMTP_URL = mail.url;
});
afterAll(async () => {
  process.env.SMTP_URL = savedSmtp;
  await mail?.close();
  await t?.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

const PASSWORD = "correct horse battery";
let n = 0;
const uniqueEmail = (label: string) => `${label}-${++n}-${Date.now()}@example.test`;
/** Each test signs up from its own address, so the per-address sign-up limit stays out of the way. */
const publicCaller = () => createCaller({ runtime: { handle: t.handle, boss: null }, session: null, orgId: null, locale: "en", ip: `192.0.2.${++n}` });
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (error: unknown) => (error instanceof TRPCError ? error.code : error instanceof AppError ? error.code : String(error)),
  );
const usersWithEmail = async (email: string) =>
  (await withTenant(t.handle, { orgId: null }, (tx) => tx.select({ n: count() }).from(users).where(eq(users.email, email))))[0]?.n;

describe("sign-up answers the same for free and taken addresses", () => {
  it("creates nothing for a taken address, tells its owner by mail, and replies exactly as for a new one", async () => {
    const existing = await ownerWithOrg(t.handle, "taken");
    const fresh = uniqueEmail("fresh");
    const hashes = vi.spyOn(passwordHasher, "hash");
    const forNew = await publicCaller().auth.signUp({ email: fresh, password: PASSWORD, name: "New", orgName: "新组织", orgKind: "brand" });
    const forTaken = await publicCaller().auth.signUp({ email: existing.user.email, password: "attacker's choice", name: "Intruder", orgName: "冒名组织", orgKind: "brand" });
    expect(forTaken).toEqual(forNew);
    // Both paths hash the chosen password once: the same work, whatever the address.
    expect(hashes).toHaveBeenCalledTimes(2);

    expect(await usersWithEmail(existing.user.email)).toBe(1);
    expect((await findUserByEmail(t.handle, existing.user.email))?.name).toBe("taken owner");
    expect((await listMyOrganisations(t.handle, existing.user.id)).map((o) => o.name)).not.toContain("冒名组织");
    expect(await codeOf(verifyCredentials(t.handle, { email: existing.user.email, password: PASSWORD, address: "192.0.2.200" }))).toBe("OK");
    expect(await codeOf(verifyCredentials(t.handle, { email: existing.user.email, password: "attacker's choice", address: "192.0.2.200" }))).toBe("UNAUTHORIZED");
    const [notice] = await mail.waitFor(existing.user.email);
    expect(notice?.text).toContain("/forgot-password");

    const created = await findUserByEmail(t.handle, fresh);
    expect(created && (await listMyOrganisations(t.handle, created.id)).map((o) => o.name)).toEqual(["新组织"]);
    expect(mail.mails.filter((m) => m.to.includes(fresh))).toEqual([]);
  });
});

describe("sign-in costs the same for unknown e-mails", () => {
  it("checks an unknown e-mail against a dummy hash: one verification, as for a known one", async () => {
    const { user } = await ownerWithOrg(t.handle, "timing");
    const verifications = vi.spyOn(passwordHasher, "verify");
    expect(await codeOf(verifyCredentials(t.handle, { email: user.email, password: "wrong", address: "192.0.2.201" }))).toBe("UNAUTHORIZED");
    expect(verifications).toHaveBeenCalledTimes(1);
    expect(await codeOf(verifyCredentials(t.handle, { email: uniqueEmail("nobody"), password: "wrong", address: "192.0.2.201" }))).toBe("UNAUTHORIZED");
    expect(verifications).toHaveBeenCalledTimes(2);
    const [known, unknown] = verifications.mock.calls;
    expect(unknown?.[0]).toMatch(/^\$argon2id\$/);
    expect(unknown?.[0]).not.toBe(known?.[0]);
  });
});

describe("invitations belong to the invited address", () => {
  it("masks the address on the invitation page and refuses another account", async () => {
    const { caller: owner, org } = await ownerWithOrg(t.handle, "invite-address");
    const invited = await createUser(t.handle, { email: uniqueEmail("alice"), password: PASSWORD, name: "Alice" });
    const invite = await owner.members.invite({ role: "viewer", email: invited.email, shopIds: [] });
    const pub = await callerFor(t.handle, null);
    const shown = await pub.auth.describeInvitation({ token: invite.token });
    expect(shown.email).toBe("a***@e***.test");
    expect(JSON.stringify(shown)).not.toContain(invited.email);

    const someoneElse = await ownerWithOrg(t.handle, "link-holder");
    expect(await codeOf(someoneElse.caller.auth.acceptInvitation({ token: invite.token }))).toBe("FORBIDDEN");
    expect(await codeOf(publicCaller().auth.signUp({ email: uniqueEmail("bob"), password: PASSWORD, name: "Bob", inviteToken: invite.token, orgKind: "brand" }))).toBe("FORBIDDEN");

    const alice = await callerFor(t.handle, invited.id);
    expect(await alice.auth.acceptInvitation({ token: invite.token })).toEqual({ orgId: org.orgId, role: "viewer" });
  });

  it("lets the invited address sign up and join in one step", async () => {
    const { caller: owner, org } = await ownerWithOrg(t.handle, "invite-signup");
    const email = uniqueEmail("carol");
    const invite = await owner.members.invite({ role: "analyst", email, shopIds: [] });
    await publicCaller().auth.signUp({ email, password: PASSWORD, name: "Carol", inviteToken: invite.token, orgKind: "brand" });
    const carol = await findUserByEmail(t.handle, email);
    expect(carol && (await listMyOrganisations(t.handle, carol.id)).map((o) => o.orgId)).toEqual([org.orgId]);
  });
});
