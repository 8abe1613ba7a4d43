import type { StoreType } from "@/lib/contracts/facts";
import { parseShanghaiWallClock } from "@/server/lib/time";
import type {
  ChatTurn,
  CurrentAfterSale,
  CurrentChat,
  CurrentOrder,
  CurrentReview,
  CurrentShop,
  CurrentShopFacts,
  HelpRequest,
  Penalty,
  ServicePeriod,
  Waybill,
} from "@/server/scoring/current/facts";
import type { CurrentScore, OrganisationEntries } from "@/server/scoring/current/result";
import { scoreCurrentDay } from "@/server/scoring/current/score-current";
import { findPointsRuleSet } from "@/server/scoring/rule-sets";
import type { PointsRuleSet } from "@/server/scoring/rule-sets/points-schema";

/**
 * Tiny synthetic shops for the hand-worked cases of scoring-current-rules.md. Every case is
 * scored as of D = 2026-06-01, so (Asia/Shanghai):
 * - the 30-day window D−30 … D−1 is 2026-05-02 00:00 … 2026-05-31 23:59:59;
 * - TikTok's 90-day window starts 2026-03-03, its 60-day review window 2026-04-02, its 7-day bars 2026-05-25;
 * - nothing at or after 2026-06-01 00:00 exists yet (the as-of rule).
 */
export const D = "2026-06-01";

/** Shanghai wall clock "YYYY-MM-DD HH:MM[:SS]" → epoch ms; throws on a typo so a case fails loudly. */
export function at(wallClock: string): number {
  const instant = parseShanghaiWallClock(wallClock);
  if (!instant) throw new Error(`bad wall clock ${wallClock}`);
  return instant.getTime();
}

export const HOUR = 3_600_000;
export const SECOND = 1_000;

function ruleSet(name: string): PointsRuleSet {
  const found = findPointsRuleSet(name);
  if (!found) throw new Error(`unknown rule set ${name}`);
  return found;
}

export const JULY = ruleSet("douyin-shop-2026-07");
export const SEPTEMBER = ruleSet("douyin-shop-2026-09");
export const SPS = ruleSet("tiktok-shop-sps");

/** Paid on D−2 at 10:00: in the window, and its pickup clock (38 h by D 00:00) is too young to count. */
export const DEFAULT_PAID_AT = at("2026-05-30 10:00");

/** A valid (normal, completed) order with every event time and flag empty unless given. */
export function order(orderId: string, overrides: Partial<CurrentOrder> = {}): CurrentOrder {
  return {
    orderId,
    paidAt: DEFAULT_PAID_AT,
    orderType: "normal",
    status: "completed",
    shippedAt: null,
    pickedUpAt: null,
    deliveredAt: null,
    shipBy: null,
    cancelledBy: null,
    lowPrice: null,
    instantRefund: null,
    abnormal: null,
    shipmentAnomaly: null,
    remote: null,
    nextDay: null,
    returnInsurance: null,
    largeItemInsurance: null,
    onsiteInstall: null,
    ...overrides,
  };
}

/** `count` orders `${prefix}1` … `${prefix}count`; `overrides` may depend on the 0-based position. */
export function orders(count: number, prefix: string, overrides: Partial<CurrentOrder> | ((i: number) => Partial<CurrentOrder>) = {}): CurrentOrder[] {
  return Array.from({ length: count }, (_, i) => order(`${prefix}${i + 1}`, typeof overrides === "function" ? overrides(i) : overrides));
}

export function review(orderId: string, productStars: number | null, reviewedAt = at("2026-05-31 12:00")): CurrentReview {
  return { orderId, reviewedAt, productStars };
}

/** A non-exempt after-sale with reason "七天无理由" (category no_reason: neither quality nor a fault) unless given. */
export function afterSale(aftersaleId: string, orderId: string, overrides: Partial<CurrentAfterSale> = {}): CurrentAfterSale {
  return {
    aftersaleId,
    orderId,
    reason: "七天无理由",
    reasonCategory: "no_reason",
    appliedAt: at("2026-05-30 12:00"),
    exempt: false,
    reviewedAt: null,
    refundedAt: null,
    merchantResponsible: null,
    ...overrides,
  };
}

/**
 * An after-sale refunded on 2026-05-31 and reviewed `hours` after it was applied at `appliedAt`
 * (by default 2026-05-30 12:00, a daytime clock: keep `hours` under 36 so the review happened before D 00:00).
 */
