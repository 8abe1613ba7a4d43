import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveUpload } from "@/server/imports/uploads";
import { createUser } from "@/server/users/service";
import { CREATOR_ORDERS_FIXTURE, fixtureOrders } from "../../../scripts/fixtures/generate-creator-orders";
import { callerFor, ownerWithOrg, trpcCodeOf } from "../../helpers/callers";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

let t: TestDatabase;
let dataDir: string;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-creator-import-router-"));
  process.env.KOUBEI_DATA_DIR = dataDir;
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const upload = (orgId: string) => saveUpload({ orgId, userId: null, fileName: "1791430000_达人订单.csv", stream: fs.createReadStream(CREATOR_ORDERS_FIXTURE) });

describe("a creator's own orders through the API (the creator page)", () => {
  it("previews, saves a template, imports and lists the merchants; limited members and shops see none of it", async () => {
    const a = await ownerWithOrg(t.handle, "creatorImport");
    const creator = await a.caller.creators.create({ name: "小美", category: "服饰内衣", externalId: "xiaomei_haowu" });
    const shop = await a.caller.shops.create({ name: "自营店", category: "服饰内衣" });

    const uploaded = await upload(a.org.orgId);
    const preview = await a.caller.imports.preview({ uploadId: uploaded.uploadId, creatorId: creator.id });
    expect(preview).toMatchObject({ kind: "creator_orders", encoding: "gb18030", error: null });
    expect(preview.kindGuesses.map((g) => g.kind)).toEqual(["creator_orders"]);
    expect(preview.buyerColumnsDropped).toEqual(["买家昵称", "收货人手机号"]);
    expect(preview.mapping).toMatchObject({ merchant_shop_id: "店铺ID", merchant_shop_name: "店铺名称" });
    expect(preview.fields.filter((f) => f.required).map((f) => f.field)).toEqual(["order_id", "paid_at"]);
    // A shop kind into a creator, or the creator's kind into a shop, is not offered.
    expect(await trpcCodeOf(a.caller.imports.preview({ uploadId: uploaded.uploadId, creatorId: creator.id, kind: "orders" }))).toBe("NOT_FOUND");
    expect(await trpcCodeOf(a.caller.imports.confirm({ uploadId: uploaded.uploadId, shopId: shop.id, kind: "creator_orders" }))).toBe("NOT_FOUND");

    const template = await a.caller.imports.saveTemplate({ kind: "creator_orders", name: "百应达人订单", mapping: preview.mapping, encoding: "gbk" });
    expect((await a.caller.imports.templates({ kind: "creator_orders" })).map((x) => x.id)).toEqual([template.id]);

    const confirmed = await a.caller.imports.confirm({ uploadId: uploaded.uploadId, creatorId: creator.id, kind: "creator_orders", mapping: template.mapping });
    expect(confirmed.summary).toMatchObject({ status: "succeeded", inserted: fixtureOrders().length, rejected: 0 });
    const listed = await a.caller.imports.list({ creatorId: creator.id });
    expect(listed.map((i) => [i.id, i.shopName, i.creatorId])).toEqual([[confirmed.importId, "小美", creator.id]]);

    const merchants = await a.caller.creators.merchants({ id: creator.id, day: "2026-05-21" });
    expect(merchants.merchants.map((m) => m.merchantShopId).sort()).toEqual(["20571234", "20584410", "20610077"]);
    expect(merchants.merchants.reduce((n, m) => n + m.orders, 0)).toBe(fixtureOrders().filter((o) => o.status !== "已失效" && o.paidAt >= new Date("2026-02-19T16:00:00Z")).length);

    const viewer = await createUser(t.handle, { email: `creator-viewer-${Date.now()}@example.test`, password: "correct horse battery", name: "viewer" });
    const invitation = await a.caller.members.invite({ role: "viewer", shopIds: [shop.id] });
    await (await callerFor(t.handle, viewer.id)).auth.acceptInvitation({ token: invitation.token });
    const limited = await callerFor(t.handle, viewer.id, a.org.orgId);
    expect(await trpcCodeOf(limited.creators.merchants({ id: creator.id }))).toBe("NOT_FOUND");
    expect(await trpcCodeOf(limited.imports.get({ importId: confirmed.importId }))).toBe("NOT_FOUND");
    expect(await limited.imports.list()).toEqual([]);

    const b = await ownerWithOrg(t.handle, "creatorImportOther");
    expect(await trpcCodeOf(b.caller.creators.merchants({ id: creator.id }))).toBe("NOT_FOUND");

    // Another organisation lists the merchant's shop (its 店铺ID is the platform id): the card sits beside the
    // creator's own figures, with only the listed fields, and goes when unlisted.
    expect(merchants.merchants.every((m) => m.card === null)).toBe(true);
    const merchantShop = await b.caller.shops.create({ name: "商家 20571234", category: "服饰内衣", externalId: "20571234" });
    const listedCard = await b.caller.directory.list({ kind: "shop", id: merchantShop.id, fields: ["overall"], contact: "hidden-contact" });
    const withCard = await a.caller.creators.merchants({ id: creator.id, day: "2026-05-21" });
    const matched = withCard.merchants.find((m) => m.merchantShopId === "20571234");
    expect(matched?.card).toMatchObject({ card: listedCard.cardId });
    expect(matched?.card && Object.keys(matched.card).sort()).toEqual(["card", "day", "overall", "scale", "scoreDecimals"]);
    expect(withCard.merchants.filter((m) => m.card !== null)).toHaveLength(1);
    expect(JSON.stringify(withCard)).not.toContain(merchantShop.id);
    expect(JSON.stringify(withCard)).not.toContain("hidden-contact");
    await b.caller.directory.unlist({ kind: "shop", id: merchantShop.id });
    expect((await a.caller.creators.merchants({ id: creator.id, day: "2026-05-21" })).merchants.every((m) => m.card === null)).toBe(true);
    expect(await trpcCodeOf(b.caller.imports.preview({ uploadId: (await upload(b.org.orgId)).uploadId, creatorId: creator.id }))).toBe("NOT_FOUND");
  });
});
