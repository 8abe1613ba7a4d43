import { date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { CALIBRATION_STATUSES, ENTRY_ORIGINS, ENTRY_TARGETS } from "@/lib/contracts/scoring-parameters";
import { createdAt, idColumn, orgIdColumn, tsColumn, updatedAt } from "./_columns";
import { organisations } from "./orgs";

/**
 * An organisation's own numbers for a 100-point rule set and category (scoring-current-rules.md:
 * "an organisation may enter value cut-offs per category and indicator, which then replace the
 * default"): per indicator its value cut-offs (best band first) and weight, per dimension its
 * weight; each with where it came from (typed by an administrator or adopted from a calibration
 * run). A number left null stays the platform's published figure or Koubei's default.
 */
export const scoringParameterEntries = pgTable(
  "scoring_parameter_entries",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    ruleSet: text("rule_set").notNull(),
    categoryCode: text("category_code").notNull(),
    /** An indicator code (product_rating …) or a dimension code (product, logistics, service). */
    code: text("code").notNull(),
    target: text("target", { enum: ENTRY_TARGETS }).notNull(),
    /** Indicators only: value cut-offs, best band first, one per band but the last. */
    cutoffs: doublePrecision("cutoffs").array(),
    cutoffsOrigin: text("cutoffs_origin", { enum: ENTRY_ORIGINS }),
    /** An indicator's weight within its dimension (relative), or a dimension's weight in the total. */
    weight: doublePrecision("weight"),
    weightOrigin: text("weight_origin", { enum: ENTRY_ORIGINS }),
    /** The calibration run a number was adopted from (the latest one, when several were). */
    calibrationRunId: uuid("calibration_run_id"),
    updatedBy: uuid("updated_by"),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.ruleSet, t.categoryCode, t.code] })],
);

/** What a calibration run found (server/calibration/fit.ts), stored as the run's result. */
export type CalibrationResultJson = Record<string, unknown>;

/**
 * One calibration of an organisation's cut-offs and weights for a rule set and category from its
 * own shops' platform-reported snapshots: a background job (pg-boss) that moves through the
 * statuses, reports its progress, and stores what it found until an administrator adopts it.
 */
export const calibrationRuns = pgTable(
  "calibration_runs",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    id: idColumn(),
    ruleSet: text("rule_set").notNull(),
    categoryCode: text("category_code").notNull(),
    status: text("status", { enum: CALIBRATION_STATUSES }).notNull().default("queued"),
    /** 0–100. */
    progress: integer("progress").notNull().default(0),
    fromDay: date("from_day", { mode: "string" }),
    toDay: date("to_day", { mode: "string" }),
    result: jsonb("result").$type<CalibrationResultJson>(),
    /** Message key of a failure (errors.calibration.*). */
    errorKey: text("error_key"),
    requestedBy: uuid("requested_by"),
    createdAt: createdAt(),
    startedAt: tsColumn("started_at"),
    finishedAt: tsColumn("finished_at"),
    adoptedAt: tsColumn("adopted_at"),
    adoptedBy: uuid("adopted_by"),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index("calibration_runs_category").on(t.orgId, t.ruleSet, t.categoryCode, t.createdAt)],
);