export function reviewedAfterSale(aftersaleId: string, orderId: string, hours: number, appliedAt = at("2026-05-30 12:00")): CurrentAfterSale {
  return afterSale(aftersaleId, orderId, { appliedAt, reviewedAt: appliedAt + hours * HOUR, refundedAt: at("2026-05-31 12:00") });
}

export function chat(sessionId: string, startedAt: number, rating: number | null = null): CurrentChat {
  return { sessionId, startedAt, rating };
}

export function turn(sessionId: string, askedAt: number, replier: ChatTurn["replier"], repliedAt: number | null = null): ChatTurn {
  return { sessionId, askedAt, replier, repliedAt };
}

export function waybill(waybillId: string, orderId: string, promisedAt: number | null, deliveredAt: number | null, delivered: boolean | null): Waybill {
  return { waybillId, orderId, promisedAt, deliveredAt, delivered };
}

export function helpRequest(requestId: string, orderId: string, soughtAt: number, escalated: boolean | null, escalatedAt: number | null = null): HelpRequest {
  return { requestId, orderId, soughtAt, escalated, escalatedAt };
}

export function penalty(penaltyId: string, type: Penalty["type"], occurredAt = at("2026-05-20 10:00"), revoked: boolean | null = null): Penalty {
  return { penaltyId, occurredAt, type, revoked };
}

/** `count` penalties of one type, all in the window. */
export function penalties(count: number, prefix: string, type: Penalty["type"]): Penalty[] {
  return Array.from({ length: count }, (_, i) => penalty(`${prefix}${i + 1}`, type));
}

export function service(name: ServicePeriod["service"], enabledAt = at("2026-04-01 00:00"), disabledAt: number | null = null): ServicePeriod {
  return { service: name, enabledAt, disabledAt };
}

export type ShopSpec = Partial<CurrentShopFacts> & {
  key: string;
  /** One name is the category's code and its only name: 食品饮料 unless given (no published weights, not big-ticket). */
  category?: string;
  storeType?: StoreType;
};

export function shop(spec: ShopSpec): CurrentShop {
  const { key, category = "食品饮料", storeType = "ordinary", ...facts } = spec;
  return {
    key,
    categoryCode: category,
    categoryNames: [category],
    storeType,
    facts: {
      orders: facts.orders ?? [],
      reviews: facts.reviews ?? [],
      afterSales: facts.afterSales ?? [],
      chats: facts.chats ?? [],
      chatTurns: facts.chatTurns ?? [],
      waybills: facts.waybills ?? [],
      helpRequests: facts.helpRequests ?? [],
      penalties: facts.penalties ?? [],
      services: facts.services ?? [],
    },
  };
}

/**
 * A formal-stage shop that moves nothing under 2026-07: 30 valid orders paid on D−2, none picked
 * up, signed or rated. Only the fulfilment return rate is present (0 of 30), which ties with every
 * such shop (P = 0.5 → 80); the product and service dimensions are empty (80). Total 80.
 */
export function plainShop(spec: ShopSpec): CurrentShop {
  return shop({ ...spec, orders: [...orders(30, `${spec.key}-o`), ...(spec.orders ?? [])] });
}

/** Scores the shops together (they are each other's cohort) and returns a lookup by key. */
export function scoreShops(ruleSet: PointsRuleSet, shops: readonly CurrentShop[], entriesOf?: (categoryCode: string) => OrganisationEntries | undefined): (key: string) => CurrentScore {
  const results = new Map(scoreCurrentDay({ ruleSet, day: D, shops, entriesOf }).map((result) => [result.key, result]));
  return (key) => {
    const result = results.get(key);
    if (!result) throw new Error(`no result for ${key}`);
    return result;
  };
}

/** Scores one shop on its own (a cohort of one: every present indicator has P = 0.5). */
export function scoreAlone(ruleSet: PointsRuleSet, one: CurrentShop): CurrentScore {
  return scoreShops(ruleSet, [one])(one.key);
}

/** An indicator's result, failing when the engine did not report it. */
export function indicator(result: CurrentScore, code: keyof CurrentScore["indicators"]) {
  const found = result.indicators[code];
  if (!found) throw new Error(`${result.key}: no ${code}`);
  return found;
}
