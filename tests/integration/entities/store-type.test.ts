import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownerWithOrg } from "../../helpers/callers";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

let t: TestDatabase;
let owner: Awaited<ReturnType<typeof ownerWithOrg>>;
let stranger: Awaited<ReturnType<typeof ownerWithOrg>>;

beforeAll(async () => {
  t = await openTestDatabase();
  owner = await ownerWithOrg(t.handle, "store type");
  stranger = await ownerWithOrg(t.handle, "store type stranger");
});
afterAll(async () => {
  await t?.close();
});

describe("a shop's store type (店铺类型)", () => {
  it("is ordinary unless given, and is changed with the category through shops.update", async () => {
    const created = await owner.caller.shops.create({ name: "店型测试", category: "beauty", externalId: "store-type-1" });
    expect(created.storeType).toBe("ordinary");
    const flagship = await owner.caller.shops.create({ name: "旗舰测试", category: "beauty", externalId: "store-type-2", storeType: "flagship" });
    expect(flagship.storeType).toBe("flagship");

    const updated = await owner.caller.shops.update({ id: created.id, category: "apparel", storeType: "specialty" });
    expect(updated).toMatchObject({ categoryCode: "apparel", storeType: "specialty" });
    // An update that does not name it keeps it.
    expect(await owner.caller.shops.update({ id: created.id, name: "店型测试2" })).toMatchObject({ storeType: "specialty" });
    expect(await owner.caller.shops.get({ id: created.id })).toMatchObject({ storeType: "specialty" });
  });

  it("refuses an unknown store type with the store-type message on that field, and another organisation's shop", async () => {
    const shop = await owner.caller.shops.create({ name: "店型校验", category: "beauty", externalId: "store-type-3" });
    const refused = await owner.caller.shops.update({ id: shop.id, storeType: "outlet" as never }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TRPCError);
    expect(refused).toMatchObject({ code: "BAD_REQUEST" });
    const issues = (refused as TRPCError).cause instanceof ZodError ? ((refused as TRPCError).cause as ZodError).issues : [];
    expect(issues.map((i) => [i.path.join("."), i.message])).toEqual([["storeType", "errors.storeType"]]);
    expect((await owner.caller.shops.get({ id: shop.id })).storeType).toBe("ordinary");
    await expect(stranger.caller.shops.update({ id: shop.id, storeType: "flagship" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
