import { z } from "zod";
import { isDay, uuidSchema } from "./common";
import { ENTITY_KINDS } from "./entity-kinds";
import { RULE_SET_NAMES_BY_KIND } from "./rule-sets";
import { scoreScaleSchema, shownScoreSchema, thresholdSchema } from "./explanation";
import { GOAL_METRICS, GOAL_STATUSES } from "./goals";

/**
 * The portfolio: every shop and creator account a member may see, scored as of one day. The same
 * input drives the page, its URL and its export, so a shared link and a download show what the
 * user sees. Client-safe: zod only.
 */

export const PORTFOLIO_COLUMNS = [
  "kind",
  "alias",
  "owner",
  "category",
  "ruleSet",
  "overall",
  "dimensions",
  "change7",
  "change30",
  "sparkline",
  "thresholds",
  "risk",
  "state",
  "freshness",
  "grants",
] as const;
export type PortfolioColumn = (typeof PORTFOLIO_COLUMNS)[number];
/** The name is always shown: it is the row's link. */
export const DEFAULT_PORTFOLIO_COLUMNS: readonly PortfolioColumn[] = [
  "owner",
  "overall",
  "dimensions",
  "change7",
  "change30",
  "sparkline",
  "thresholds",
  "risk",
  "state",
  "freshness",
];

/** Dimension codes every rule set shares today; a sort key per dimension. */
export const PORTFOLIO_DIMENSIONS = ["product", "logistics", "service"] as const;

export const PORTFOLIO_SORT_KEYS = [
  "name",
  "kind",
  "alias",
  "owner",
  "category",
  "ruleSet",
  "overall",
  "dimension.product",
  "dimension.logistics",
  "dimension.service",
  "change7",
  "change30",
  "risk",
  "state",
  "freshness",
] as const;
export type PortfolioSortKey = (typeof PORTFOLIO_SORT_KEYS)[number];

/** A band by its threshold's lowest shown score; "floor" is the band below every threshold. */
export const bandKeySchema = z.string().regex(/^(floor|\d+(\.\d+)?)$/);
export type BandKey = z.infer<typeof bandKeySchema>;

export const PORTFOLIO_PAGE_SIZES = [25, 50, 100] as const;
export const PORTFOLIO_MAX_PAGE_SIZE = 100;

