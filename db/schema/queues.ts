import { type AnyPgColumn, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { LOCALES } from "@/lib/contracts/locales";
import { APPEAL_OUTCOMES, APPEAL_SUBJECTS, EXEMPT_FACT_KINDS, REVIEW_CASE_STATUSES } from "@/lib/contracts/queues";
import { PROBLEM_TYPES } from "@/lib/contracts/voc";
import { createdAt, idColumn, orgIdColumn, tsColumn, updatedAt } from "./_columns";
import { organisations } from "./orgs";
import { shops } from "./shops";

const shopFk = (t: { orgId: AnyPgColumn; shopId: AnyPgColumn }) =>
  foreignKey({ columns: [t.orgId, t.shopId], foreignColumns: [shops.orgId, shops.id] }).onDelete("cascade");

/**
 * The bad-review ledger's handling of one review (keyed like the review fact: shop, order,
 * reviewed_at). A 1–2★ review without a row is "new": imports feed the ledger, this table only
 * holds what operators did. No buyer data: the review's own columns stay in `reviews`.
 */
export const reviewCases = pgTable(
  "review_cases",
  {
    orgId: orgIdColumn(),
    shopId: uuid("shop_id").notNull(),
    orderId: text("order_id").notNull(),
    reviewedAt: tsColumn("reviewed_at").notNull(),
    status: text("status", { enum: REVIEW_CASE_STATUSES }).notNull().default("new"),
    ownerUserId: uuid("owner_user_id"),
    note: text("note"),
    /** When it was last set to resolved: the day it counts as handled (effect tracking). */
    resolvedAt: tsColumn("resolved_at"),
    updatedBy: uuid("updated_by"),
    updatedAt: updatedAt(),
  },
  (t) => [shopFk(t), primaryKey({ columns: [t.orgId, t.shopId, t.orderId, t.reviewedAt] }), index("review_cases_resolved").on(t.orgId, t.resolvedAt)],
);

/** The organisation's reply templates for bad reviews; while it has none, the built-in seeds (zh and en) are offered. */
export const replyTemplates = pgTable(
  "reply_templates",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    id: idColumn(),
    locale: text("locale", { enum: LOCALES }).notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

/** An appeal (申诉) against a review, after-sale, complaint or dispute, order, or platform penalty of one shop. */
export const appeals = pgTable(
  "appeals",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    shopId: uuid("shop_id").notNull(),
    subject: text("subject", { enum: APPEAL_SUBJECTS }).notNull(),
    /** The fact's natural key within the shop (reviews: `${order_id}@${ISO reviewed_at}`); a penalty's own reference. */
    factKey: text("fact_key").notNull(),
    /** The order the contested fact belongs to, when it has one: a creator account's handled items are its orders'. */
    orderId: text("order_id"),
    reason: text("reason").notNull(),
    evidenceNote: text("evidence_note"),
    evidenceUrl: text("evidence_url"),
    deadlineDay: date("deadline_day", { mode: "string" }),
    outcome: text("outcome", { enum: APPEAL_OUTCOMES }).notNull().default("pending"),
    decidedAt: tsColumn("decided_at"),
    decidedBy: uuid("decided_by"),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [shopFk(t), primaryKey({ columns: [t.orgId, t.id] }), index("appeals_shop_outcome").on(t.orgId, t.shopId, t.outcome), index("appeals_decided").on(t.orgId, t.decidedAt)],
);

/**
 * Facts the platform agreed not to count (an upheld appeal). The fact loaders leave them out with
 * one anti-join per fact table, so roll-ups, scores and the drill-down all see the same facts
 * (ADR "fact exemptions"). Keyed like the facts; the appeal that caused it is kept for undoing.
 */
export const factExemptions = pgTable(
  "fact_exemptions",
  {
    orgId: orgIdColumn(),
    shopId: uuid("shop_id").notNull(),
    factKind: text("fact_kind", { enum: EXEMPT_FACT_KINDS }).notNull(),
    factKey: text("fact_key").notNull(),
    appealId: uuid("appeal_id"),
    createdAt: createdAt(),
  },
  (t) => [shopFk(t), primaryKey({ columns: [t.orgId, t.shopId, t.factKind, t.factKey] })],
);

/** The problem-attribution log a shop's operators keep: problem, cases, owning team, fix, measured effect. */
export const problemLogEntries = pgTable(
  "problem_log_entries",
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    shopId: uuid("shop_id").notNull(),
    problemType: text("problem_type", { enum: PROBLEM_TYPES }).notNull(),
    cases: integer("cases").notNull().default(0),
    owningTeam: text("owning_team").notNull(),
    fix: text("fix").notNull(),
    effect: text("effect"),
    /** A checklist of the organisation (db/schema/playbooks.ts), optional; checked on write. */
    checklistId: uuid("checklist_id"),
    /** The orders and reviews that show the problem: `kind:key` references (lib/contracts/queues.ts FACT_REF). */
    factRefs: jsonb("fact_refs").$type<string[]>().notNull().default([]),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [shopFk(t), primaryKey({ columns: [t.orgId, t.id] }), index("problem_log_shop").on(t.orgId, t.shopId)],
);
