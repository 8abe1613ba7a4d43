import { boolean, customType, date, doublePrecision, index, integer, json, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { ENTITY_KINDS } from "@/lib/contracts/entity-kinds";
import { packFloat8, unpackFloat8 } from "../float8-bytes";
import { orgIdColumn, tsColumn } from "./_columns";
import { organisations } from "./orgs";

/**
 * Additive daily roll-ups per entity: one row per anchor day and the first scoring day on which
 * the facts in it exist (scoring.md §1 "as of D"). Most facts are visible the day after their
 * anchor day; quality returns and pickups become visible later, so they get rows of their own.
 */
export const dailyRollups = pgTable(
  "daily_rollups",
  {
    // No foreign key, as score_snapshots: a bulk rebuild writes millions of rows, and the key's
    // per-row check cost about as much as the insert itself (ADR 0040). deleteOrganisation
    // removes these rows itself.
    orgId: orgIdColumn(),
    entityKind: text("entity_kind", { enum: ENTITY_KINDS }).notNull(),
    entityId: uuid("entity_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    visibleDay: date("visible_day", { mode: "string" }).notNull(),
    validOrders: integer("valid_orders").notNull().default(0),
    productReviews: integer("product_reviews").notNull().default(0),
    productGood: integer("product_good").notNull().default(0),
    logisticsReviews: integer("logistics_reviews").notNull().default(0),
    logisticsGood: integer("logistics_good").notNull().default(0),
    serviceReviews: integer("service_reviews").notNull().default(0),
    serviceGood: integer("service_good").notNull().default(0),
    qualityReturns: integer("quality_returns").notNull().default(0),
    deliveredOrders: integer("delivered_orders").notNull().default(0),
    deliveryHoursSum: doublePrecision("delivery_hours_sum").notNull().default(0),
    transitOrders: integer("transit_orders").notNull().default(0),
    transitHoursSum: doublePrecision("transit_hours_sum").notNull().default(0),
    pickupDue: integer("pickup_due").notNull().default(0),
    pickupOnTime: integer("pickup_on_time").notNull().default(0),
    complaints: integer("complaints").notNull().default(0),
    merchantDisputes: integer("merchant_disputes").notNull().default(0),
    chatTurns: integer("chat_turns").notNull().default(0),
    chatTurnsAnswered: integer("chat_turns_answered").notNull().default(0),
    refundOnlyCompleted: integer("refund_only_completed").notNull().default(0),
    refundOnlyHoursSum: doublePrecision("refund_only_hours_sum").notNull().default(0),
    returnRefundCompleted: integer("return_refund_completed").notNull().default(0),
    returnRefundHoursSum: doublePrecision("return_refund_hours_sum").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.entityKind, t.entityId, t.day, t.visibleDay] })],
);

/**
 * Raw indicator values of one entity as of one day (rule-set independent), cached so that peer
 * cohorts can be built without recomputing every entity. Valid while rollup_version matches the
 * entity's. values[] follows the indicator catalogue order in server/scoring/indicators.ts.
 */
export const indicatorValues = pgTable(
  "indicator_values",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    entityKind: text("entity_kind", { enum: ENTITY_KINDS }).notNull(),
    entityId: uuid("entity_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    rollupVersion: integer("rollup_version").notNull(),
    categoryCode: text("category_code").notNull(),
    validOrders: integer("valid_orders").notNull(),
    values: doublePrecision("values").array().notNull(),
    // No numerators and denominators: an explanation recomputes its entities' in the database
    // (window-totals.ts), which costs less than writing them for every entity of every day.
    computedAt: tsColumn("computed_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.entityKind, t.entityId, t.day] }),
    index("indicator_values_day").on(t.day, t.entityKind, t.categoryCode),
  ],
);

/** Doubles packed eight bytes each (db/float8-bytes.ts); read back as a plain array. */
const packedFloat8 = customType<{ data: readonly number[]; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (values) => packFloat8(values),
  fromDriver: (bytes) => unpackFloat8(bytes),
});