const RULE_SET_NAMES = [...RULE_SET_NAMES_BY_KIND.shop, ...RULE_SET_NAMES_BY_KIND.creator] as const;
/** A real calendar day: isDay lets 2026-02-31 through (Date.parse rolls it over), PostgreSQL would not. */
const isCalendarDay = (text: string) => isDay(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
const daySchema = z.string().refine(isCalendarDay, { message: "errors.date" });
const shownBound = z.number().min(-1000).max(1000);

export const portfolioFiltersSchema = z.object({
  kind: z.enum(ENTITY_KINDS).optional(),
  category: z.string().trim().max(40).optional(),
  /** A member's user id, or "none" for entities nobody is responsible for. */
  owner: z.union([uuidSchema, z.literal("none")]).optional(),
  /** Shops granted to this member (a client brand's viewer). */
  grantee: uuidSchema.optional(),
  ruleSet: z.enum(RULE_SET_NAMES).optional(),
  bands: z.array(bandKeySchema).max(10).optional(),
  /** Only entities scored below a threshold within the forecast horizon (or only those that are not). */
  atRisk: z.boolean().optional(),
  /** Shown scores, inclusive. */
  scoreMin: shownBound.optional(),
  scoreMax: shownBound.optional(),
  stale: z.boolean().optional(),
  /** insufficient_data entities only (or only scored ones). */
  insufficient: z.boolean().optional(),
});
export type PortfolioFilters = z.infer<typeof portfolioFiltersSchema>;

export const portfolioViewSchema = z.object({
  /** The as-of day; absent = the latest stored scores. */
  day: daySchema.optional(),
  search: z.string().trim().max(80).optional(),
  filters: portfolioFiltersSchema.default({}),
  sort: z.enum(PORTFOLIO_SORT_KEYS).default("overall"),
  direction: z.enum(["asc", "desc"]).default("asc"),
});
export type PortfolioView = z.infer<typeof portfolioViewSchema>;

export const portfolioPageInput = portfolioViewSchema.extend({
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(PORTFOLIO_MAX_PAGE_SIZE).default(50),
});
export type PortfolioPageInput = z.input<typeof portfolioPageInput>;

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const portfolioExportInput = portfolioViewSchema.extend({
  format: z.enum(EXPORT_FORMATS),
  columns: z.array(z.enum(PORTFOLIO_COLUMNS)).max(PORTFOLIO_COLUMNS.length).optional(),
});

const nullableNumber = z.number().nullable();

export const freshnessSchema = z.object({
  orders: daySchema.nullable(),
  reviews: daySchema.nullable(),
  afterSales: daySchema.nullable(),
  complaints: daySchema.nullable(),
  chats: daySchema.nullable(),
  /** The newest day with any data, more than STALE_AFTER_DAYS behind the view day (or none at all). */
  stale: z.boolean(),
});
export type Freshness = z.infer<typeof freshnessSchema>;

export const portfolioRowSchema = z.object({
  kind: z.enum(ENTITY_KINDS),
  id: z.string(),
  name: z.string(),
  alias: z.string().nullable(),
  externalId: z.string(),
  owner: z.object({ userId: z.string(), name: z.string() }).nullable(),
  category: z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() }),
  ruleSet: z.string(),
  /** The stored score's day (the view day or the latest before it); null when never scored. */
  scoreDay: daySchema.nullable(),
  state: z.enum(["scored", "insufficient_data"]).nullable(),
  validOrders: z.number().int().nullable(),
  /** How many more valid orders the rule set needs before a score (insufficient_data only). */
  missingValidOrders: z.number().int().nullable(),
  overall: shownScoreSchema.nullable(),
  dimensions: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), score: shownScoreSchema.nullable() })),
  /** Differences of shown scores. */
  change7: nullableNumber,
  change30: nullableNumber,
  /** 30 shown daily overall scores ending on scoreDay (null where a day has none). */
  sparkline: z.array(nullableNumber),
  nextAbove: thresholdSchema.nullable(),
  nextBelow: thresholdSchema.nullable(),
  risk: z.object({ threshold: thresholdSchema, crossingDay: daySchema }).nullable(),
  /** Under the 100-point rules: each threshold's status on the score day (精选联盟, campaigns, brand badge…); null otherwise. */
  currentThresholds: z
    .array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), status: z.enum(["met", "not_met", "unknown"]), risk: z.boolean() }))
    .nullable()
    .default(null),
  freshness: freshnessSchema,
  grantees: z.array(z.object({ userId: z.string(), name: z.string() })),
  recalculating: z.boolean(),
  /** The rule set's bounds, bands and decimals: how the row's numbers are written. */
  scale: scoreScaleSchema,
  /** The entity's most pressing goal (missed, at risk, on track, achieved), or null without one. */
  goal: z
    .object({
      id: z.string(),
      status: z.enum(GOAL_STATUSES),
      metric: z.enum(GOAL_METRICS),
      code: z.string().nullable(),
      target: z.number(),
      dueDay: daySchema,
      decimals: z.number().int(),
      unit: z.enum(["score", "rate", "hours"]),
    })
    .nullable(),
});
export type PortfolioRow = z.infer<typeof portfolioRowSchema>;

const moverSchema = z.object({ kind: z.enum(ENTITY_KINDS), id: z.string(), name: z.string(), change7: z.number() });

export const portfolioTilesSchema = z.object({
  bands: z.array(z.object({ key: bandKeySchema, threshold: thresholdSchema, count: z.number().int() })),
  unscored: z.number().int(),
  atRisk: z.number().int(),
  /** False while no forecast is available: the risk tile and column show "—". */
  riskAvailable: z.boolean(),
  stale: z.number().int(),
  /** Goals on entities the member sees that are at risk or missed. */
  goalsAtRisk: z.number().int(),
  moversUp: z.array(moverSchema),
  moversDown: z.array(moverSchema),
});
export type PortfolioTiles = z.infer<typeof portfolioTilesSchema>;

export const portfolioPageOutput = z.object({
  viewDay: daySchema,
  rows: z.array(portfolioRowSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  tiles: portfolioTilesSchema,
  recalculating: z.boolean(),
});
export type PortfolioPage = z.infer<typeof portfolioPageOutput>;
