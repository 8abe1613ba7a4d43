import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCORED_ENTITY_KINDS } from "@/lib/contracts/entities";
import { ownerWithOrg } from "../../helpers/callers";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

let t: TestDatabase;
let owner: Awaited<ReturnType<typeof ownerWithOrg>>;
let stranger: Awaited<ReturnType<typeof ownerWithOrg>>;

beforeAll(async () => {
  t = await openTestDatabase();
  owner = await ownerWithOrg(t.handle, "alias");
  stranger = await ownerWithOrg(t.handle, "stranger");
});
afterAll(async () => {
  await t?.close();
});

describe.each(SCORED_ENTITY_KINDS)("alias and owner of a %s", (kind) => {
  const api = () => (kind === "shop" ? owner.caller.shops : owner.caller.creators);

  it("are stored, changed and cleared through create and update", async () => {
    const created = await api().create({ name: `${kind} 别名测试`, category: "beauty", externalId: `alias-${kind}`, alias: " 主推 ", ownerUserId: owner.user.id });
    expect(created).toMatchObject({ alias: "主推", ownerUserId: owner.user.id });
    const cleared = await api().update({ id: created.id, alias: "", ownerUserId: null });
    expect(cleared).toMatchObject({ alias: null, ownerUserId: null });
    const [row] = (await owner.caller.portfolio.page({ search: `${kind} 别名测试` })).rows;
    expect(row).toMatchObject({ kind, alias: null, owner: null });
  });

  it("refuse an owner who is not a member of the organisation", async () => {
    await expect(api().create({ name: `${kind} 外人`, category: "beauty", externalId: `stranger-${kind}`, ownerUserId: stranger.user.id })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "errors.ownerNotMember",
    });
    const created = await api().create({ name: `${kind} 成员`, category: "beauty", externalId: `member-${kind}` });
    await expect(api().update({ id: created.id, ownerUserId: stranger.user.id })).rejects.toMatchObject({ message: "errors.ownerNotMember" });
  });
});
