import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoredEntityKinds, type ScoredEntityKind } from "@/lib/contracts/entities";
import { withTenant } from "@/server/db/tenant";
import { findEntityByRef } from "@/server/entities/queries";
import { upsertEntities } from "@/server/entities/service";
import { systemScope } from "@/server/lib/scope";
import { createUser } from "@/server/users/service";
import { callerFor, ownerWithOrg } from "../../helpers/callers";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

/** "OK", or the tRPC code a call was refused with. */
const codeOf = (call: Promise<unknown>) => call.then(() => "OK", (error: unknown) => (error instanceof TRPCError ? error.code : String(error)));

type Caller = Awaited<ReturnType<typeof callerFor>>;

/** What each kind adds to the shared fields, and a value of it to write and to search for. */
const KIND_CASES: { kind: ScoredEntityKind; extra: { openedAt: string } | { handle: string }; searchable: string | null }[] = [
  { kind: "shop", extra: { openedAt: "2025-03-01" }, searchable: null },
  { kind: "creator", extra: { handle: "dy_lulu88" }, searchable: "lulu88" },
];

describe.each(KIND_CASES)("the scored-entity module for $kind", ({ kind, extra, searchable }) => {
  const info = scoredEntityKinds[kind];
  const api = (caller: Caller) => caller[info.plural];
  let counter = 0;
  const platformId = () => `${kind}-${++counter}-${Date.now().toString(36)}`;

  it("creates, reads, lists with search and category, updates and archives", async () => {
    const { caller } = await ownerWithOrg(t.handle, `${kind}-crud`);
    const first = await api(caller).create({ name: "云裳女装", category: "服饰内衣", externalId: platformId(), ...extra });
    await api(caller).create({ name: "花漾美妆", category: "Beauty", externalId: platformId() });
    expect(first).toMatchObject({ name: "云裳女装", categoryCode: "apparel", ruleSet: info.defaultRuleSet, archivedAt: null, ...extra });
    expect(await api(caller).get({ id: first.id })).toMatchObject({ id: first.id, ...extra });

    const names = async (input: { search?: string; category?: string; includeArchived: boolean }) =>
      (await api(caller).list(input)).map((row) => row.name);
    expect(await names({ includeArchived: false })).toEqual(["花漾美妆", "云裳女装"].sort());
    expect(await names({ search: "美妆", includeArchived: false })).toEqual(["花漾美妆"]);
    expect(await names({ search: first.externalId, includeArchived: false })).toEqual(["云裳女装"]);
    expect(await names({ category: "美妆", includeArchived: false })).toEqual(["花漾美妆"]);
    if (searchable) expect(await names({ search: searchable, includeArchived: false })).toEqual(["云裳女装"]);

    const renamedId = platformId();
    const updated = await api(caller).update({ id: first.id, name: "云裳旗舰", externalId: renamedId });
    expect(updated).toMatchObject({ name: "云裳旗舰", externalId: renamedId, categoryCode: "apparel", ...extra });
    const cleared = await api(caller).update({ id: first.id, ...Object.fromEntries(info.fields.map((field) => [field, null])) });
    for (const field of info.fields) expect(cleared).toMatchObject({ [field]: null });

    await api(caller).setArchived({ id: first.id, archived: true });
    expect(await names({ includeArchived: false })).toEqual(["花漾美妆"]);
    expect(await names({ includeArchived: true })).toContain("云裳旗舰");
    expect((await api(caller).setArchived({ id: first.id, archived: false })).archivedAt).toBeNull();
  });

  it("refuses a taken platform id, an unknown category and a malformed platform id", async () => {
    const { caller } = await ownerWithOrg(t.handle, `${kind}-bad`);
    const taken = platformId();
    const a = await api(caller).create({ name: "A", category: "beauty", externalId: taken });
    const b = await api(caller).create({ name: "B", category: "beauty", externalId: platformId() });
    expect(await codeOf(api(caller).create({ name: "C", category: "beauty", externalId: taken }))).toBe("CONFLICT");
    expect(await codeOf(api(caller).update({ id: b.id, externalId: taken }))).toBe("CONFLICT");
    expect(await codeOf(api(caller).update({ id: a.id, externalId: taken }))).toBe("OK");
    expect(await codeOf(api(caller).create({ name: "D", category: "不存在", externalId: platformId() }))).toBe("BAD_REQUEST");
    expect(await codeOf(api(caller).create({ name: "E", category: "beauty", externalId: "has space" }))).toBe("BAD_REQUEST");
    // Platform ids are unique per organisation: another one may use the same id.
    const other = await ownerWithOrg(t.handle, `${kind}-other`);
    expect(await codeOf(api(other.caller).create({ name: "A", category: "beauty", externalId: taken }))).toBe("OK");
  });

  it("answers NOT_FOUND for another organisation's entity, and leaves it unchanged", async () => {
    const victim = await ownerWithOrg(t.handle, `${kind}-victim`);
    const attacker = await ownerWithOrg(t.handle, `${kind}-attacker`);
    const secret = await api(victim.caller).create({ name: "机密", category: "beauty", externalId: platformId() });
    expect(await codeOf(api(attacker.caller).get({ id: secret.id }))).toBe("NOT_FOUND");
    expect(await codeOf(api(attacker.caller).update({ id: secret.id, name: "hacked" }))).toBe("NOT_FOUND");
    expect(await codeOf(api(attacker.caller).setArchived({ id: secret.id, archived: true }))).toBe("NOT_FOUND");
    expect(await api(attacker.caller).list({ includeArchived: true })).toEqual([]);
    const attackerNamingVictim = await callerFor(t.handle, attacker.user.id, victim.org.orgId);
    // Not a member of the victim's organisation: refused outright, whichever answer the guard gives.
    expect(["FORBIDDEN", "NOT_FOUND"]).toContain(await codeOf(api(attackerNamingVictim).get({ id: secret.id })));
    expect(await api(victim.caller).get({ id: secret.id })).toMatchObject({ name: "机密", archivedAt: null });
  });

  it("shows a member limited to some shops only what the kind's grants allow", async () => {
    const { caller: owner, org } = await ownerWithOrg(t.handle, `${kind}-grants`);
    const grantedShop = await owner.shops.create({ name: "授权店", category: "beauty" });
    const granted = kind === "shop" ? grantedShop : await api(owner).create({ name: "达人甲", category: "beauty", externalId: platformId() });
    const hidden = await api(owner).create({ name: "其他", category: "beauty", externalId: platformId() });
    const invite = await owner.members.invite({ role: "analyst", shopIds: [grantedShop.id] });
    const user = await createUser(t.handle, { email: `${kind}-limited-${Date.now()}@example.test`, password: "password123", name: "L" });
    await (await callerFor(t.handle, user.id)).auth.acceptInvitation({ token: invite.token });
    const limited = await callerFor(t.handle, user.id, org.orgId);

    const seen = (await api(limited).list({ includeArchived: true })).map((row) => row.id);
    expect(seen).toEqual(info.grantScoped ? [granted.id] : []);
    expect(await codeOf(api(limited).get({ id: granted.id }))).toBe(info.grantScoped ? "OK" : "NOT_FOUND");
    expect(await codeOf(api(limited).get({ id: hidden.id }))).toBe("NOT_FOUND");
    expect(await codeOf(api(limited).update({ id: hidden.id, name: "x" }))).toBe("NOT_FOUND");
    expect(await codeOf(api(limited).setArchived({ id: hidden.id, archived: true }))).toBe("NOT_FOUND");
    expect((await api(owner).get({ id: hidden.id })).name).toBe("其他");
  });

  it("upserts a list by platform id without duplicates, and finds an entity by id, platform id or name", async () => {
    const { org } = await ownerWithOrg(t.handle, `${kind}-bulk`);
    const scope = systemScope(org.orgId);
    const first = { name: "甲", externalId: platformId(), category: "beauty" };
    const second = { name: "乙", externalId: platformId(), category: "服饰内衣" };
    const rows = [first, second];
    const run = (list: typeof rows) => withTenant(t.handle, { orgId: org.orgId }, (tx) => upsertEntities(tx, scope, kind, list));
    expect(await run(rows)).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect(await run(rows)).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const renamed = await run([{ ...first, name: "甲改" }]);
    expect(renamed).toMatchObject({ created: 0, updated: 1, unchanged: 0 });

    const find = (ref: string) => withTenant(t.handle, { orgId: org.orgId }, (tx) => findEntityByRef(tx, scope, kind, ref));
    const byPlatformId = await find(second.externalId);
    expect(byPlatformId.name).toBe("乙");
    expect((await find(byPlatformId.id)).id).toBe(byPlatformId.id);
    expect((await find("甲改")).externalId).toBe(first.externalId);
    await expect(find("no-such-entity")).rejects.toMatchObject({ messageKey: `errors.${info.notFoundKey}` });
  });
});
