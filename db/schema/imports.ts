import {
  type AnyPgColumn,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { IMPORT_KINDS, IMPORT_SOURCES, IMPORT_STATUSES } from "@/lib/contracts/imports";
import type { MessageParams, StoredText } from "@/lib/contracts/message";
import { createdAt, idColumn, orgIdColumn, tsColumn, updatedAt } from "./_columns";
import { organisations } from "./orgs";
import { creators, shops } from "./shops";

/**
 * One uploaded file imported into one shop — or, for creator_orders, into one creator account
 * (exactly one of shop_id and creator_id is set): a batch that commits all its accepted rows or none,
 * and that can be undone as a whole (the fact rows' created_import_id says what it inserted,
 * import_row_changes what it changed).
 */
export const imports = pgTable(
  "imports",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    shopId: uuid("shop_id"),
    creatorId: uuid("creator_id"),
    kind: text("kind", { enum: IMPORT_KINDS }).notNull(),
    source: text("source", { enum: IMPORT_SOURCES }).notNull().default("file"),
    fileName: text("file_name").notNull(),
    fileType: text("file_type"),
    sizeBytes: integer("size_bytes"),
    /** Encoding the file was decoded with (null for XLSX). */
    encoding: text("encoding"),
    /** The user's encoding choice ("auto" unless overridden). */
    encodingChoice: text("encoding_choice").notNull().default("auto"),
    status: text("status", { enum: IMPORT_STATUSES }).notNull().default("queued"),
    inserted: integer("inserted").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    unchanged: integer("unchanged").notNull().default(0),
    rejected: integer("rejected").notNull().default(0),
    keptNewer: integer("kept_newer").notNull().default(0),
    rowsProcessed: integer("rows_processed").notNull().default(0),
    rowsTotal: integer("rows_total"),
    /** Plain reason when status is failed, in English for logs; the reader sees error_key with error_params in their language. */
    error: text("error"),
    errorKey: text("error_key"),
    errorParams: jsonb("error_params").$type<MessageParams>(),
    /** The header mapping used (field → header), editable and saved as a template. */
    mapping: jsonb("mapping").$type<Record<string, string | null>>(),
    /**
     * Remarks shown with the summary (e.g. 订单提交时间 stands in for paid_at; why rows were kept
     * newer), as message keys rendered in the reader's language (rows imported before keys hold text).
     */
    notes: jsonb("notes").$type<StoredText[]>(),
    /** Export time from the file name (1791430000_xxx.csv), when known. */
    exportedAt: tsColumn("exported_at"),
    /** Where the uploaded file is kept until the import has run (a path), so a failed import can be retried. */
    sourceRef: text("source_ref"),
    /** Set when the file came in a bulk upload (manifest or ZIP). */
    bundleId: uuid("bundle_id"),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    startedAt: tsColumn("started_at"),
    /** Touched while the import runs; a running import whose heartbeat stopped has lost its process (server/imports/heartbeat.ts). */
    heartbeatAt: tsColumn("heartbeat_at"),
    finishedAt: tsColumn("finished_at"),
    undoneAt: tsColumn("undone_at"),
    undoneBy: uuid("undone_by"),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.shopId], foreignColumns: [shops.orgId, shops.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.orgId, t.creatorId], foreignColumns: [creators.orgId, creators.id] }).onDelete("cascade"),
    check("imports_one_owner", sql`(${t.shopId} is null) <> (${t.creatorId} is null)`),
    index("imports_creator_created").on(t.orgId, t.creatorId, t.createdAt),
    index("imports_shop_created").on(t.orgId, t.shopId, t.createdAt),
    index("imports_bundle").on(t.orgId, t.bundleId),
    index("imports_running_heartbeat").on(t.heartbeatAt).where(sql`${t.status} = 'running'`),
  ],
);

const importFk = (t: { orgId: AnyPgColumn; importId: AnyPgColumn }) =>
  foreignKey({ columns: [t.orgId, t.importId], foreignColumns: [imports.orgId, imports.id] }).onDelete("cascade");

/** Rejected rows: row number as the spreadsheet shows it, column, reason, and the raw values (buyer columns dropped, free text masked). */
export const importRowErrors = pgTable(
  "import_row_errors",
  {
    orgId: orgIdColumn(),
    importId: uuid("import_id").notNull(),
    seq: integer("seq").notNull(),
    row: integer("row").notNull(),
    column: text("column"),
    /** A message key (importer.reasons.*) rendered with reason_params in the reader's language; older rows hold English text. */
    reason: text("reason").notNull(),
    reasonParams: jsonb("reason_params").$type<MessageParams>(),
    raw: jsonb("raw").$type<Record<string, string>>(),
  },
  (t) => [importFk(t), primaryKey({ columns: [t.orgId, t.importId, t.seq] })],
);

/**
 * What an import changed (op = update, the row as it was before) — and, for imports made before
 * migration 0005 (created_import_id), what it inserted (op = insert, no before image): undo
 * restores the first and deletes the second, exactly.
 */
export const importRowChanges = pgTable(
  "import_row_changes",
  {
    orgId: orgIdColumn(),
    importId: uuid("import_id").notNull(),
    /** The natural key as text (reviews: order id and review time). */
    rowKey: text("row_key").notNull(),
    /** The row's owner: its shop, or (creator_orders) its creator account. */
    shopId: uuid("shop_id"),
    creatorId: uuid("creator_id"),
    op: text("op", { enum: ["insert", "update"] }).notNull(),
    /** The natural key's columns (snake_case → value). */
    key: jsonb("key").$type<Record<string, string>>().notNull(),
    /** The whole row before the import (to_jsonb of the fact row), for op = update. */
    before: jsonb("before").$type<Record<string, unknown>>(),
  },
  (t) => [importFk(t), primaryKey({ columns: [t.orgId, t.importId, t.rowKey] })],
);

/** Named header mappings per organisation and kind, reused for the next file. */
export const importTemplates = pgTable(
  "import_templates",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    id: idColumn(),
    kind: text("kind", { enum: IMPORT_KINDS }).notNull(),
    name: text("name").notNull(),
    mapping: jsonb("mapping").$type<Record<string, string | null>>().notNull(),
    encoding: text("encoding"),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex("import_templates_name").on(t.orgId, t.kind, t.name)],
);

/** Which days of which shop an import (or its undo) touched: incremental rescoring reads this. */
export const importTouchedDays = pgTable(
  "import_touched_days",
  {
    orgId: orgIdColumn(),
    importId: uuid("import_id").notNull(),
    shopId: uuid("shop_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
  },
  (t) => [
    importFk(t),
    primaryKey({ columns: [t.orgId, t.importId, t.shopId, t.day] }),
    index("import_touched_days_shop_day").on(t.orgId, t.shopId, t.day),
  ],
);
