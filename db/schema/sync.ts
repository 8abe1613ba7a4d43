import { type AnyPgColumn, bigint, boolean, date, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { PLATFORM_SCORE_SOURCES } from "@/lib/contracts/scoring-parameters";
import { createdAt, idColumn, orgIdColumn, tsColumn, updatedAt } from "./_columns";
import { organisations } from "./orgs";
import { shops } from "./shops";

export const syncPlatforms = ["douyin"] as const;
export const syncAuthStatuses = ["authorised", "needs_authorisation"] as const;
export const syncRunStatuses = ["running", "succeeded", "failed", "skipped"] as const;
export const syncTriggers = ["schedule", "manual", "push", "cli"] as const;

/**
 * An organisation's app on a platform's open API: its key and secret (the secret encrypted with
 * KOUBEI_SECRET_KEY, bound to the organisation; never sent to the browser).
 */
export const syncApps = pgTable(
  "sync_apps",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    id: idColumn(),
    platform: text("platform", { enum: syncPlatforms }).notNull().default("douyin"),
    baseUrl: text("base_url").notNull(),
    appKey: text("app_key").notNull(),
    appSecretEncrypted: text("app_secret_encrypted").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex("sync_apps_platform").on(t.orgId, t.platform)],
);

/** One shop authorised to the organisation's app: tokens (encrypted), schedule, and how the last runs went. */
export const syncConnections = pgTable(
  "sync_connections",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    shopId: uuid("shop_id").notNull(),
    appId: uuid("app_id").notNull(),
    platformShopId: text("platform_shop_id").notNull(),
    platformShopName: text("platform_shop_name"),
    authStatus: text("auth_status", { enum: syncAuthStatuses }).notNull().default("needs_authorisation"),
    accessTokenEncrypted: text("access_token_encrypted"),
    refreshTokenEncrypted: text("refresh_token_encrypted"),
    accessExpiresAt: tsColumn("access_expires_at"),
    paused: boolean("paused").notNull().default(false),
    intervalMinutes: integer("interval_minutes").notNull().default(30),
    lastRunAt: tsColumn("last_run_at"),
    lastSuccessAt: tsColumn("last_success_at"),
    /** Message key (errors.sync.*) of the last failure, cleared by a success. */
    lastErrorKey: text("last_error_key"),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("sync_connections_shop").on(t.orgId, t.shopId),
    index("sync_connections_platform_shop").on(t.orgId, t.platformShopId),
    foreignKey({ columns: [t.orgId, t.shopId], foreignColumns: [shops.orgId, shops.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.orgId, t.appId], foreignColumns: [syncApps.orgId, syncApps.id] }).onDelete("cascade"),
  ],
);

const connectionFk = (t: { orgId: AnyPgColumn; connectionId: AnyPgColumn }) =>
  foreignKey({ columns: [t.orgId, t.connectionId], foreignColumns: [syncConnections.orgId, syncConnections.id] }).onDelete("cascade");

/**
 * Where the next pull of a resource starts: the end of the last update-time window whose records
 * are committed. Advanced in the transaction that commits them, so a crash resumes exactly here.
 */
export const syncCursors = pgTable(
  "sync_cursors",
  {
    orgId: orgIdColumn(),
    connectionId: uuid("connection_id").notNull(),
    resource: text("resource").notNull(),
    /** Unix seconds: records updated at or after this are still to pull. */
    position: bigint("position", { mode: "number" }).notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.connectionId, t.resource] }), connectionFk(t)],
);

/** One sync of one shop: the import batch it wrote (imports.bundle_id = this id), counts per resource, or why it failed. */
export const syncRuns = pgTable(
  "sync_runs",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    connectionId: uuid("connection_id").notNull(),
    shopId: uuid("shop_id").notNull(),
    trigger: text("trigger", { enum: syncTriggers }).notNull(),
    status: text("status", { enum: syncRunStatuses }).notNull().default("running"),
    counts: jsonb("counts").$type<Record<string, { pulled: number; inserted: number; updated: number; unchanged: number; rejected: number }>>(),
    errorKey: text("error_key"),
    /** Technical detail for operators (method, code); the UI shows errorKey in the user's language. */
    errorDetail: text("error_detail"),
    startedAt: tsColumn("started_at").notNull().defaultNow(),
    finishedAt: tsColumn("finished_at"),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index("sync_runs_connection_started").on(t.orgId, t.connectionId, t.startedAt), connectionFk(t)],
);

/** A number the platform reported for a dimension or an indicator: the indicator's value and/or its score. */
export type ReportedNumber = { value: number | null; score: number | null };

/**
 * The platform's own experience score of a shop as it reported it for a day, kept beside
 * Koubei's score: pulled by sync (shop.getExperienceScore) or imported from a file. One row holds
 * the overall score and, in Koubei's codes, every dimension's score and every indicator's value
 * and score the platform gave (ADR 0023).
 */
export const platformScoreSnapshots = pgTable(
  "platform_score_snapshots",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    shopId: uuid("shop_id").notNull(),
    platform: text("platform", { enum: syncPlatforms }).notNull().default("douyin"),
    /** The Shanghai day the score is for (a synced score: the day it was read). */
    day: date("day", { mode: "string" }).notNull(),
    source: text("source", { enum: PLATFORM_SCORE_SOURCES }).notNull().default("sync"),
    /** 100 (the 100-point era) or 5 (the 5-point score some back-ends still report). */
    scale: integer("scale").notNull().default(100),
    score: numeric("score", { precision: 5, scale: 2 }),
    /** Per dimension code (product, logistics, service): its reported score. */
    dimensions: jsonb("dimensions").$type<Record<string, ReportedNumber>>().notNull().default({}),
    /** Per Koubei indicator code (product_rating …): the reported value and score. */
    reportedIndicators: jsonb("reported_indicators").$type<Record<string, ReportedNumber>>().notNull().default({}),
    /** Sync only: the platform's own indicators as it sent them, { score, node_score, node_score_weight }. */
    indicators: jsonb("indicators").$type<Record<string, { score: number | null; nodeScore: number | null; weight: number | null }>>().notNull(),
    takenAt: tsColumn("taken_at").notNull(),
    runId: uuid("run_id"),
    /** Import only: the file it came from. */
    fileName: text("file_name"),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("platform_score_snapshots_shop").on(t.orgId, t.shopId, t.takenAt),
    index("platform_score_snapshots_day").on(t.orgId, t.shopId, t.day),
    foreignKey({ columns: [t.orgId, t.shopId], foreignColumns: [shops.orgId, shops.id] }).onDelete("cascade"),
  ],
);
