import { z } from "zod";
import { daySchema, uuidSchema } from "./common";
import { ENTITY_KINDS, type EntityKind } from "./entity-kinds";
import type { Message } from "./message";
import {
  CHECKLIST_STATUSES,
  ITEM_STATUSES,
  type ChecklistStatus,
  type EffectCheckpoint,
  type EffectSnapshot,
  type EvidenceKind,
  type ItemStatus,
  type PlaybookDimension,
  type StepCadence,
} from "./playbooks";

/**
 * Running a checklist (issue 12), client-safe: the inputs the checklist page, "my tasks" and the
 * agency view send, and the shapes they render. The playbook definition itself is in playbooks.ts.
 */

/** An evidence file is a photo, a screenshot or a short document, kept in the database: 10 MB at most. */
export const EVIDENCE_FILE_MAX_BYTES = 10 * 1024 * 1024;

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: "errors.tooLong" })
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), { message: "errors.badCharacters" });

export const checklistIdInput = z.object({ id: uuidSchema });
export const itemIdInput = z.object({ itemId: uuidSchema });

export const assignItemInput = z.object({ itemId: uuidSchema, assigneeUserId: uuidSchema.nullable() });
export const setItemDueInput = z.object({ itemId: uuidSchema, dueDay: daySchema.nullable() });

/** Evidence written with a status change: a note or a link (files are uploaded on their own route). */
export const setItemStatusInput = z.object({
  itemId: uuidSchema,
  status: z.enum(ITEM_STATUSES),
  evidenceNote: text(2000).optional(),
  evidenceUrl: z
    .string()
    .trim()
    .max(2000, { message: "errors.tooLong" })
    .refine((s) => s === "" || /^https?:\/\/\S+$/i.test(s), { message: "errors.evidenceLink" })
    .optional(),
});
export type SetItemStatusInput = z.infer<typeof setItemStatusInput>;

export const addCommentInput = z.object({ itemId: uuidSchema, body: text(2000).pipe(z.string().min(1, { message: "errors.required" })) });

export const closeChecklistInput = z.object({ id: uuidSchema, outcome: z.enum(["done", "cancelled"]) });

export const myTasksInput = z.object({ today: daySchema.optional() }).optional();

export const agencyChecklistsInput = z
  .object({
    status: z.enum(CHECKLIST_STATUSES).optional(),
    entityKind: z.enum(ENTITY_KINDS).optional(),
    ownerUserId: uuidSchema.optional(),
    today: daySchema.optional(),
  })
  .optional();

export const entityChecklistsInput = z.object({ kind: z.enum(ENTITY_KINDS), id: uuidSchema });

export type ChecklistMember = { userId: string; name: string };

export type ChecklistEvidenceFile = { id: string; fileName: string; contentType: string; byteSize: number; createdAt: Date };
export type ChecklistComment = { id: string; authorUserId: string | null; authorName: string | null; body: string; createdAt: Date };

export type ChecklistItemView = {
  id: string;
  stepKey: string;
  position: number;
  occurrence: number;
  textZh: string;
  textEn: string;
  cadence: StepCadence;
  evidenceKind: EvidenceKind;
  assigneeUserId: string | null;
  dueDay: string | null;
  status: ItemStatus;
  evidenceNote: string | null;
  evidenceUrl: string | null;
  completedAt: Date | null;
  comments: ChecklistComment[];
  files: ChecklistEvidenceFile[];
  /** The caller may change this item (a writer, or the item's assignee). */
  canUpdate: boolean;
};

export type ChecklistStepView = { key: string; position: number; textZh: string; textEn: string; cadence: StepCadence; evidenceKind: EvidenceKind; items: ChecklistItemView[] };

/** One number before and after: null when either side is unknown. */
export type EffectValue = { start: number | null; value: number | null; change: number | null };

export type EffectColumn = {
  offsetDays: EffectCheckpoint;
  /** The day this checkpoint reads (start day + offset). */
  day: string;
  /** Not recorded yet: the scored day has not come ("pending until <day>"). */
  pending: boolean;
  snapshot: EffectSnapshot | null;
  /** Daily-queue work handled on the entity from the start through this day (null for a day still to come). */
  handled: { reviewsResolved: number; appealsUpheld: number } | null;
};

export type EffectPanel = {
  indicators: { code: string; nameZh: string; nameEn: string; kind: "rate" | "mean" }[];
  dimensions: string[];
  columns: EffectColumn[];
};

export type ChecklistView = {
  id: string;
  entityKind: EntityKind;
  entityId: string;
  entityName: string;
  playbookCode: string;
  titleZh: string;
  titleEn: string;
  dimension: PlaybookDimension;
  reason: Message | null;
  status: ChecklistStatus;
  startDay: string;
  dueDay: string | null;
  closedAt: Date | null;
  steps: ChecklistStepView[];
  /** Members who may be assigned (they can see the entity). */
  assignable: ChecklistMember[];
  canWrite: boolean;
  effect: EffectPanel;
};

export type ChecklistSummary = {
  id: string;
  entityKind: EntityKind;
  entityId: string;
  entityName: string;
  playbookCode: string;
  titleZh: string;
  titleEn: string;
  status: ChecklistStatus;
  startDay: string;
  dueDay: string | null;
  ownerUserId: string | null;
  ownerName: string | null;
  itemsTotal: number;
  itemsDone: number;
  itemsOverdue: number;
  nextDueDay: string | null;
};

export const TASK_BUCKETS = ["overdue", "today", "week", "later"] as const;
export type TaskBucket = (typeof TASK_BUCKETS)[number];

export type TaskRow = {
  itemId: string;
  checklistId: string;
  entityKind: EntityKind;
  entityId: string;
  entityName: string;
  titleZh: string;
  titleEn: string;
  textZh: string;
  textEn: string;
  occurrence: number;
  cadence: StepCadence;
  dueDay: string | null;
  status: ItemStatus;
  bucket: TaskBucket;
};

export type PlaybookEffect = {
  playbookCode: string;
  titleZh: string;
  titleEn: string;
  checklists: number;
  /** Per checkpoint offset (7, 14, 30): checklists measured and the mean changes. */
  at: Record<"7" | "14" | "30", { measured: number; overall: number | null; indicators: Record<string, number | null> }>;
};
