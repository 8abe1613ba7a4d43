import { boolean, customType, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, smallint, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ENTITY_KINDS } from "@/lib/contracts/entity-kinds";
import { ROLES } from "@/lib/contracts/members";
import type { Message } from "@/lib/contracts/message";
import {
  CHECKLIST_STATUSES,
  EVIDENCE_KINDS,
  ITEM_STATUSES,
  STEP_CADENCES,
  type EffectSnapshot,
  type PlaybookDefinition,
} from "@/lib/contracts/playbooks";
import { createdAt, idColumn, orgIdColumn, tsColumn, updatedAt } from "./_columns";
import { organisations } from "./orgs";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/**
 * An organisation's own playbooks: copies of built-ins (which ship as versioned JSON, not rows) and
 * playbooks it wrote. The definition is one validated document (lib/contracts/playbooks.ts).
 */
export const playbooks = pgTable(
  "playbooks",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    id: idColumn(),
    code: text("code").notNull(),
    version: integer("version").notNull().default(1),
    /** The built-in this was copied from (code and version), null for the organisation's own. */
    basedOnCode: text("based_on_code"),
    basedOnVersion: integer("based_on_version"),
    definition: jsonb("definition").$type<PlaybookDefinition>().notNull(),
    archived: boolean("archived").notNull().default(false),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex("playbooks_code").on(t.orgId, t.code)],
);

/** A playbook applied to one shop or creator account; the definition is frozen at apply time. */
export const checklists = pgTable(
  "checklists",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    id: idColumn(),
    entityKind: text("entity_kind", { enum: ENTITY_KINDS }).notNull(),
    entityId: uuid("entity_id").notNull(),
    playbookCode: text("playbook_code").notNull(),
    playbookVersion: integer("playbook_version").notNull(),
    playbook: jsonb("playbook").$type<PlaybookDefinition>().notNull(),
    /** Why it was applied (the suggestion's reason), rendered in the reader's language; null when applied by hand. */
    reason: jsonb("reason").$type<Message>(),
    status: text("status", { enum: CHECKLIST_STATUSES }).notNull().default("open"),
    /** The scored day effect tracking counts from. */
    startDay: date("start_day", { mode: "string" }).notNull(),
    dueDay: date("due_day", { mode: "string" }),
    appliedBy: uuid("applied_by"),
    closedAt: tsColumn("closed_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index("checklists_entity").on(t.orgId, t.entityKind, t.entityId, t.status)],
);

/** One occurrence of a step; a recurring step gets one row per occurrence, made by the recurrence job. */
export const checklistItems = pgTable(
  "checklist_items",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    checklistId: uuid("checklist_id").notNull(),
    stepKey: text("step_key").notNull(),
    position: smallint("position").notNull(),
    /** 1 for a once step; n for the n-th occurrence of a recurring one. Unique with the step: a job run twice makes nothing twice. */
    occurrence: integer("occurrence").notNull().default(1),
    textZh: text("text_zh").notNull(),
    textEn: text("text_en").notNull(),
    cadence: text("cadence", { enum: STEP_CADENCES }).notNull(),
    ownerRole: text("owner_role", { enum: ROLES }).notNull(),
    evidenceKind: text("evidence_kind", { enum: EVIDENCE_KINDS }).notNull(),
    assigneeUserId: uuid("assignee_user_id"),
    dueDay: date("due_day", { mode: "string" }),
    status: text("status", { enum: ITEM_STATUSES }).notNull().default("todo"),
    evidenceNote: text("evidence_note"),
    evidenceUrl: text("evidence_url"),
    completedAt: tsColumn("completed_at"),
    completedBy: uuid("completed_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.checklistId], foreignColumns: [checklists.orgId, checklists.id] }).onDelete("cascade"),
    uniqueIndex("checklist_items_occurrence").on(t.orgId, t.checklistId, t.stepKey, t.occurrence),
    index("checklist_items_assignee").on(t.orgId, t.assigneeUserId, t.status, t.dueDay),
  ],
);

export const checklistComments = pgTable(
  "checklist_comments",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    itemId: uuid("item_id").notNull(),
    authorUserId: uuid("author_user_id"),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.itemId], foreignColumns: [checklistItems.orgId, checklistItems.id] }).onDelete("cascade"),
    index("checklist_comments_item").on(t.orgId, t.itemId),
  ],
);

/** Evidence files are small (capped by the upload procedure) and kept in the database so both engines hold them alike. */
export const checklistEvidenceFiles = pgTable(
  "checklist_evidence_files",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    itemId: uuid("item_id").notNull(),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    byteSize: integer("byte_size").notNull(),
    content: bytea("content").notNull(),
    uploadedBy: uuid("uploaded_by"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.itemId], foreignColumns: [checklistItems.orgId, checklistItems.id] }).onDelete("cascade"),
    index("checklist_evidence_files_item").on(t.orgId, t.itemId),
  ],
);

/** The targeted numbers at the start and at 7, 14 and 30 days (EFFECT_CHECKPOINTS), recorded once each. */
export const checklistCheckpoints = pgTable(
  "checklist_checkpoints",
  {
    orgId: orgIdColumn(),
    checklistId: uuid("checklist_id").notNull(),
    offsetDays: smallint("offset_days").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    snapshot: jsonb("snapshot").$type<EffectSnapshot>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.checklistId, t.offsetDays] }),
    foreignKey({ columns: [t.orgId, t.checklistId], foreignColumns: [checklists.orgId, checklists.id] }).onDelete("cascade"),
  ],
);
