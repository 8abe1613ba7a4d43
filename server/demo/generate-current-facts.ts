import type { CancelledBy, ChatReplier, PenaltyType, ShopService } from "@/lib/contracts/facts";
import { addDays, shanghaiMidnight, type Day } from "@/server/lib/time";
import type { GeneratedShopFacts } from "./generate-facts";
import { seededRandom, type Random } from "./random";

/**
 * The facts the current rules read (data-formats-current.md), generated on top of a shop's
 * 5-point facts: the orders' new columns, after-sales' review and refund times and responsibility,
 * chat ratings, and the five new kinds. Everything comes from a stream of its own, so the facts the
 * 5-point rules read are the same with or without them: after-sale reasons are only ever swapped
 * for one of the same category (the default reason table's), so no 5-point number moves.
 */
export type GeneratedOrderColumns = {
  shipBy: Date | null;
  cancelledBy: CancelledBy | null;
  lowPrice: boolean;
  instantRefund: boolean;
  abnormal: boolean;
  shipmentAnomaly: boolean;
  remote: boolean;
  nextDay: boolean;
  returnInsurance: boolean;
  largeItemInsurance: boolean;
  onsiteInstall: boolean;
};
export type GeneratedAfterSaleColumns = { reviewedAt: Date | null; refundedAt: Date | null; merchantResponsible: boolean | null };
export type GeneratedChatTurn = { sessionId: string; askedAt: Date; repliedAt: Date | null; replier: ChatReplier | null };
export type GeneratedWaybill = { waybillId: string; orderId: string; carrier: string | null; promisedAt: Date | null; deliveredAt: Date | null; delivered: boolean };
export type GeneratedHelpRequest = { requestId: string; orderId: string; soughtAt: Date; escalated: boolean | null; escalatedAt: Date | null };
export type GeneratedPenalty = { penaltyId: string; occurredAt: Date; typeText: string; type: PenaltyType; revoked: boolean | null };
export type GeneratedShopService = { service: ShopService; enabledAt: Date; disabledAt: Date | null };

export type CurrentFactsOptions = {
  seed: number;
  keyPrefix: string;
  firstDay: Day;
  days: number;
  /** The shop's latent quality (0 … 1), the same as its 5-point facts'. */
  quality: number;
  notAfter?: Date;
};

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Provinces the platform counts as remote (偏远地区). */
const REMOTE_PROVINCES = new Set(["新疆", "西藏", "青海", "甘肃"]);
/** Same-category swaps of the generator's reasons, by the default reason table (server/catalog/aftersale-reasons.ts). */
const FULFILMENT_IN_OTHER = ["延迟发货", "发错货", "缺货", "物流轨迹超时"];
const QUALITY_SWAPS = ["少件/漏发", "商品破损"];
const LOGISTICS_SWAPS = ["快递破损"];
const FULFILMENT_REASONS = new Set([...FULFILMENT_IN_OTHER, "少件/漏发"]);
const PENALTIES: { type: PenaltyType; label: string; weight: number }[] = [
  { type: "abnormal_aftersale_address", label: "售后地址异常", weight: 30 },
  { type: "invoice_refusal", label: "拒绝开票", weight: 30 },
  { type: "other", label: "商品信息不规范", weight: 26 },
  { type: "fake_reviews", label: "虚假评价", weight: 4 },
  { type: "fake_orders", label: "虚假交易", weight: 4 },
  { type: "false_advertising", label: "虚假宣传", weight: 3 },
  { type: "fraudulent_shipping", label: "虚假发货", weight: 3 },
];
const CANCELLERS: CancelledBy[] = ["merchant", "merchant", "merchant", "buyer", "buyer", "buyer", "buyer", "buyer", "buyer", "system"];

const later = (at: Date, ms: number) => new Date(at.getTime() + ms);

function weighted<T extends { weight: number }>(rng: Random, items: readonly T[]): T {
  const total = items.reduce((sum, i) => sum + i.weight, 0);
  let x = rng.next() * total;
  for (const item of items) {
    x -= item.weight;
    if (x < 0) return item;
  }
  return items[items.length - 1] as T;
}

