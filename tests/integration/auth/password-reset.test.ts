import { eq, sql } from "drizzle-orm";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { passwordResetTokens } from "@/db/schema";
import { hashSecretToken } from "@/server/auth/secret-token";
import { createCaller } from "@/server/api/root";
import { withTenant } from "@/server/db/tenant";
import { AppError } from "@/server/lib/errors";
import { acceptInvitation } from "@/server/invitations/service";
import { createUser, verifyCredentials } from "@/server/users/service";
import { callerFor, ownerWithOrg } from "../../helpers/callers";
import { startMailCatcher } from "../../helpers/mail-catcher";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

let t: TestDatabase;
let mail: Awaited<ReturnType<typeof startMailCatcher>>;
const saved = { smtp: process.env.SMTP_URL, publicUrl: process.env.KOUBEI_PUBLIC_URL };
beforeAll(async () => {
  t = await openTestDatabase();
  mail = await startMailCatcher();
  process.env.SMTP_URL = mail.url;
  process.env.KOUBEI_PUBLIC_URL = "https://koubei.example";
});
afterAll(async () => {
  process.env.SMTP_URL = saved.smtp;
  process.env.KOUBEI_PUBLIC_URL = saved.publicUrl;
  await mail?.close();
  await t?.close();
});

const PASSWORD = "correct horse battery";
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (error: unknown) => (error instanceof TRPCError ? error.code : error instanceof AppError ? error.code : String(error)),
  );
const signsIn = (email: string, password: string) =>
  codeOf(verifyCredentials(t.handle, { email, password, address: `192.0.2.${Math.floor(Math.random() * 200)}` }));
const tokenOf = (link: string) => link.slice(link.lastIndexOf("/") + 1);

describe("password reset by e-mailed link", () => {
  it("mails a link that works once, ends old sessions, and answers the same for unknown addresses", async () => {
    const { user } = await ownerWithOrg(t.handle, "reset");
    const pub = await callerFor(t.handle, null);
    const before = await callerFor(t.handle, user.id);
    expect(await pub.auth.requestPasswordReset({ email: user.email })).toEqual({ status: "accepted" });
    expect(await pub.auth.requestPasswordReset({ email: `nobody-${Date.now()}@example.test` })).toEqual({ status: "accepted" });

    const [received] = await mail.waitFor(user.email);
    const link = /https:\/\/koubei\.example\/reset-password\/[\w-]+/.exec(received?.text ?? "")?.[0];
    expect(link, received?.text).toBeDefined();
    const token = tokenOf(link ?? "");
    // Only the hash is stored.
    const stored = await withTenant(t.handle, { orgId: null }, (tx) => tx.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, user.id)));
    expect(stored.map((r) => r.tokenHash)).toEqual([hashSecretToken(token)]);

    expect(await pub.auth.resetPassword({ token, newPassword: "reset secret 42" })).toEqual({ changed: true });
    expect(await codeOf(pub.auth.resetPassword({ token, newPassword: "second use 42" }))).toBe("NOT_FOUND");
    expect(await signsIn(user.email, "reset secret 42")).toBe("OK");
    expect(await signsIn(user.email, PASSWORD)).toBe("UNAUTHORIZED");
    expect(await codeOf(before.auth.me())).toBe("UNAUTHORIZED");
    expect(mail.mails.filter((m) => m.to.some((to) => to.startsWith("nobody-")))).toEqual([]);
  });

  it("refuses an expired link", async () => {
    const { user } = await ownerWithOrg(t.handle, "expired");
    const pub = await callerFor(t.handle, null);
    await pub.auth.requestPasswordReset({ email: user.email });
    const [received] = await mail.waitFor(user.email);
    const token = tokenOf(/\/reset-password\/[\w-]+/.exec(received?.text ?? "")?.[0] ?? "");
    await withTenant(t.handle, { orgId: null }, (tx) =>
      tx.update(passwordResetTokens).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(passwordResetTokens.tokenHash, hashSecretToken(token))),
    );
    expect(await codeOf(pub.auth.resetPassword({ token, newPassword: "too late 4242" }))).toBe("NOT_FOUND");
    expect(await signsIn(user.email, PASSWORD)).toBe("OK");
  });

  it("limits reset mails to one address so nobody can flood an inbox", async () => {
    const { user } = await ownerWithOrg(t.handle, "flood");
    // Its own client address: the per-address limit is not what this test is about.
    const pub = createCaller({ runtime: { handle: t.handle, boss: null }, session: null, orgId: null, locale: "en", ip: "192.0.2.250" });
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push(await codeOf(pub.auth.requestPasswordReset({ email: user.email })));
    expect(codes).toEqual(["OK", "OK", "OK", "TOO_MANY_REQUESTS", "TOO_MANY_REQUESTS"]);
  });
});

describe("owner-issued reset link", () => {
  it("gives the owner a one-time link for a member of this organisation only", async () => {
    const { caller: owner, org } = await ownerWithOrg(t.handle, "owner-link");
    const member = await createUser(t.handle, { email: `member-${Date.now()}@example.test`, password: PASSWORD, name: "M" });
    const invite = await owner.members.invite({ role: "admin", shopIds: [] });
    await acceptInvitation(t.handle, { token: invite.token, userId: member.id });

    const issued = await owner.members.resetLink({ userId: member.id });
    expect(issued.path).toMatch(/^\/reset-password\/[\w-]+$/);
    const pub = await callerFor(t.handle, null);
    await pub.auth.resetPassword({ token: tokenOf(issued.path), newPassword: "handed over 42" });
    expect(await signsIn(member.email, "handed over 42")).toBe("OK");
    expect(await codeOf(pub.auth.resetPassword({ token: tokenOf(issued.path), newPassword: "again 424242" }))).toBe("NOT_FOUND");

    // An admin is not an owner.
    const admin = await callerFor(t.handle, member.id, org.orgId);
    expect(await codeOf(admin.members.resetLink({ userId: member.id }))).toBe("FORBIDDEN");
    // Not for someone outside the organisation.
    const stranger = await ownerWithOrg(t.handle, "stranger");
    expect(await codeOf(owner.members.resetLink({ userId: stranger.user.id }))).toBe("NOT_FOUND");
  });

  it("refuses a member who also belongs to another organisation (their account is not this owner's to take)", async () => {
    const { caller: owner } = await ownerWithOrg(t.handle, "shared-member");
    const other = await ownerWithOrg(t.handle, "other-org");
    const invite = await owner.members.invite({ role: "viewer", shopIds: [] });
    await acceptInvitation(t.handle, { token: invite.token, userId: other.user.id });
    expect(await codeOf(owner.members.resetLink({ userId: other.user.id }))).toBe("FORBIDDEN");
  });
});
