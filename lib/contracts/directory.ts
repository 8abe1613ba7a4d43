import { z } from "zod";
import { isDay, nameSchema, uuidSchema } from "./common";
import { ENTITY_KINDS } from "./entity-kinds";

/**
 * The business directory's contract (issue 13): what an owner may publish of a shop's or creator
 * account's score card, and how other organisations search, shortlist and watch the cards.
 * Client-safe: zod only.
 */

/** The fields an owner chooses to publish; name and kind are always shown. */
export const CARD_FIELDS = ["overall", "dimensions", "goodReviewRate", "category", "trend", "ruleSet", "contact", "indicators"] as const;
export type CardField = (typeof CARD_FIELDS)[number];
/** What the listing form ticks by default: indicators (values and peer percentiles) only when asked. */
export const DEFAULT_CARD_FIELDS: readonly CardField[] = ["overall", "dimensions", "goodReviewRate", "category", "trend"];

export const DIRECTORY_DIMENSIONS = ["product", "logistics", "service"] as const;
export type DirectoryDimension = (typeof DIRECTORY_DIMENSIONS)[number];

export const TRENDS = ["improving", "stable", "falling"] as const;
export type Trend = (typeof TRENDS)[number];

export const DIRECTORY_SORTS = ["score", "goodReviewRate", "freshness", "name"] as const;
export type DirectorySort = (typeof DIRECTORY_SORTS)[number];

export const SHORTLIST_STATUSES = ["to_contact", "talking", "selling", "dropped"] as const;
export type ShortlistStatus = (typeof SHORTLIST_STATUSES)[number];

export const MAX_COMPARE = 5;
export const DIRECTORY_PAGE_SIZE = 25;

const score = z.number().min(0).max(100);
const fraction = z.number().min(0).max(1);

/**
 * The scales a card's score is written on, by their maximum: 5 (Douyin's 5-point rules, TikTok's
 * SPS) or 100 (Douyin's 100-point rules). Score bounds of a search are read on one of them.
 */
export const SCORE_SCALES = [5, 100] as const;
export type ScoreScaleMax = (typeof SCORE_SCALES)[number];
/** The scale of a search's score bounds when it names none: the 5-point one, as before there were others. */
export const DEFAULT_SCORE_SCALE: ScoreScaleMax = 5;
const scoreScale = z.union([z.literal(5), z.literal(100)]);

export const listCardInput = z.object({
  kind: z.enum(ENTITY_KINDS),
  id: uuidSchema,
  fields: z.array(z.enum(CARD_FIELDS)).max(CARD_FIELDS.length),
  contact: z
    .string()
    .trim()
    .max(120, { message: "errors.tooLong" })
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message: "errors.badCharacters" })
    .nullish(),
});
export type ListCardInput = z.infer<typeof listCardInput>;

export const entityRefInput = z.object({ kind: z.enum(ENTITY_KINDS), id: uuidSchema });

/** The filters of a directory search; a saved search stores exactly this. */
export const directoryFilterSchema = z.object({
  kind: z.enum(ENTITY_KINDS).optional(),
  category: z.string().trim().max(40).optional(),
  /**
   * Only cards scored on this scale (by its maximum). The score bounds below are read on it
   * (5 when absent): a bound never compares a 100-point score with a 5-point one.
   */
  scale: scoreScale.optional(),
  minScore: score.optional(),
  minDimensions: z.partialRecord(z.enum(DIRECTORY_DIMENSIONS), score).optional(),
  minGoodReviewRate: fraction.optional(),
  trend: z.enum(TRENDS).optional(),
  ruleSet: z.string().max(60).optional(),
  /** Only cards whose values are at most this many days old. */
  freshWithinDays: z.number().int().min(0).max(365).optional(),
});
export type DirectoryFilter = z.infer<typeof directoryFilterSchema>;

/** The scale a filter's score bounds are read on. */
export function scaleOfFilter(filter: Pick<DirectoryFilter, "scale">): ScoreScaleMax {
  return filter.scale ?? DEFAULT_SCORE_SCALE;
}

/** A score bound above the filter's scale is refused in words (a 5-point search for "≥ 80" is a mistake, not an empty page). */
function boundsWithinScale(filter: Pick<DirectoryFilter, "scale" | "minScore" | "minDimensions">, ctx: z.RefinementCtx) {
  const max = scaleOfFilter(filter);
  if (filter.minScore !== undefined && filter.minScore > max) ctx.addIssue({ code: "custom", path: ["minScore"], message: "errors.scoreAboveScale" });
  for (const [dimension, min] of Object.entries(filter.minDimensions ?? {})) {
    if (min !== undefined && min > max) ctx.addIssue({ code: "custom", path: ["minDimensions", dimension], message: "errors.scoreAboveScale" });
  }
}

export const directorySearchInput = directoryFilterSchema.extend({
  sort: z.enum(DIRECTORY_SORTS).default("score"),
  descending: z.boolean().default(true),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(DIRECTORY_PAGE_SIZE),
  /** Values as of this day (YYYY-MM-DD); default today. */
  date: z.string().refine(isDay, { message: "errors.date" }).optional(),
}).superRefine(boundsWithinScale);
export type DirectorySearchInput = z.input<typeof directorySearchInput>;

export const cardIdsInput = z.object({ cardIds: z.array(uuidSchema).min(1).max(MAX_COMPARE) });

const noteSchema = z.string().trim().max(500, { message: "errors.tooLong" });

export const createShortlistInput = z.object({ name: nameSchema(60) });
export const renameShortlistInput = z.object({ id: uuidSchema, name: nameSchema(60) });
export const addToShortlistInput = z.object({ shortlistId: uuidSchema, cardId: uuidSchema, note: noteSchema.optional() });
export const updateShortlistItemInput = z.object({
  shortlistId: uuidSchema,
  cardId: uuidSchema,
  note: noteSchema.optional(),
  status: z.enum(SHORTLIST_STATUSES).optional(),
});
export const shortlistItemRefInput = z.object({ shortlistId: uuidSchema, cardId: uuidSchema });

/** The creator's bar: a shortlisted card falling under it is reported once until it recovers. Its score is on the search's scale (cards on another are not judged by it). */
export const creatorBarSchema = z.object({ minScore: score.optional(), minGoodReviewRate: fraction.optional() });
export type CreatorBar = z.infer<typeof creatorBarSchema>;
/** The bar the issue names (≥ 4.6 and ≥ 90%), offered as the form's default. */
export const DEFAULT_CREATOR_BAR: CreatorBar = { minScore: 4.6, minGoodReviewRate: 0.9 };

export const saveSearchInput = z.object({ name: nameSchema(60), filter: directoryFilterSchema.superRefine(boundsWithinScale), bar: creatorBarSchema.default({}) }).superRefine((input, ctx) => {
  if (input.bar.minScore !== undefined && input.bar.minScore > scaleOfFilter(input.filter)) ctx.addIssue({ code: "custom", path: ["bar", "minScore"], message: "errors.scoreAboveScale" });
});
export type SaveSearchInput = z.input<typeof saveSearchInput>;
