import type { DbHandle } from "@/db/client";
import type { Role } from "@/lib/contracts/members";
import { withTenant } from "@/server/db/tenant";
import { insertShopFacts, type ShopFactRows } from "@/server/demo/insert-facts";
import { acceptInvitation } from "@/server/invitations/service";
import { parseShanghaiWallClock } from "@/server/lib/time";
import { createUser } from "@/server/users/service";
import { callerFor, ownerWithOrg } from "../../helpers/callers";

/** A Shanghai wall-clock time as an instant. */
export function at(text: string): Date {
  const instant = parseShanghaiWallClock(text);
  if (!instant) throw new Error(`not a time: ${text}`);
  return instant;
}

type Order = ShopFactRows["orders"][number];
const order = (orderId: string, paid: string, extra: Partial<Order> = {}): Order => ({ orderId, paidAt: at(paid), orderType: "normal", status: "paid", productName: `商品-${orderId}`, ...extra });

/** "Now" of the hand-made queues: 2026-06-01 12:00 Shanghai. */
export const NOW = at("2026-06-01 12:00");

/**
 * Shop A (douyin-shop-v1.1, pickup scored). Pickup clock edges around NOW, by hand:
 *   p10 paid 05-31 00:00 → late 06-01 00:00, 12 h overdue, counts from 06-01 (that 00:00 is exactly 24 h)
 *   p4  paid 05-31 08:00 → late 06-01 08:00, 4 h overdue, counts from 06-02
 *   p1  paid 05-31 12:00 → late 06-01 12:00 = NOW: 0 left, overdue; counts from 06-02
 *   p2  paid 05-31 13:00 → 1 h left;  p3 paid 06-01 10:00 → 22 h left, counts from 06-03
 *   not listed: p5 picked up, p6 cancelled, p7 gift, p8 paid 12 days ago, p9 delivered, p11 paid after NOW
 * After-sales (48 h assumption), soonest first: a2 (applied 05-30 11:00 → 06-01 11:00, 1 h overdue),
 *   a1 (05-31 10:00 → 06-02 10:00, 22 h), a5 (05-31 14:00 → 06-02 14:00, 26 h); not a3 (completed), a4 (exempt).
 * Bad reviews: r1 (o-r1, 1★ product, 05-30), r2 (o-r2, 2★ logistics, 05-31); not 3★, 5★, nor a gift order's 1★.
 */
