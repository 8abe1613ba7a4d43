import { z } from "zod";
import { uuidSchema } from "./common";
import { ENTITY_KINDS } from "./entity-kinds";

/**
 * Voice of the customer (买家之声): bad reviews' text and after-sale reasons tagged into problem
 * types by a keyword dictionary. Client-safe: the UI, the router and the domain share these.
 */
export const PROBLEM_TYPES = ["quality", "size", "description_mismatch", "logistics", "service_attitude", "price", "other"] as const;
export type ProblemType = (typeof PROBLEM_TYPES)[number];

/** Types a dictionary term can point at: "other" is what matches no term, so it has none. */
export const TAGGED_PROBLEM_TYPES = PROBLEM_TYPES.filter((type): type is Exclude<ProblemType, "other"> => type !== "other");
export type TaggedProblemType = (typeof TAGGED_PROBLEM_TYPES)[number];

export const VOC_SOURCES = ["review", "aftersale"] as const;
export type VocSource = (typeof VOC_SOURCES)[number];

/** How many calendar months the problem view looks back, the current month included. */
export const VOC_MONTHS_DEFAULT = 6;
export const VOC_MONTHS_MAX = 24;

/** A problem whose products' quality-return rate passes this is listed (issue 11: "over 5%"). */
export const QUALITY_RETURN_ALERT_RATE = 0.05;

const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: "errors.invalidInput" });
const entityRef = { kind: z.enum(ENTITY_KINDS), id: uuidSchema };

export const vocEntityInput = z.object(entityRef);
export const vocProblemsInput = z.object({ ...entityRef, months: z.number().int().min(1).max(VOC_MONTHS_MAX).default(VOC_MONTHS_DEFAULT) });
export const vocProblemItemsInput = z.object({ ...entityRef, problemType: z.enum(PROBLEM_TYPES), month: monthSchema });

export const VOC_TERM_MAX_LENGTH = 20;
export const VOC_TERMS_PER_TYPE_MAX = 200;

const termSchema = z
  .string()
  .trim()
  .min(1, { message: "errors.required" })
  .max(VOC_TERM_MAX_LENGTH, { message: "errors.tooLong" })
  .refine((s) => !/[\s\u0000-\u001f\u007f]/.test(s), { message: "errors.badCharacters" });

/** The whole dictionary of an organisation: it replaces the default one while it exists. */
export const vocDictionaryInput = z.object({
  entries: z
    .array(z.object({ problemType: z.enum(TAGGED_PROBLEM_TYPES), terms: z.array(termSchema).max(VOC_TERMS_PER_TYPE_MAX, { message: "errors.tooManyTerms" }) }))
    .max(TAGGED_PROBLEM_TYPES.length),
});
export type VocDictionaryInput = z.infer<typeof vocDictionaryInput>;

export type VocDictionary = {
  /** true when the organisation keeps its own dictionary; false when the default one applies. */
  custom: boolean;
  /** The default dictionary's version (shown so a user knows which defaults they started from). */
  defaultVersion: string;
  entries: { problemType: TaggedProblemType; terms: string[] }[];
};

/** An indicator of the entity's rule set that a drill-down table hurts, named as the rule set names it, with its dimension. */
export type HurtIndicator = { code: string; nameZh: string; nameEn: string; dimension: string };
