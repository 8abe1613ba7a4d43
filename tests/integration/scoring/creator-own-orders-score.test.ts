import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { categoriseReason } from "@/server/catalog/aftersale-reasons";
import { runImport } from "@/server/imports/service";
import { rescoreOrganisation } from "@/server/scoring/rescore";
import { CREATOR_ORDERS_FIXTURE, fixtureOrders } from "../../../scripts/fixtures/generate-creator-orders";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

/**
 * The same orders reach two creator accounts of two organisations: one through its own 达人订单
 * export (creator_orders), the other as orders carrying its author id in a shop of its
 * organisation (reviews and after-sales in their own tables). One engine, the same facts: the
 * same score to the last digit.
 */
const DAY = "2026-05-21";
let t: TestDatabase;

async function orgWithCreator(name: string, externalId: string) {
  const orgId = randomUUID();
  await withTenant(t.handle, { orgId }, (tx) => tx.insert(schema.organisations).values({ orgId, name }));
  const [creator] = await withTenant(t.handle, { orgId }, (tx) =>
    tx.insert(schema.creators).values({ orgId, externalId, name, categoryCode: "apparel" }).returning({ id: schema.creators.id }),
  );
  return { orgId, creatorId: creator?.id ?? "", userId: null };
}

const snapshotOf = (org: { orgId: string; creatorId: string }) =>
  withTenant(t.handle, org, async (tx) => {
    const [row] = await tx
      .select()
      .from(schema.scoreSnapshots)
      .where(and(eq(schema.scoreSnapshots.orgId, org.orgId), eq(schema.scoreSnapshots.entityKind, "creator"), eq(schema.scoreSnapshots.entityId, org.creatorId), eq(schema.scoreSnapshots.day, DAY)));
    return row;
  });

beforeAll(async () => {
  t = await openTestDatabase();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe("a creator's score from its own imported orders", () => {
  it("equals the engine's score of the same facts reaching it through a shop", async () => {
    const imported = await orgWithCreator("imported", "xiaomei_haowu");
    const summary = await runImport(t.handle, imported, { creatorId: imported.creatorId, kind: "creator_orders", source: { path: CREATOR_ORDERS_FIXTURE }, fileName: "creator_orders.csv" });
    expect(summary.status).toBe("succeeded");

    const viaShop = await orgWithCreator("via shop", "author-x");
    const [shop] = await withTenant(t.handle, viaShop, (tx) =>
      tx.insert(schema.shops).values({ orgId: viaShop.orgId, externalId: "shop-x", name: "店铺 X", categoryCode: "apparel" }).returning({ id: schema.shops.id }),
    );
    const orders = fixtureOrders();
    await withTenant(t.handle, viaShop, (tx) =>
      insertShopFacts(tx, viaShop.orgId, shop?.id ?? "", {
        orders: orders.map((o) => ({ orderId: o.orderId, paidAt: o.paidAt, orderType: "normal", status: o.status === "已失效" ? "cancelled" : o.status, deliveredAt: o.deliveredAt, authorId: "author-x" })),
        reviews: orders.flatMap((o) => (o.review ? [{ orderId: o.orderId, reviewedAt: o.review.reviewedAt, productStars: o.review.productStars, logisticsStars: null, serviceStars: null }] : [])),
        afterSales: orders.flatMap((o) =>
          o.aftersale
            ? [
                {
                  aftersaleId: o.aftersale.id,
                  orderId: o.orderId,
                  type: o.aftersale.type === "仅退款" ? "refund_only" : "return_refund",
                  reason: o.aftersale.reason,
                  reasonCategory: categoriseReason(o.aftersale.reason),
                  appliedAt: o.aftersale.appliedAt,
                  completedAt: o.aftersale.completedAt,
                  completedBy: null,
                },
              ]
            : [],
        ),
        complaints: [],
        chats: [],
      }),
    );

    await rescoreOrganisation(t.handle, imported.orgId, DAY);
    await rescoreOrganisation(t.handle, viaShop.orgId, DAY);
    const a = await snapshotOf(imported);
    const b = await snapshotOf(viaShop);
    expect(a?.state).toBe("scored");
    expect(a?.validOrders).toBeGreaterThanOrEqual(30);
    expect([a?.state, a?.validOrders, a?.overall]).toEqual([b?.state, b?.validOrders, b?.overall]);
    // The whole explanation — every indicator's value, numerator and denominator — but the entity's own id.
    const explanation = (result: Record<string, unknown> | null | undefined) => JSON.stringify({ ...result, entityKey: null });
    expect(explanation(a?.result)).toBe(explanation(b?.result));
  }, 300_000);
});