/** A stored daily score with its full explanation (scoring.md §8). Numbers are unrounded. */
export const scoreSnapshots = pgTable(
  "score_snapshots",
  {
    // No foreign key: its per-row check cost more than the rest of a history backfill's insert
    // (a million rows). deleteOrganisation removes these rows itself.
    orgId: orgIdColumn(),
    entityKind: text("entity_kind", { enum: ENTITY_KINDS }).notNull(),
    entityId: uuid("entity_id").notNull(),
    ruleSet: text("rule_set").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    state: text("state", { enum: ["scored", "insufficient_data"] }).notNull(),
    validOrders: integer("valid_orders").notNull(),
    overall: doublePrecision("overall"),
    beatsPercent: doublePrecision("beats_percent"),
    /** The full explanation; null on history days stored as summaries (ADR 0005). json, as detail above. */
    result: json("result").$type<Record<string, unknown>>(),
    /** Summary days (packed doubles, ADR 0008): each rule-set dimension's composite and score, in the rule set's order. */
    dimensionScores: packedFloat8("dimension_scores"),
    /** Summary days (packed doubles): indicator values and percentiles at INDICATOR_ORDER positions (NaN = missing). */
    indicatorValues: packedFloat8("indicator_values"),
    indicatorPercentiles: packedFloat8("indicator_percentiles"),
    rollupVersion: integer("rollup_version").notNull(),
    computedAt: tsColumn("computed_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.entityKind, t.entityId, t.ruleSet, t.day] })],
);

/** An organisation's dimension weights for one rule set and category (part of the explanation). */
export const dimensionWeightOverrides = pgTable(
  "dimension_weight_overrides",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    ruleSet: text("rule_set").notNull(),
    categoryCode: text("category_code").notNull(),
    weights: jsonb("weights").$type<Record<string, number>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.ruleSet, t.categoryCode] })],
);

/**
 * Entities whose facts changed since their scores were last brought up to date: imports mark
 * them in their own transaction; the rescore (server/scoring/rescore.ts) rebuilds their roll-ups
 * and clears the marks once today's new scores are stored.
 */
export const rollupDirty = pgTable(
  "rollup_dirty",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    entityKind: text("entity_kind", { enum: ENTITY_KINDS }).notNull(),
    entityId: uuid("entity_id").notNull(),
    /** The earliest fact day that changed: snapshots from the next day on are stale. */
    sinceDay: date("since_day", { mode: "string" }),
    markedAt: tsColumn("marked_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.entityKind, t.entityId] })],
);

/**
 * The latest "if nothing changes" forecast of each entity (server/insight/forecast.ts): written
 * after a rescore stores the newest day, read by the entity page and the portfolio's risk column.
 * One row per entity: a new forecast replaces the old one.
 */
export const entityForecasts = pgTable(
  "entity_forecasts",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    entityKind: text("entity_kind", { enum: ENTITY_KINDS }).notNull(),
    entityId: uuid("entity_id").notNull(),
    ruleSet: text("rule_set").notNull(),
    /** The day D the forecast starts from: the forecast days are D+1 … D+n. */
    madeForDay: date("made_for_day", { mode: "string" }).notNull(),
    /** The score on D itself (unrounded), null when D is not scored. */
    currentOverall: doublePrecision("current_overall"),
    /** ForecastDay[] (server/insight/forecast.ts), oldest first. */
    days: jsonb("days").$type<unknown[]>().notNull(),
    /** ForecastCrossing[]: the first day each threshold is crossed, either way. */
    crossings: jsonb("crossings").$type<unknown[]>().notNull(),
    computedAt: tsColumn("computed_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.entityKind, t.entityId] })],
);

/**
 * One shop's indicator values on one day under a 100-point or SPS rule set (server/scoring/current),
 * kept so that other organisations' cohorts can rank against them through
 * koubei_current_peer_values without reading this organisation's facts. `values` follow the rule
 * set's indicator order (NaN = missing); `facts_version` is the shop's rollup_version when they
 * were computed, so an import makes them stale.
 */
export const currentIndicatorValues = pgTable(
  "current_indicator_values",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    shopId: uuid("shop_id").notNull(),
    ruleSet: text("rule_set").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    factsVersion: integer("facts_version").notNull(),
    categoryCode: text("category_code").notNull(),
    /** Formal stage (douyin-100) or eligible (SPS): only these join cohorts. */
    eligible: boolean("eligible").notNull(),
    values: doublePrecision("values").array().notNull(),
    computedAt: tsColumn("computed_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.shopId, t.ruleSet, t.day] }), index("current_indicator_values_day").on(t.ruleSet, t.day, t.categoryCode)],
);
