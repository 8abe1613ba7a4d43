import { z } from "zod";
import { daySchema, uuidSchema } from "./common";
import { ENTITY_KINDS } from "./entity-kinds";
import { LOCALES } from "./locales";
import { PROBLEM_TYPES } from "./voc";

/**
 * Daily operations queues (今日待办): what to handle today so tomorrow's score holds. Pickup at
 * risk, after-sales deadlines, the bad-review ledger, appeals (申诉) and the problem-attribution
 * log. Client-safe: the UI, the router and the domain share these.
 */

export const QUEUE_TABS = ["pickup", "afterSales", "reviews", "appeals", "problems"] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];

export const REVIEW_CASE_STATUSES = ["new", "contacted", "resolved", "appealed"] as const;
export type ReviewCaseStatus = (typeof REVIEW_CASE_STATUSES)[number];

/** What an appeal contests: a scored fact (review, after-sale, complaint or dispute, order) or a platform penalty (no fact). */
export const APPEAL_SUBJECTS = ["review", "after_sale", "complaint", "order", "penalty"] as const;
export type AppealSubject = (typeof APPEAL_SUBJECTS)[number];

export const APPEAL_OUTCOMES = ["pending", "upheld", "rejected"] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

/** Facts an upheld appeal can exempt from scoring (a penalty is not a scored fact). */
export const EXEMPT_FACT_KINDS = ["review", "after_sale", "complaint", "order"] as const;
export type ExemptFactKind = (typeof EXEMPT_FACT_KINDS)[number];

/** A review is named by its order and the instant it was written (its natural key): `${orderId}@${ISO instant}`. */
export const reviewFactKey = (orderId: string, reviewedAt: Date): string => `${orderId}@${reviewedAt.toISOString()}`;

/** A fact reference as the problem log links it: `kind:key` (e.g. `order:6917…`, `review:6917…@2026-05-01T02:00:00.000Z`). */
export const FACT_REF = /^(review|after_sale|complaint|order):.{1,200}$/;

const text = (max: number) => z.string().trim().max(max, { message: "errors.tooLong" });
const optionalText = (max: number) => text(max).nullable().optional();
const entityFilter = { kind: z.enum(ENTITY_KINDS).optional(), entityId: uuidSchema.optional() };

/** Every queue read: the whole organisation (the member's shops), one shop, or one entity's page. */
export const queueFilterInput = z.object({ ...entityFilter, shopId: uuidSchema.optional() }).default({});
export type QueueFilterInput = z.infer<typeof queueFilterInput>;

export const reviewLedgerInput = z
  .object({ ...entityFilter, shopId: uuidSchema.optional(), status: z.enum(REVIEW_CASE_STATUSES).optional() })
  .default({});

export const reviewRefInput = { shopId: uuidSchema, orderId: text(100).min(1), reviewedAt: z.iso.datetime({ offset: true, message: "errors.date" }) };

export const updateReviewCaseInput = z.object({
  ...reviewRefInput,
  status: z.enum(REVIEW_CASE_STATUSES).optional(),
  ownerUserId: uuidSchema.nullable().optional(),
  note: optionalText(2000),
});
export type UpdateReviewCaseInput = z.infer<typeof updateReviewCaseInput>;

export const replyTemplateInput = z.object({
  id: uuidSchema.optional(),
  locale: z.enum(LOCALES),
  title: text(80).min(1, { message: "errors.required" }),
  body: text(1000).min(1, { message: "errors.required" }),
});

export const createAppealInput = z.object({
  shopId: uuidSchema,
  subject: z.enum(APPEAL_SUBJECTS),
  /** The fact's natural key within the shop (review: reviewFactKey); a penalty's own reference (违规单号). */
  factKey: text(240).min(1, { message: "errors.required" }),
  reason: text(2000).min(1, { message: "errors.required" }),
  evidenceNote: optionalText(2000),
  evidenceUrl: z.url({ protocol: /^https?$/, message: "errors.invalidInput" }).max(500).nullable().optional(),
  deadlineDay: daySchema.nullable().optional(),
});
export type CreateAppealInput = z.infer<typeof createAppealInput>;