/**
 * `base` (one shop's generated 5-point facts, already cut at `notAfter`) with the current rules'
 * facts added. Deterministic from the seed; events after `notAfter` have not happened yet: an
 * unanswered reply reads 未回复, an undelivered waybill 未签收, a later escalation 否.
 */
export function withCurrentFacts(base: GeneratedShopFacts, options: CurrentFactsOptions): GeneratedShopFacts {
  const rng = seededRandom((options.seed ^ 0x2607_14ab) >>> 0);
  const q = options.quality;
  const cutoff = options.notAfter?.getTime() ?? Number.POSITIVE_INFINITY;
  const past = (d: Date | null) => (d && d.getTime() <= cutoff ? d : null);
  const firstMidnight = shanghaiMidnight(options.firstDay);

  // The shop's services: most switched on long before the facts start, a few switched off in them.
  const services: GeneratedShopService[] = [];
  const on = new Set<ShopService>();
  for (const [service, share] of [["remote_delivery", 0.6], ["return_insurance", 0.6], ["large_item_insurance", 0.15], ["onsite_install", 0.1]] as const) {
    if (!rng.chance(share)) continue;
    on.add(service);
    const enabledAt = new Date(firstMidnight.getTime() - rng.int(1, 180) * DAY + rng.int(0, 86_399) * 1000);
    const disabledAt = rng.chance(0.1) ? new Date(firstMidnight.getTime() + rng.int(0, Math.max(0, options.days - 1)) * DAY + rng.int(0, 86_399) * 1000) : null;
    if (enabledAt.getTime() <= cutoff) services.push({ service, enabledAt, disabledAt: past(disabledAt) });
  }

  const waybills: GeneratedWaybill[] = [];
  const helpRequests: GeneratedHelpRequest[] = [];
  const orders = base.orders.map((order) => {
    const cancelled = order.status === "cancelled";
    const columns: GeneratedOrderColumns = {
      shipBy: rng.chance(0.01) ? null : later(order.paidAt, (rng.chance(0.8) ? 48 : 72) * HOUR),
      cancelledBy: cancelled && !rng.chance(0.05) ? rng.pick(CANCELLERS) : null,
      lowPrice: rng.chance(0.03),
      instantRefund: rng.chance(0.01),
      abnormal: rng.chance(0.004 + 0.01 * (1 - q)),
      shipmentAnomaly: order.pickedUpAt !== null && rng.chance(0.01 + 0.03 * (1 - q)),
      remote: order.province !== null && REMOTE_PROVINCES.has(order.province),
      nextDay: order.deliveredAt !== null && rng.chance(0.05 + 0.25 * q),
      returnInsurance: on.has("return_insurance") && rng.chance(0.5),
      largeItemInsurance: on.has("large_item_insurance") && rng.chance(0.3),
      onsiteInstall: on.has("onsite_install") && rng.chance(0.45),
    };
    if (order.pickedUpAt) {
      // One parcel per shipped order; the route promises 72 h from pickup (120 h to remote areas).
      const unknownTime = order.deliveredAt !== null && rng.chance(0.005);
      waybills.push({
        waybillId: `wb-${order.orderId}`,
        orderId: order.orderId,
        carrier: order.carrier,
        promisedAt: rng.chance(0.02) ? null : later(order.pickedUpAt, (columns.remote ? 120 : 72) * HOUR),
        deliveredAt: unknownTime ? null : order.deliveredAt,
        delivered: order.deliveredAt !== null,
      });
    }
    if (!cancelled && rng.chance(0.03 + 0.05 * (1 - q))) {
      let soughtAt = later(order.paidAt, rng.int(12, 240) * HOUR);
      for (let n = 1; n <= 2 && soughtAt.getTime() <= cutoff; n++) {
        const unknown = rng.chance(0.03);
        const escalates = !unknown && rng.chance(0.1 + 0.3 * (1 - q));
        const escalatedAt = escalates && rng.chance(0.9) ? later(soughtAt, rng.int(2, 72) * HOUR) : null;
        const notYet = escalatedAt !== null && escalatedAt.getTime() > cutoff;
        helpRequests.push({
          requestId: `hr-${order.orderId}-${n}`,
          orderId: order.orderId,
          soughtAt,
          escalated: unknown ? null : escalates && !notYet,
          escalatedAt: notYet ? null : escalatedAt,
        });
        if (!rng.chance(0.15)) break;
        soughtAt = later(soughtAt, rng.int(24, 96) * HOUR);
      }
    }
    return { ...order, ...columns };
  });

  const afterSales = base.afterSales.map((afterSale) => {
    let reason = afterSale.reason;
    if (afterSale.reasonCategory === "other" && rng.chance(0.6)) reason = rng.pick(FULFILMENT_IN_OTHER);
    else if (afterSale.reasonCategory === "quality" && rng.chance(0.2)) reason = rng.pick(QUALITY_SWAPS);
    else if (afterSale.reasonCategory === "logistics" && rng.chance(0.3)) reason = rng.pick(LOGISTICS_SWAPS);
    const unknownResponsibility = rng.chance(0.05);
    const merchantShare = FULFILMENT_REASONS.has(reason) ? 0.85 : afterSale.reasonCategory === "quality" ? 0.7 : 0.2;
    const merchantResponsible = unknownResponsibility ? null : rng.chance(merchantShare);
    // The merchant reviews within hours (faster when good), never after the request completed.
    let reviewHours = 0.1 + Math.abs(rng.normal(6 - 4 * q, 4));
    if (afterSale.completedAt) reviewHours = Math.min(reviewHours, (afterSale.completedAt.getTime() - afterSale.appliedAt.getTime()) / HOUR);
    const reviewedAt = rng.chance(0.05) ? null : later(afterSale.appliedAt, Math.round(reviewHours * HOUR));
    const refundedAt = afterSale.completedAt && rng.chance(0.9) ? afterSale.completedAt : null;
    const columns: GeneratedAfterSaleColumns = { reviewedAt: past(reviewedAt), refundedAt: past(refundedAt), merchantResponsible };
    return { ...afterSale, reason, ...columns };
  });

  const chatTurns: GeneratedChatTurn[] = [];
  const chats = base.chats.map((chat) => {
    const rating = rng.chance(0.3) ? (rng.chance(0.05 + 0.25 * (1 - q)) ? rng.int(1, 3) : rng.int(4, 5)) : null;
    // The session's buyer messages: the first `turnsAnsweredWithin3min` answered within 3 minutes (by a person or the bot), the rest late or never.
    let askedAt = chat.startedAt.getTime();
    for (let k = 0; k < chat.customerTurns; k++) {
      if (k > 0) askedAt += rng.int(30, 600) * 1000;
      if (askedAt > cutoff) break;
      let replier: ChatReplier | null;
      let replyAfter: number | null;
      if (rng.chance(0.2)) [replier, replyAfter] = ["bot", rng.int(1, 5)];
      else if (k < chat.turnsAnsweredWithin3min) [replier, replyAfter] = ["human", rng.int(5, 180)];
      else if (rng.chance(0.2 + 0.3 * (1 - q))) [replier, replyAfter] = ["none", null];
      else [replier, replyAfter] = ["human", rng.int(181, 1800)];
      if (rng.chance(0.01)) replier = null;
      let repliedAt = replyAfter === null ? null : new Date(askedAt + replyAfter * 1000);
      if (repliedAt && repliedAt.getTime() > cutoff) [replier, repliedAt] = ["none", null];
      chatTurns.push({ sessionId: chat.sessionId, askedAt: new Date(askedAt), repliedAt, replier });
    }
    return { ...chat, rating };
  });

  // Penalties are rare: about one in four shops has one in a month, poorer shops more often.
  const penalties: GeneratedPenalty[] = [];
  for (let d = 0; d < options.days; d++) {
    if (!rng.chance(0.004 + 0.008 * (1 - q))) continue;
    const occurredAt = new Date(shanghaiMidnight(addDays(options.firstDay, d)).getTime() + rng.int(0, 86_399) * 1000);
    const kind = weighted(rng, PENALTIES);
    const revoked = rng.chance(0.15) ? true : rng.chance(0.5) ? false : null;
    if (occurredAt.getTime() <= cutoff) penalties.push({ penaltyId: `pn-${options.keyPrefix}-${d}`, occurredAt, typeText: kind.label, type: kind.type, revoked });
  }

  return { ...base, orders, afterSales, chats, chatTurns, waybills, helpRequests, penalties, shopServices: services };
}
