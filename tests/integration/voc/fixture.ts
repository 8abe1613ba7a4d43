import type { DbHandle } from "@/db/client";
import { withTenant } from "@/server/db/tenant";
import { insertShopFacts, type ShopFactRows } from "@/server/demo/insert-facts";
import { parseShanghaiWallClock } from "@/server/lib/time";
import { ownerWithOrg } from "../../helpers/callers";

/** A Shanghai wall-clock time as an instant. */
export function at(text: string): Date {
  const instant = parseShanghaiWallClock(text);
  if (!instant) throw new Error(`not a time: ${text}`);
  return instant;
}

const HOUR = 3_600_000;
type Order = ShopFactRows["orders"][number];
type AfterSale = ShopFactRows["afterSales"][number];

const order = (orderId: string, paid: string, extra: Partial<Order> = {}): Order => ({
  orderId,
  paidAt: at(paid),
  orderType: "normal",
  status: "completed",
  ...extra,
});

const afterSale = (aftersaleId: string, orderId: string, reason: string, reasonCategory: string, applied: string, extra: Partial<AfterSale> = {}): AfterSale => ({
  aftersaleId,
  orderId,
  reason,
  reasonCategory,
  appliedAt: at(applied),
  type: "return_refund",
  ...extra,
});

/**
 * Shop A carries the voice: bad reviews with text and after-sale reasons over March–May 2026, with
 * the cases that must not count (a good review, a bad review without text, a gift order's review,
 * an exempt after-sale). Expected, by hand (month: problem reviews+after-sales):
 *   2026-03  quality 1+0 (o1), size 1+0 (o2)
 *   2026-04  quality 1+1 (o3, as1), logistics 1+0 (o3), service_attitude 1+0 (o4)
 *   2026-05  description_mismatch 1+0 (o7), other 1+0 (o9), size 0+1 (as3)
 */
export function shopAFacts(): ShopFactRows {
  return {
    orders: [
      order("o1", "2026-03-05 10:00", { productId: "p1", productName: "连衣裙", authorId: "c-1" }),
      order("o2", "2026-03-06 10:00", { productId: "p2", productName: "面霜" }),
      order("o3", "2026-04-05 10:00", { productId: "p1", productName: "连衣裙", authorId: "c-1" }),
      order("o4", "2026-04-06 10:00", { productId: "p2", productName: "面霜" }),
      order("o5", "2026-04-07 10:00", { productId: "p2", productName: "面霜" }),
      order("o6", "2026-04-08 10:00", { productId: "p2", productName: "面霜" }),
      order("o7", "2026-05-02 10:00", { productId: "p3", productName: "保温杯" }),
      order("o8", "2026-05-03 10:00", { productId: "p3", productName: "保温杯", orderType: "gift" }),
      order("o9", "2026-05-04 10:00", { productId: "p3", productName: "保温杯" }),
      order("o10", "2026-04-09 10:00", { productId: "p1", productName: "连衣裙" }),
      order("o11", "2026-04-10 10:00", { productId: "p1", productName: "连衣裙" }),
      order("o12", "2026-05-05 10:00", { productId: "p2", productName: "面霜" }),
    ],
    reviews: [
      { orderId: "o1", reviewedAt: at("2026-03-10 09:00"), productStars: 1, logisticsStars: 5, serviceStars: 5, content: "质量太差，线头很多" },
      { orderId: "o2", reviewedAt: at("2026-03-11 09:00"), productStars: 2, content: "码数偏小" },
      { orderId: "o3", reviewedAt: at("2026-04-15 09:00"), productStars: 2, logisticsStars: 2, content: "质量不好，而且发货太慢" },
      { orderId: "o4", reviewedAt: at("2026-04-16 09:00"), productStars: 5, serviceStars: 1, content: "客服态度差" },
      { orderId: "o5", reviewedAt: at("2026-04-17 09:00"), productStars: 5, logisticsStars: 5, serviceStars: 5, content: "质量很好" },
      { orderId: "o6", reviewedAt: at("2026-04-18 09:00"), productStars: 1, content: "  " },
      { orderId: "o7", reviewedAt: at("2026-05-10 09:00"), productStars: 3, content: "颜色有色差" },
      { orderId: "o8", reviewedAt: at("2026-05-11 09:00"), productStars: 1, content: "质量太差" },
      { orderId: "o9", reviewedAt: at("2026-05-12 09:00"), productStars: 3, content: "一般般" },
    ],
    afterSales: [
      afterSale("as1", "o10", "质量问题", "quality", "2026-04-20 09:00"),
      afterSale("as2", "o11", "物流慢", "logistics", "2026-04-21 09:00", { exempt: true }),
      afterSale("as3", "o12", "尺码不合适", "size", "2026-05-15 09:00"),
    ],
    complaints: [],
    chats: [],
  };
}

const delivered = (paid: string, hours: number) => new Date(at(paid).getTime() + hours * HOUR);