export const decideAppealInput = z.object({ id: uuidSchema, outcome: z.enum(APPEAL_OUTCOMES) });

export const appealsInput = z
  .object({ ...entityFilter, shopId: uuidSchema.optional(), outcome: z.enum(APPEAL_OUTCOMES).optional() })
  .default({});

export const problemLogInput = z.object({ ...entityFilter, shopId: uuidSchema.optional() }).default({});

export const problemLogEntryInput = z.object({
  id: uuidSchema.optional(),
  shopId: uuidSchema,
  problemType: z.enum(PROBLEM_TYPES),
  cases: z.number().int().min(0).max(1_000_000),
  owningTeam: text(80).min(1, { message: "errors.required" }),
  fix: text(1000).min(1, { message: "errors.required" }),
  effect: optionalText(500),
  checklistId: uuidSchema.nullable().optional(),
  factRefs: z.array(z.string().trim().regex(FACT_REF, { message: "errors.invalidInput" })).max(200).default([]),
});
export type ProblemLogEntryInput = z.infer<typeof problemLogEntryInput>;

/* Output shapes the UI renders. Instants are ISO strings (absolute; shown in Asia/Shanghai). */

/** What an overdue pickup weighs in 24小时揽收率 on the first scoring day it counts, as the drill-down counts it. */
export type PickupScoreCost = {
  /** The scoring day it counts against the shop from (today when it already does). */
  day: string;
  /** Recency weight of its paid day on that scoring day. */
  weight: number;
  /** Its share of the indicator's weighted denominator: the rate points an on-time pickup would have kept. */
  rateShare: number;
  leavesWindowOn: string;
};

export type PickupQueueRow = {
  shopId: string;
  shopName: string;
  orderId: string;
  productName: string | null;
  paidAt: string;
  /** paid_at + 24 h: after this, a pickup is late. */
  lateAt: string;
  /** Milliseconds left before lateAt (negative: overdue). */
  msLeft: number;
  /** The first scoring day the unpicked order counts against the shop. */
  countsFromDay: string;
  /** Whether the shop's rule set scores 24 h pickup (douyin-shop-v1.1); v1 shops see the clock only. */
  scored: boolean;
  cost: PickupScoreCost | null;
};

export type AfterSaleQueueRow = {
  shopId: string;
  shopName: string;
  aftersaleId: string;
  orderId: string;
  type: string | null;
  reason: string | null;
  appliedAt: string;
  /** When the platform completes it on its own if the merchant does nothing (Koubei's assumption, ADR). */
  deadlineAt: string;
  msLeft: number;
};

export type ReviewLedgerRow = {
  shopId: string;
  shopName: string;
  orderId: string;
  reviewedAt: string;
  productName: string | null;
  productStars: number | null;
  logisticsStars: number | null;
  serviceStars: number | null;
  content: string | null;
  status: ReviewCaseStatus;
  ownerUserId: string | null;
  ownerName: string | null;
  note: string | null;
  exempt: boolean;
};

export type ReplyTemplate = { id: string | null; locale: (typeof LOCALES)[number]; title: string; body: string; builtIn: boolean };

export type AppealRow = {
  id: string;
  shopId: string;
  shopName: string;
  subject: AppealSubject;
  factKey: string;
  reason: string;
  evidenceNote: string | null;
  evidenceUrl: string | null;
  deadlineDay: string | null;
  outcome: AppealOutcome;
  decidedAt: string | null;
  createdAt: string;
};

export type ProblemLogRow = {
  id: string;
  shopId: string;
  shopName: string;
  problemType: (typeof PROBLEM_TYPES)[number];
  cases: number;
  owningTeam: string;
  fix: string;
  effect: string | null;
  checklistId: string | null;
  factRefs: string[];
  updatedAt: string;
};

export type QueueCounts = Record<QueueTab, number>;
