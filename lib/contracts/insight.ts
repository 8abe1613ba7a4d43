import { z } from "zod";
import { isDay, uuidSchema } from "./common";
import { ENTITY_KINDS } from "./entity-kinds";

/**
 * The drill-down behind an indicator: the facts that make up its numerator and denominator on a
 * day, one line each, with the weight it carries and the day it leaves the window. Order
 * numbers, products, days and reasons only: no buyer data. Client-safe: zod only.
 */

export const FACT_KINDS = ["order", "review", "afterSale", "complaint", "chat"] as const;
export type FactKind = (typeof FACT_KINDS)[number];

/** all: every listed fact; numerator: those counted in the numerator; hurting: those that pull the indicator the wrong way. */
export const FACT_SHOWS = ["all", "numerator", "hurting"] as const;
export type FactShow = (typeof FACT_SHOWS)[number];

export const FACT_SORT_KEYS = ["day", "ref", "weight", "numerator", "denominator", "hours", "leavesWindowOn"] as const;
export type FactSortKey = (typeof FACT_SORT_KEYS)[number];

const daySchema = z.string().refine(isDay, { message: "errors.date" });

/** Which facts: an entity, one indicator, a scoring day (default: today in Shanghai). */
export const indicatorFactsTarget = z.object({
  kind: z.enum(ENTITY_KINDS),
  id: uuidSchema,
  indicator: z.string().min(1).max(64),
  day: daySchema.optional(),
});

/** Filters and order a page and an export share. */
export const indicatorFactsView = z.object({
  show: z.enum(FACT_SHOWS).default("all"),
  /** Anchor days from / to, both included. */
  from: daySchema.optional(),
  to: daySchema.optional(),
  /** Text in the reference, the order number or the product name. */
  search: z.string().trim().max(100).optional(),
  sort: z.enum(FACT_SORT_KEYS).default("day"),
  direction: z.enum(["asc", "desc"]).default("desc"),
});
export type IndicatorFactsView = z.infer<typeof indicatorFactsView>;

export const indicatorFactsInput = indicatorFactsTarget.extend(indicatorFactsView.shape).extend({
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(500).default(50),
});
export type IndicatorFactsInput = z.input<typeof indicatorFactsInput>;

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One fact line as the drill-down shows it. */
export type IndicatorFactRow = {
  kind: FactKind;
  /** The order number, or the after-sale, complaint case or chat session id. */
  ref: string;
  orderId: string | null;
  /** The shop of the order (a creator's orders come from several shops). */
  shopName: string | null;
  productName: string | null;
  /** The anchor day whose weight the fact carries. */
  day: string;
  leavesWindowOn: string;
  weight: number;
  numerator: number;
  denominator: number;
  /** Counted in the numerator (for a mean: every fact is). */
  countsInNumerator: boolean;
  /** Pulls the indicator the wrong way: a non-good review, a quality return, a late pickup, a slower-than-average delivery … */
  hurting: boolean;
  /** Review stars of the indicator's dimension. */
  stars: number | null;
  /** Hours of a duration: delivery, transit, pickup, after-sale completion. */
  hours: number | null;
  /** The after-sale's reason as imported. */
  reason: string | null;
  complaintKind: "complaint" | "dispute" | null;
  chatTurns: number | null;
  chatTurnsAnswered: number | null;
};

export type FactTotals = { count: number; numerator: number; denominator: number };
