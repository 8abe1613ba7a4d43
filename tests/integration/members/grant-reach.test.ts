import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/contracts/members";
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

/** The refusal's message key, or "OK". */
const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return `${error.code} ${error.message}`;
  }
};

let counter = 0;

/** An organisation with three shops and an owner, plus a way to add members with a role and shops. */
async function organisation() {
  const owner = await ownerWithOrg(t.handle, "reach");
  const shops = await Promise.all(["甲店", "乙店", "丙店"].map((name) => owner.caller.shops.create({ name, category: "beauty" })));
  const join = async (role: Role, shopIds: string[]) => {
    const invite = await owner.caller.members.invite({ role, shopIds });
    counter++;
    const user = await createUser(t.handle, { email: `reach-${role}-${counter}-${Date.now()}@example.test`, password: "password123", name: `${role} ${counter}` });
    await (await callerFor(t.handle, user.id)).auth.acceptInvitation({ token: invite.token });
    return { user, caller: await callerFor(t.handle, user.id, owner.org.orgId) };
  };
  return { owner, shops, join };
}

describe("nobody grants more than they hold", () => {
  it("a limited admin cannot lift its own limit, widen its shops, invite beyond them or reach wider members", async () => {
    const { owner, shops, join } = await organisation();
    const [a, b, c] = shops.map((s) => s.id) as [string, string, string];
    const admin = await join("admin", [a, b]);
    const wide = await join("analyst", []);
    const me = admin.user.id;

    expect(await refusal(admin.caller.members.setShopGrants({ userId: me, limited: false, shopIds: [] }))).toBe("FORBIDDEN errors.grantBeyondOwn");
    expect(await refusal(admin.caller.members.setShopGrants({ userId: me, limited: true, shopIds: [a, b, c] }))).toBe("FORBIDDEN errors.grantBeyondOwn");
    expect(await refusal(admin.caller.members.invite({ role: "admin", shopIds: [] }))).toBe("FORBIDDEN errors.grantBeyondOwn");
    expect(await refusal(admin.caller.members.invite({ role: "viewer", shopIds: [a, c] }))).toBe("FORBIDDEN errors.grantBeyondOwn");
    expect(await refusal(admin.caller.members.invite({ role: "owner", shopIds: [a] }))).toBe("FORBIDDEN errors.onlyOwnerManagesOwners");
    // A member who sees every shop is beyond a limited admin: no restricting, demoting or removing it.
    expect(await refusal(admin.caller.members.setShopGrants({ userId: wide.user.id, limited: true, shopIds: [a] }))).toBe("FORBIDDEN errors.memberOutOfReach");
    expect(await refusal(admin.caller.members.changeRole({ userId: wide.user.id, role: "viewer" }))).toBe("FORBIDDEN errors.memberOutOfReach");
    expect(await refusal(admin.caller.members.remove({ userId: wide.user.id }))).toBe("FORBIDDEN errors.memberOutOfReach");

    // Within its own shops it still manages: invites, narrows itself, limits a member it reaches.
    expect(await refusal(admin.caller.members.invite({ role: "analyst", shopIds: [a] }))).toBe("OK");
    const narrow = await join("viewer", [a]);
    expect(await refusal(admin.caller.members.setShopGrants({ userId: narrow.user.id, limited: true, shopIds: [a, b] }))).toBe("OK");
    expect(await refusal(admin.caller.members.changeRole({ userId: narrow.user.id, role: "admin" }))).toBe("OK");
    expect(await refusal(admin.caller.members.setShopGrants({ userId: me, limited: true, shopIds: [a] }))).toBe("OK");

    // The grants the owner sees are what the admin was allowed to give, nothing more.
    const members = await owner.caller.members.list();
    expect(members.find((m) => m.userId === me)).toMatchObject({ limitedToGrants: true, shopIds: [a] });
    expect(members.find((m) => m.userId === wide.user.id)).toMatchObject({ limitedToGrants: false, role: "analyst" });
    // Invitations beyond its shops are not listed to it.
    expect((await admin.caller.members.invitations()).every((inv) => inv.shopIds.length > 0 && inv.shopIds.every((s) => s === a))).toBe(true);
    expect((await owner.caller.members.invitations()).length).toBeGreaterThan((await admin.caller.members.invitations()).length);
  });

  it("an admin cannot restrict, demote or remove an owner, nor make one", async () => {
    const { owner, shops, join } = await organisation();
    const admin = await join("admin", []);
    const ownerId = owner.user.id;
    const shopId = shops[0]?.id ?? "";
    expect(await refusal(admin.caller.members.setShopGrants({ userId: ownerId, limited: true, shopIds: [shopId] }))).toBe("FORBIDDEN errors.onlyOwnerManagesOwners");
    expect(await refusal(admin.caller.members.changeRole({ userId: ownerId, role: "viewer" }))).toBe("FORBIDDEN errors.onlyOwnerManagesOwners");
    expect(await refusal(admin.caller.members.remove({ userId: ownerId }))).toBe("FORBIDDEN errors.onlyOwnerManagesOwners");
    expect(await refusal(admin.caller.members.changeRole({ userId: admin.user.id, role: "owner" }))).toBe("FORBIDDEN errors.onlyOwnerManagesOwners");
    expect((await owner.caller.members.list()).find((m) => m.userId === ownerId)).toMatchObject({ role: "owner", limitedToGrants: false });
    // An unlimited admin still manages everyone below the owners.
    const analyst = await join("analyst", []);
    expect(await refusal(admin.caller.members.setShopGrants({ userId: analyst.user.id, limited: true, shopIds: [shopId] }))).toBe("OK");
  });
});

describe("a limited member sees only what it needs of the others", () => {
  it("a viewer limited to one shop sees itself in full and only the names and roles of the others", async () => {
    const { owner, shops, join } = await organisation();
    const [a, b] = shops.map((s) => s.id) as [string, string];
    const viewer = await join("viewer", [a]);
    const other = await join("analyst", [b]);
    const seen = await viewer.caller.members.list();
    expect(seen).toHaveLength(3);
    expect(seen.find((m) => m.userId === viewer.user.id)).toMatchObject({ email: viewer.user.email, limitedToGrants: true, shopIds: [a], manageable: false });
    for (const m of seen.filter((x) => x.userId !== viewer.user.id)) {
      expect(m).toMatchObject({ email: null, limitedToGrants: null, shopIds: [], manageable: false });
      expect(m.name).toBeTruthy();
    }
    const body = JSON.stringify(seen);
    expect(body).not.toContain(owner.user.email);
    expect(body).not.toContain(other.user.email);
    expect(body).not.toContain(b);
    // Members who see every shop still see everyone in full.
    const full = await owner.caller.members.list();
    expect(full.find((m) => m.userId === other.user.id)).toMatchObject({ email: other.user.email, shopIds: [b] });
  });

  it("a limited admin sees in full the members it may manage, and not the others", async () => {
    const { owner, shops, join } = await organisation();
    const [a, b] = shops.map((s) => s.id) as [string, string];
    const admin = await join("admin", [a, b]);
    const inside = await join("viewer", [a]);
    const outside = await join("viewer", []);
    const seen = await admin.caller.members.list();
    expect(seen.find((m) => m.userId === inside.user.id)).toMatchObject({ email: inside.user.email, manageable: true });
    expect(seen.find((m) => m.userId === outside.user.id)).toMatchObject({ email: null, manageable: false });
    expect(seen.find((m) => m.userId === owner.user.id)).toMatchObject({ email: null, manageable: false });
  });
});
