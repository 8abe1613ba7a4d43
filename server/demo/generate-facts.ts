import { addDays, shanghaiMidnight, type Day } from "@/server/lib/time";
import type { AfterSaleType, ReasonCategory } from "@/server/scoring/facts";
import { withCurrentFacts, type GeneratedAfterSaleColumns, type GeneratedChatTurn, type GeneratedHelpRequest, type GeneratedOrderColumns, type GeneratedPenalty, type GeneratedShopService, type GeneratedWaybill } from "./generate-current-facts";
import { seededRandom } from "./random";
import { DEMO_PRODUCTS, demoDestination, demoReviewText } from "./voice-of-customer";

/**
 * Synthetic facts for one shop over a run of days, shaped like the fact tables. Each shop has a
 * latent quality that moves every indicator together, so peers spread out the way real shops do.
 * Used by the demo seed (small) and the benchmarks (large): one generator, two sizes.
 */
export type GeneratedOrder = {
  orderId: string;
  paidAt: Date;
  orderType: string;
  status: string;
  pickedUpAt: Date | null;
  deliveredAt: Date | null;
  amount: string;
  authorId: string | null;
  productId: string;
  productName: string;
  province: string | null;
  carrier: string | null;
} & Partial<GeneratedOrderColumns>;
export type GeneratedReview = { orderId: string; reviewedAt: Date; productStars: number; logisticsStars: number | null; serviceStars: number | null; content: string | null };
export type GeneratedAfterSale = {
  aftersaleId: string;
  orderId: string;
  type: AfterSaleType;
  reason: string;
  reasonCategory: ReasonCategory;
  appliedAt: Date;
  completedAt: Date | null;
  completedBy: "merchant" | "platform";
  exempt: boolean;
} & Partial<GeneratedAfterSaleColumns>;
export type GeneratedComplaint = { caseId: string; orderId: string; createdAt: Date; kind: "complaint" | "dispute"; merchantResponsible: boolean };
export type GeneratedChat = { sessionId: string; startedAt: Date; customerTurns: number; turnsAnsweredWithin3min: number; rating?: number | null };

export type GeneratedShopFacts = {
  orders: GeneratedOrder[];
  reviews: GeneratedReview[];
  afterSales: GeneratedAfterSale[];
  complaints: GeneratedComplaint[];
  chats: GeneratedChat[];
  // The current rules' kinds (generate-current-facts.ts), with `current` only.
  chatTurns?: GeneratedChatTurn[];
  waybills?: GeneratedWaybill[];
  helpRequests?: GeneratedHelpRequest[];
  penalties?: GeneratedPenalty[];
  shopServices?: GeneratedShopService[];
};

export type GenerateOptions = {
  seed: number;
  /** Prefix of every natural key, unique per shop. */
  keyPrefix: string;
  firstDay: Day;
  days: number;
  ordersPerDay: number;
  /** 0 (poor) … 1 (excellent); drawn from the seed when omitted. */
  quality?: number;
  authorIds?: readonly string[];
  /** Events after this instant have not happened yet and are left out. */
  notAfter?: Date;
  /** Also the current rules' facts (generate-current-facts.ts), from a stream of their own: the rest is unchanged. */
  current?: boolean;
};

const HOUR = 3_600_000;
const REASONS: { reason: string; category: ReasonCategory }[] = [
  { reason: "质量问题", category: "quality" },
  { reason: "商品与描述不符", category: "quality" },
  { reason: "物流慢", category: "logistics" },
  { reason: "尺码不合适", category: "size" },
  { reason: "七天无理由", category: "no_reason" },
  { reason: "其他", category: "other" },
];

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const stars = (p: number, r: () => number) => {
  const x = r();
  return x < p ? (r() < 0.7 ? 5 : 4) : x < p + (1 - p) * 0.5 ? 3 : r() < 0.5 ? 2 : 1;
};

export function generateShopFacts(options: GenerateOptions): GeneratedShopFacts {
  const { facts, quality } = generateFivePointFacts(options);
  return options.current ? withCurrentFacts(facts, { ...options, quality }) : facts;
}