/**
 * Shop B carries the drill-downs, as of D = 2026-06-01 (main window 2026-03-03…05-31, quality-return
 * window 2026-02-17…05-17). Expected, by hand:
 *   quality returns over 5%: p5 蓝牙耳机 1/3, p1 连衣裙 2/10 (p2 面霜 1/20 is exactly 5%, not over;
 *     p3 保温杯 0/4: f1's first after-sale is 七天无理由, f2's is exempt, f3's comes after D, f5 is cancelled;
 *     p4 卫衣: g1 was paid before the window)
 *   slowest provinces: 新疆 (120+96)/2 = 108 h, unknown 60 h, 广东 (24+48)/2 = 36 h
 *   slowest carriers: 中通 (48+120+60)/3 = 76 h, 顺丰 (24+96)/2 = 60 h
 *   after-sale reasons: 质量问题 5 of 6 (d1, d2, e1, h1, f1's second), 七天无理由 1 of 6
 *   chat hours: 22h 1/4 answered, 9h 16/20, 14h 5/5 (23h and 7h are outside service hours)
 */
export function shopBFacts(): ShopFactRows {
  const paid = "2026-04-10 10:00";
  const orders: Order[] = [];
  for (let i = 1; i <= 10; i++) orders.push(order(`d${i}`, paid, { productId: "p1", productName: "连衣裙" }));
  for (let i = 1; i <= 20; i++) orders.push(order(`e${i}`, paid, { productId: "p2", productName: "面霜" }));
  for (let i = 1; i <= 4; i++) orders.push(order(`f${i}`, paid, { productId: "p3", productName: "保温杯" }));
  orders.push(order("f5", paid, { productId: "p3", productName: "保温杯", status: "cancelled", deliveredAt: delivered(paid, 500), province: "西藏", carrier: "邮政" }));
  orders.push(order("g1", "2026-02-10 10:00", { productId: "p4", productName: "卫衣" }));
  orders.push(order("g2", paid, { productId: "p4", productName: "卫衣" }));
  for (let i = 1; i <= 3; i++) orders.push(order(`h${i}`, paid, { productId: "p5", productName: "蓝牙耳机" }));
  const deliveries: [string, string | null, string, number][] = [
    ["d1", "广东", "顺丰", 24],
    ["d2", "广东", "中通", 48],
    ["d3", "新疆", "中通", 120],
    ["d4", "新疆", "顺丰", 96],
    ["d5", null, "中通", 60],
  ];
  for (const [orderId, province, carrier, hours] of deliveries) {
    const row = orders.find((o) => o.orderId === orderId);
    if (row) Object.assign(row, { province, carrier, deliveredAt: delivered(paid, hours), pickedUpAt: delivered(paid, 2) });
  }
  // Delivered on D itself: outside the window.
  Object.assign(orders.find((o) => o.orderId === "e2") ?? {}, { province: "广东", carrier: "顺丰", deliveredAt: at("2026-06-01 08:00") });
  // A creator's order in this shop too.
  Object.assign(orders.find((o) => o.orderId === "d1") ?? {}, { authorId: "c-1" });

  const quality = (id: string, orderId: string, applied = "2026-04-12 10:00", extra: Partial<AfterSale> = {}) => afterSale(id, orderId, "质量问题", "quality", applied, extra);
  return {
    orders,
    reviews: [],
    afterSales: [
      quality("b-d1", "d1"),
      quality("b-d2", "d2"),
      quality("b-e1", "e1"),
      quality("b-h1", "h1"),
      afterSale("b-f1a", "f1", "七天无理由", "no_reason", "2026-04-12 10:00"),
      quality("b-f1b", "f1", "2026-04-13 10:00"),
      quality("b-f2", "f2", "2026-04-12 10:00", { exempt: true }),
      quality("b-f3", "f3", "2026-06-02 10:00"),
      quality("b-f5", "f5"),
      quality("b-g1", "g1", "2026-02-12 10:00"),
    ],
    complaints: [],
    chats: [
      { sessionId: "ch1", startedAt: at("2026-04-10 09:30"), customerTurns: 10, turnsAnsweredWithin3min: 9 },
      { sessionId: "ch2", startedAt: at("2026-04-11 09:10"), customerTurns: 10, turnsAnsweredWithin3min: 7 },
      { sessionId: "ch3", startedAt: at("2026-04-10 14:00"), customerTurns: 5, turnsAnsweredWithin3min: 5 },
      { sessionId: "ch4", startedAt: at("2026-04-10 22:30"), customerTurns: 4, turnsAnsweredWithin3min: 1 },
      { sessionId: "ch5", startedAt: at("2026-04-10 23:30"), customerTurns: 10, turnsAnsweredWithin3min: 0 },
      { sessionId: "ch6", startedAt: at("2026-04-10 07:00"), customerTurns: 10, turnsAnsweredWithin3min: 0 },
      { sessionId: "ch7", startedAt: at("2026-02-01 22:10"), customerTurns: 10, turnsAnsweredWithin3min: 0 },
    ],
  };
}

/** An organisation with shop A, shop B and creator c-1 (orders o1, o3 in shop A and d1 in shop B). */
export async function vocOrganisation(handle: DbHandle, label = "voc") {
  const owner = await ownerWithOrg(handle, label);
  const { caller, org } = owner;
  const shopA = await caller.shops.create({ name: "甲店 Shop A", category: "服饰内衣" });
  const shopB = await caller.shops.create({ name: "乙店 Shop B", category: "服饰内衣" });
  const creator = await caller.creators.create({ name: "达人 C1", category: "服饰内衣", externalId: "c-1" });
  await withTenant(handle, { orgId: org.orgId }, async (tx) => {
    await insertShopFacts(tx, org.orgId, shopA.id, shopAFacts());
    await insertShopFacts(tx, org.orgId, shopB.id, shopBFacts());
  });
  return { ...owner, shopA, shopB, creator };
}
