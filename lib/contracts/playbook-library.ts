import { z } from "zod";
import { daySchema, uuidSchema } from "./common";
import { ENTITY_KINDS } from "./entity-kinds";
import type { Message } from "./message";
import { PLAYBOOK_DIMENSIONS, playbookDefinitionSchema, type PlaybookDefinition } from "./playbooks";

/**
 * The playbook library's procedures and what they return (issue 12): built-ins (versioned JSON
 * shipped with the app) next to the organisation's own playbooks, suggestions for an entity's
 * score, and applying a playbook as a checklist. Client-safe: the UI's filters and forms use these.
 */
export const PLAYBOOK_SOURCES = ["builtin", "org"] as const;
export type PlaybookSource = (typeof PLAYBOOK_SOURCES)[number];

export const listPlaybooksInput = z
  .object({
    dimension: z.enum(PLAYBOOK_DIMENSIONS).optional(),
    indicator: z.string().min(1).max(64).optional(),
    entityKind: z.enum(ENTITY_KINDS).optional(),
    includeArchived: z.boolean().optional(),
  })
  .optional();
export type ListPlaybooksInput = z.infer<typeof listPlaybooksInput>;

/** One row of the library: a built-in, or a playbook of the organisation (`id` set). */
export type PlaybookEntry = {
  source: PlaybookSource;
  /** The organisation's row id; null for a built-in. */
  id: string | null;
  code: string;
  version: number;
  basedOnCode: string | null;
  basedOnVersion: number | null;
  archived: boolean;
  definition: PlaybookDefinition;
  updatedAt: Date | null;
};

export const playbookByCodeInput = z.object({ code: z.string().min(1).max(80) });

/** Copies a built-in into the organisation's library; the copy's code is the built-in's with a suffix unless one is given. */
export const copyPlaybookInput = z.object({
  code: z.string().min(1).max(80),
  newCode: playbookDefinitionSchema.shape.code.optional(),
});

/** A playbook the organisation writes: the definition without its version (the server keeps it). */
export const playbookDraftSchema = playbookDefinitionSchema.omit({ version: true });
export type PlaybookDraft = z.infer<typeof playbookDraftSchema>;

export const createPlaybookInput = z.object({ definition: playbookDraftSchema });
/** An edit replaces the definition (its code stays) and raises the version by one. */
export const updatePlaybookInput = z.object({ id: uuidSchema, definition: playbookDraftSchema.omit({ code: true }) });
export const archivePlaybookInput = z.object({ id: uuidSchema, archived: z.boolean() });

export const suggestPlaybooksInput = z.object({
  kind: z.enum(ENTITY_KINDS),
  id: uuidSchema,
  /** The scored day; the entity's latest stored score when omitted. */
  day: daySchema.optional(),
});
export type SuggestPlaybooksInput = z.infer<typeof suggestPlaybooksInput>;

/** A playbook whose trigger fires on the entity's score, with why (strongest reason first in a list). */
export type PlaybookSuggestion = {
  playbook: string;
  version: number;
  source: PlaybookSource;
  titleZh: string;
  titleEn: string;
  dimension: PlaybookDefinition["dimension"];
  indicators: string[];
  /** The strongest firing trigger, as a message rendered in the reader's language. */
  reason: Message;
  /** How far past its bound the trigger is, 0 (just) … 1 (as far as it can be); the list is sorted on it. */
  strength: number;
};

/** A playbook that would be suggested but already runs as an open checklist on the entity. */
export type RunningPlaybook = { playbook: string; titleZh: string; titleEn: string; checklistId: string; startDay: string; reason: Message };

export type PlaybookSuggestions = {
  /** The scored day the triggers were evaluated on; null when the entity has no stored score. */
  day: string | null;
  suggestions: PlaybookSuggestion[];
  running: RunningPlaybook[];
};

export const applyPlaybookInput = z.object({
  kind: z.enum(ENTITY_KINDS),
  id: uuidSchema,
  playbook: z.string().min(1).max(80),
  /** The scored day the checklist starts from; the entity's latest stored score's day when omitted. */
  day: daySchema.optional(),
  dueDay: daySchema.optional(),
  /** Every item's assignee: a member with access to the entity. */
  assigneeUserId: uuidSchema.optional(),
  /** Applied from a suggestion: the reason the trigger gives on that day is stored with the checklist. */
  fromSuggestion: z.boolean().optional(),
});
export type ApplyPlaybookInput = z.infer<typeof applyPlaybookInput>;

export type AppliedChecklist = { checklistId: string; startDay: string; items: number };