/** The 5-point rules' facts, and the shop's quality they were drawn with. */
function generateFivePointFacts(options: GenerateOptions): { facts: GeneratedShopFacts; quality: number } {
  const rng = seededRandom(options.seed);
  // Destinations and review texts come from a second stream, so every fact drawn from `rng` is the same as before they existed.
  const voice = seededRandom(options.seed ^ 0x5eed_c0de);
  const quality = options.quality ?? rng.next();
  const out: GeneratedShopFacts = { orders: [], reviews: [], afterSales: [], complaints: [], chats: [] };
  let seq = 0;
  for (let d = 0; d < options.days; d++) {
    const day = addDays(options.firstDay, d);
    const midnight = shanghaiMidnight(day).getTime();
    const count = Math.max(0, Math.round(rng.normal(options.ordersPerDay, Math.sqrt(options.ordersPerDay))));
    for (let i = 0; i < count; i++) {
      const orderId = `${options.keyPrefix}-${String(seq++).padStart(6, "0")}`;
      const paidAt = new Date(midnight + rng.int(0, 86_399) * 1000);
      const special = rng.next();
      const orderType = special < 0.02 ? "gift" : special < 0.03 ? "lucky_bag" : "normal";
      const cancelled = rng.chance(0.03);
      const pickupHours = Math.max(1, rng.normal(30 - 18 * quality, 8));
      const transitHours = Math.max(6, rng.normal(70 - 30 * quality, 15));
      const pickedUpAt = cancelled ? null : new Date(paidAt.getTime() + pickupHours * HOUR);
      const deliveredAt = pickedUpAt && rng.chance(0.95) ? new Date(pickedUpAt.getTime() + transitHours * HOUR) : null;
      const amount = (rng.int(990, 39900) / 100).toFixed(2);
      const authorId = options.authorIds?.length && rng.chance(0.6) ? rng.pick(options.authorIds) : null;
      const product = rng.pick(DEMO_PRODUCTS);
      const destination = pickedUpAt ? demoDestination(voice, deliveredAt ? transitHours : null) : { province: null, carrier: null };
      out.orders.push({
        orderId,
        paidAt,
        orderType,
        status: cancelled ? "cancelled" : deliveredAt ? "completed" : "shipped",
        pickedUpAt,
        deliveredAt,
        amount,
        authorId,
        productId: product.productId,
        productName: product.productName,
        ...destination,
      });
      if (cancelled) continue;
      if (deliveredAt && rng.chance(0.45)) {
        const good = 0.62 + 0.33 * quality;
        const review = {
          orderId,
          reviewedAt: new Date(deliveredAt.getTime() + rng.int(2, 240) * HOUR),
          productStars: stars(good, rng.next),
          logisticsStars: rng.chance(0.8) ? stars(clamp01(good + 0.03), rng.next) : null,
          serviceStars: rng.chance(0.8) ? stars(clamp01(good - 0.02), rng.next) : null,
        };
        out.reviews.push({ ...review, content: demoReviewText(voice, product, { product: review.productStars, logistics: review.logisticsStars, service: review.serviceStars }) });
      }
      if (rng.chance(0.09 - 0.05 * quality)) {
        const pick = rng.chance(0.5 - 0.3 * quality) ? REASONS[0] : rng.pick(REASONS);
        const appliedAt = new Date(paidAt.getTime() + rng.int(24, 24 * 12) * HOUR);
        out.afterSales.push({
          aftersaleId: `as-${orderId}`,
          orderId,
          type: rng.chance(0.5) ? "refund_only" : "return_refund",
          reason: pick?.reason ?? "其他",
          reasonCategory: pick?.category ?? "other",
          appliedAt,
          completedAt: new Date(appliedAt.getTime() + Math.max(0.5, rng.normal(30 - 20 * quality, 10)) * HOUR),
          completedBy: rng.chance(0.85) ? "merchant" : "platform",
          exempt: rng.chance(0.03),
        });
      }
      if (rng.chance(0.025 - 0.02 * quality)) {
        const dispute = rng.chance(0.4);
        out.complaints.push({
          caseId: `c-${orderId}`,
          orderId,
          createdAt: new Date(paidAt.getTime() + rng.int(24, 24 * 20) * HOUR),
          kind: dispute ? "dispute" : "complaint",
          merchantResponsible: rng.chance(0.6),
        });
      }
    }
    const sessions = Math.round(count * 0.4);
    for (let s = 0; s < sessions; s++) {
      const turns = rng.int(1, 10);
      out.chats.push({
        sessionId: `${options.keyPrefix}-chat-${d}-${s}`,
        startedAt: new Date(midnight + rng.int(0, 86_399) * 1000),
        customerTurns: turns,
        turnsAnsweredWithin3min: Math.min(turns, Math.round(turns * clamp01(rng.normal(0.55 + 0.4 * quality, 0.15)))),
      });
    }
  }
  const cutoff = options.notAfter?.getTime();
  if (cutoff === undefined) return { facts: out, quality };
  const seen = new Set(out.orders.filter((o) => o.paidAt.getTime() <= cutoff).map((o) => o.orderId));
  const past = (d: Date | null) => (d && d.getTime() <= cutoff ? d : null);
  const facts = {
    orders: out.orders.filter((o) => seen.has(o.orderId)).map((o) => ({ ...o, pickedUpAt: past(o.pickedUpAt), deliveredAt: o.pickedUpAt && past(o.pickedUpAt) ? past(o.deliveredAt) : null })),
    reviews: out.reviews.filter((r) => r.reviewedAt.getTime() <= cutoff),
    afterSales: out.afterSales.filter((a) => a.appliedAt.getTime() <= cutoff).map((a) => ({ ...a, completedAt: past(a.completedAt) })),
    complaints: out.complaints.filter((c) => c.createdAt.getTime() <= cutoff),
    chats: out.chats.filter((c) => c.startedAt.getTime() <= cutoff),
  };
  return { facts, quality };
}
