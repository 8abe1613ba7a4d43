import { z } from "zod";
import { ROLES } from "./members";
import { ENTITY_KINDS } from "./entity-kinds";

/**
 * Playbooks and checklists (issue 12), client-safe: the playbook definition is data (built-ins ship
 * as JSON files, organisations store copies and their own), so its shape is one zod schema shared by
 * the library files, the database column, the editor and the CLI.
 */
export const STEP_CADENCES = ["once", "daily", "weekly", "monthly"] as const;
export type StepCadence = (typeof STEP_CADENCES)[number];

export const EVIDENCE_KINDS = ["none", "note", "link", "file"] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const PLAYBOOK_DIMENSIONS = ["product", "logistics", "service", "overall"] as const;
export type PlaybookDimension = (typeof PLAYBOOK_DIMENSIONS)[number];

export const COMPARISONS = ["<", "<=", ">", ">="] as const;
export type Comparison = (typeof COMPARISONS)[number];

export const CHECKLIST_STATUSES = ["open", "done", "cancelled"] as const;
export type ChecklistStatus = (typeof CHECKLIST_STATUSES)[number];

export const ITEM_STATUSES = ["todo", "in_progress", "done", "skipped"] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Days after a checklist starts at which its targeted numbers are recorded again (0 = the start). */
export const EFFECT_CHECKPOINTS = [0, 7, 14, 30] as const;
export type EffectCheckpoint = (typeof EFFECT_CHECKPOINTS)[number];

const indicatorCode = z.string().min(1).max(64);
const scoreTarget = z.enum(["overall", "product", "logistics", "service"]);

/** When a playbook is suggested; any one trigger firing suggests it. Percentiles are 0–1 like the explanation's. */
export const playbookTriggerSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("indicator_percentile_below"), indicator: indicatorCode, below: z.number().min(0).max(1) }),
  z.object({ type: z.literal("indicator_value"), indicator: indicatorCode, op: z.enum(COMPARISONS), value: z.number() }),
  z.object({ type: z.literal("score_below"), target: scoreTarget, below: z.number() }),
  z.object({ type: z.literal("forecast_below"), target: z.literal("overall"), threshold: z.number(), withinDays: z.number().int().min(1).max(90) }),
]);
export type PlaybookTrigger = z.infer<typeof playbookTriggerSchema>;

export const playbookStepSchema = z.object({
  /** Stable within the playbook, so recurring occurrences and edited copies keep their identity. */
  key: z.string().min(1).max(64),
  textZh: z.string().min(1).max(500),
  textEn: z.string().min(1).max(500),
  cadence: z.enum(STEP_CADENCES),
  ownerRole: z.enum(ROLES),
  evidence: z.enum(EVIDENCE_KINDS),
});
export type PlaybookStep = z.infer<typeof playbookStepSchema>;

export const playbookDefinitionSchema = z.object({
  /** e.g. "logistics.carrier-pickup"; unique per organisation library. */
  code: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,79}$/),
  version: z.number().int().min(1),
  titleZh: z.string().min(1).max(120),
  titleEn: z.string().min(1).max(120),
  descriptionZh: z.string().max(2000),
  descriptionEn: z.string().max(2000),
  dimension: z.enum(PLAYBOOK_DIMENSIONS),
  indicators: z.array(indicatorCode).max(20),
  entityKinds: z.array(z.enum(ENTITY_KINDS)).min(1),
  /** Rule sets whose indicators the playbook names; empty = every rule set that has those indicators. */
  ruleSets: z.array(z.string().max(64)).max(20),
  triggers: z.array(playbookTriggerSchema).max(10),
  steps: z.array(playbookStepSchema).min(1).max(40),
});
export type PlaybookDefinition = z.infer<typeof playbookDefinitionSchema>;

/** The targeted numbers at one checkpoint: what effect tracking compares. */
export const effectSnapshotSchema = z.object({
  day: z.string(),
  overall: z.number().nullable(),
  dimensions: z.record(z.string(), z.number().nullable()),
  indicators: z.record(z.string(), z.object({ value: z.number().nullable(), percentile: z.number().nullable() })),
});
export type EffectSnapshot = z.infer<typeof effectSnapshotSchema>;