export function shopAFacts(): ShopFactRows {
  const history: Order[] = [];
  // Forty earlier orders picked up on time, so the pickup rate has a denominator to share.
  for (let i = 0; i < 40; i++) {
    const day = String(1 + (i % 28)).padStart(2, "0");
    history.push(order(`h${i}`, `2026-05-${day} 09:00`, { status: "completed", pickedUpAt: at(`2026-05-${day} 20:00`) }));
  }
  return {
    orders: [
      ...history,
      order("p10", "2026-05-31 00:00"),
      order("p4", "2026-05-31 08:00"),
      order("p1", "2026-05-31 12:00"),
      order("p2", "2026-05-31 13:00"),
      order("p3", "2026-06-01 10:00"),
      order("p5", "2026-05-31 09:00", { pickedUpAt: at("2026-05-31 18:00") }),
      order("p6", "2026-05-31 09:30", { status: "cancelled" }),
      order("p7", "2026-05-31 09:40", { orderType: "gift" }),
      order("p8", "2026-05-20 09:00"),
      order("p9", "2026-05-31 07:00", { deliveredAt: at("2026-06-01 09:00") }),
      order("p11", "2026-06-01 12:30"),
      order("o-as1", "2026-05-29 10:00", { status: "completed", pickedUpAt: at("2026-05-29 15:00") }),
      order("o-as2", "2026-05-28 10:00", { status: "completed", pickedUpAt: at("2026-05-28 15:00") }),
      order("o-r1", "2026-05-20 10:00", { status: "completed", pickedUpAt: at("2026-05-20 15:00") }),
      order("o-r2", "2026-05-21 10:00", { status: "completed", pickedUpAt: at("2026-05-21 15:00") }),
      order("o-r3", "2026-05-22 10:00", { status: "completed", pickedUpAt: at("2026-05-22 15:00") }),
      order("o-gift", "2026-05-22 10:00", { orderType: "gift", status: "completed" }),
    ],
    reviews: [
      { orderId: "o-r1", reviewedAt: at("2026-05-30 09:00"), productStars: 1, logisticsStars: 5, serviceStars: 5, content: "质量太差" },
      { orderId: "o-r2", reviewedAt: at("2026-05-31 09:00"), productStars: 4, logisticsStars: 2, serviceStars: null, content: "快递太慢" },
      { orderId: "o-r3", reviewedAt: at("2026-05-31 10:00"), productStars: 3, logisticsStars: 3, serviceStars: 3, content: "一般" },
      { orderId: "o-as1", reviewedAt: at("2026-05-31 11:00"), productStars: 5, logisticsStars: 5, serviceStars: 5, content: "好" },
      { orderId: "o-gift", reviewedAt: at("2026-05-31 12:00"), productStars: 1, logisticsStars: null, serviceStars: null, content: "赠品坏了" },
    ],
    afterSales: [
      { aftersaleId: "a1", orderId: "o-as1", type: "refund_only", reason: "不想要了", reasonCategory: "no_reason", appliedAt: at("2026-05-31 10:00") },
      { aftersaleId: "a2", orderId: "o-as2", type: "return_refund", reason: "尺码不合适", reasonCategory: "size", appliedAt: at("2026-05-30 11:00") },
      { aftersaleId: "a3", orderId: "o-as2", type: "refund_only", reason: "其他", reasonCategory: "other", appliedAt: at("2026-05-30 12:00"), completedAt: at("2026-05-31 12:00"), completedBy: "merchant" },
      { aftersaleId: "a4", orderId: "o-as1", type: "refund_only", reason: "其他", reasonCategory: "other", appliedAt: at("2026-05-31 11:00"), exempt: true },
      { aftersaleId: "a5", orderId: "o-r1", type: "exchange", reason: "质量问题", reasonCategory: "quality", appliedAt: at("2026-05-31 14:00") },
    ],
    complaints: [],
    chats: [],
  };
}

/** Shop B (douyin-shop-v1, pickup not scored), on the real clock (the router reads the queues as of now): one order at risk, one bad review. */
export function shopBFacts(now = Date.now()): ShopFactRows {
  const ago = (hours: number) => new Date(now - hours * 3_600_000);
  return {
    orders: [
      { orderId: "b1", paidAt: ago(16), orderType: "normal", status: "paid" },
      { orderId: "b-r", paidAt: ago(120), orderType: "normal", status: "completed" },
    ],
    reviews: [{ orderId: "b-r", reviewedAt: ago(48), productStars: 1, logisticsStars: null, serviceStars: null, content: "不好" }],
    afterSales: [],
    complaints: [],
    chats: [],
  };
}

export async function queuesOrganisation(handle: DbHandle) {
  const owner = await ownerWithOrg(handle, "queues");
  const shopA = await owner.caller.shops.create({ name: "待办店A QueueShopA", category: "服饰内衣" });
  await owner.caller.shops.update({ id: shopA.id, ruleSet: "douyin-shop-v1.1" });
  const shopB = await owner.caller.shops.create({ name: "待办店B QueueShopB", category: "服饰内衣" });
  const orgId = owner.org.orgId;
  await withTenant(handle, { orgId }, async (tx) => {
    await insertShopFacts(tx, orgId, shopA.id, shopAFacts());
    await insertShopFacts(tx, orgId, shopB.id, shopBFacts());
  });
  let members = 0;
  const member = async (role: Role, shopIds: string[] = []) => {
    const user = await createUser(handle, { email: `queues-${role}-${++members}-${Date.now()}@example.test`, password: "correct horse battery", name: `queues ${role} ${members}` });
    const invite = await owner.caller.members.invite({ role, shopIds });
    await acceptInvitation(handle, { token: invite.token, userId: user.id });
    return { user, caller: await callerFor(handle, user.id, orgId) };
  };
  return { ...owner, orgId, shopA, shopB, member };
}
