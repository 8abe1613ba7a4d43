import { boolean, date, doublePrecision, index, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { ENTITY_KINDS } from "@/lib/contracts/entity-kinds";
import { GOAL_METRICS } from "@/lib/contracts/goals";
import { DIGEST_KINDS } from "@/lib/contracts/digest";
import { createdAt, idColumn, orgIdColumn, tsColumn, updatedAt } from "./_columns";
import { organisations } from "./orgs";

/**
 * A target for a shop's or creator account's overall score, a dimension's score or an indicator's
 * value by a day. One table for both kinds (entity_kind + entity_id, like score_snapshots): the
 * entity's visibility is checked by the service. The start value is the metric as stored when the
 * goal was set, kept so progress is measured from where it began.
 */
export const goals = pgTable(
  "goals",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    id: idColumn(),
    entityKind: text("entity_kind", { enum: ENTITY_KINDS }).notNull(),
    entityId: uuid("entity_id").notNull(),
    metric: text("metric", { enum: GOAL_METRICS }).notNull(),
    /** Dimension or indicator code; null for the overall score. */
    code: text("code"),
    target: doublePrecision("target").notNull(),
    startDay: date("start_day", { mode: "string" }).notNull(),
    startValue: doublePrecision("start_value"),
    dueDay: date("due_day", { mode: "string" }).notNull(),
    note: text("note").notNull().default(""),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index("goals_entity").on(t.orgId, t.entityKind, t.entityId)],
);

/** A member's choice of brief and digest and of the channels they come by; no row = the defaults (nothing). */
export const digestPreferences = pgTable(
  "digest_preferences",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull(),
    daily: boolean("daily").notNull().default(false),
    weekly: boolean("weekly").notNull().default(false),
    inApp: boolean("in_app").notNull().default(true),
    email: boolean("email").notNull().default(false),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] })],
);

/**
 * One row per organisation, kind and day the brief or digest was sent: the scheduler's claim, so a
 * second run of the same day (a retry, two processes) sends nothing again.
 */
export const digestRuns = pgTable(
  "digest_runs",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    kind: text("kind", { enum: DIGEST_KINDS }).notNull(),
    day: date("day", { mode: "string" }).notNull(),
    recipients: integer("recipients").notNull().default(0),
    startedAt: createdAt(),
    finishedAt: tsColumn("finished_at"),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.kind, t.day] })],
);

/** Who was sent which run, by which channel: a run resumed after a crash skips those already served. */
export const digestDeliveries = pgTable(
  "digest_deliveries",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    kind: text("kind", { enum: DIGEST_KINDS }).notNull(),
    day: date("day", { mode: "string" }).notNull(),
    userId: uuid("user_id").notNull(),
    channel: text("channel", { enum: ["in_app", "email"] }).notNull(),
    sentAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.kind, t.day, t.userId, t.channel] })],
);
