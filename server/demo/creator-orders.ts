import { DAY_MS, SHANGHAI_OFFSET_MS } from "@/server/lib/time";
import { seededRandom } from "./random";

/**
 * A creator account's own orders as its 巨量百应 达人订单 export would list them: sold for a few
 * merchants (shops that are not the organisation's), some refunded, some reviewed. Deterministic
 * for a seed. The demo seed stores them; scripts/fixtures/generate-creator-orders.ts writes them
 * as an export file for the tests.
 */

/** A merchant shop the creator sells for, and what it sells. */
export type Merchant = { shopId: string; name: string; products: readonly string[] };

export type GeneratedCreatorOrder = {
  orderId: string;
  productId: string;
  productName: string;
  merchant: Merchant;
  paidAt: Date;
  /** As the export words it: 已付款, 已收货, 已结算, 已退款, 已失效. */
  status: string;
  quantity: number;
  amountCents: number;
  refundCents: number;
  deliveredAt: Date | null;
  aftersale: { id: string; type: "仅退款" | "退货退款"; reason: string; appliedAt: Date; completedAt: Date | null } | null;
  review: { reviewedAt: Date; productStars: number } | null;
};

export const DEMO_MERCHANTS: readonly Merchant[] = [
  { shopId: "20571234", name: "山野茶舍旗舰店", products: ["高山乌龙茶 250g", "桂花红茶 礼盒装"] },
  { shopId: "20584410", name: "暖居家纺官方店", products: ["四件套 纯棉 1.8m", "乳胶枕 一对"] },
  { shopId: "20610077", name: "小鹿零食铺", products: ["坚果礼盒 6 罐", "芒果干 500g"] },
];
const REASONS = ["七天无理由", "质量问题", "商品与描述不符", "物流慢", "不想要了"];

export type CreatorOrderOptions = {
  seed: number;
  /** First Shanghai day (YYYY-MM-DD) and how many days of orders. */
  firstDay: string;
  days: number;
  ordersPerDay: number;
  merchants?: readonly Merchant[];
  /** Nothing (payment, delivery, review, after-sale) happens after this instant. */
  notAfter: Date;
};

export function generateCreatorOrders(options: CreatorOrderOptions): GeneratedCreatorOrder[] {
  const rng = seededRandom(options.seed);
  const merchants = options.merchants ?? DEMO_MERCHANTS;
  const start = Date.parse(`${options.firstDay}T00:00:00Z`) - SHANGHAI_OFFSET_MS;
  const notAfter = options.notAfter.getTime();
  const upTo = (ms: number) => (ms <= notAfter ? new Date(ms) : null);
  const orders: GeneratedCreatorOrder[] = [];
  let serial = 0;
  for (let day = 0; day < options.days; day++) {
    const count = Math.max(0, Math.round(rng.normal(options.ordersPerDay, Math.sqrt(options.ordersPerDay))));
    for (let i = 0; i < count; i++) {
      const paidMs = start + day * DAY_MS + rng.int(0, 86_399) * 1000;
      if (paidMs > notAfter) continue;
      serial += 1;
      const merchantIndex = rng.int(0, merchants.length - 1);
      const merchant = merchants[merchantIndex] ?? DEMO_MERCHANTS[0];
      if (!merchant) continue;
      const productIndex = rng.int(0, merchant.products.length - 1);
      const quantity = rng.chance(0.85) ? 1 : rng.int(2, 3);
      const amountCents = quantity * rng.int(19, 199) * 100 + rng.pick([0, 90, 50]);
      const invalid = rng.chance(0.03);
      const deliveredAt = invalid ? null : upTo(paidMs + rng.int(30, 96) * 3_600_000);
      const refund = !invalid && rng.chance(0.1);
      const appliedMs = paidMs + rng.int(2, 120) * 3_600_000;
      const aftersale =
        refund && appliedMs <= notAfter
          ? {
              id: `${7100000000000000000n + BigInt(options.seed) * 1_000_000n + BigInt(serial)}`,
              type: rng.chance(0.5) ? ("仅退款" as const) : ("退货退款" as const),
              reason: rng.pick(REASONS),
              appliedAt: new Date(appliedMs),
              completedAt: upTo(appliedMs + rng.int(2, 48) * 3_600_000),
            }
          : null;
      const reviewMs = (deliveredAt?.getTime() ?? Infinity) + rng.int(1, 72) * 3_600_000;
      const review =
        deliveredAt && !refund && rng.chance(0.35) && reviewMs <= notAfter ? { reviewedAt: new Date(reviewMs), productStars: rng.chance(0.88) ? rng.int(4, 5) : rng.int(1, 3) } : null;
      const settled = deliveredAt !== null && deliveredAt.getTime() + 7 * DAY_MS <= notAfter;
      orders.push({
        orderId: `${6920000000000000000n + BigInt(options.seed) * 10_000_000n + BigInt(serial)}`,
        productId: `${3712000000000000000n + BigInt(merchantIndex) * 7919n + BigInt(productIndex)}`,
        productName: merchant.products[productIndex] ?? "商品",
        merchant,
        paidAt: new Date(paidMs),
        status: invalid ? "已失效" : aftersale?.completedAt ? "已退款" : settled ? "已结算" : deliveredAt ? "已收货" : "已付款",
        quantity,
        amountCents,
        refundCents: aftersale?.completedAt ? amountCents : 0,
        deliveredAt,
        aftersale,
        review,
      });
    }
  }
  return orders;
}
