import { z } from "zod";
import { daySchema, uuidSchema } from "./common";
import { POINTS_RULE_SET_NAMES } from "./rule-sets";

/**
 * Contracts of an organisation's scoring parameters under the 100-point rule sets (value
 * cut-offs per indicator, indicator and dimension weights), of platform-reported scores and of
 * calibration runs. Client-safe: zod only; the rule sets themselves live in server/scoring/.
 */

/** The rule sets whose numbers an organisation may enter: the 100-point and SPS ones (scoring-current-rules.md). */
export { POINTS_RULE_SET_NAMES, type PointsRuleSetName } from "./rule-sets";

/** The rule sets calibration fits (per-indicator bands and weights). */
export const CALIBRATED_RULE_SETS = ["douyin-shop-2026-07"] as const;

/** Shop-days a calibration needs at the least: formal-stage days of the category's shops with a 100-point overall score reported. */
export const CALIBRATION_MIN_SHOP_DAYS = 20;

/** Where an entered number came from: typed by an administrator, or adopted from a calibration run. */
export const ENTRY_ORIGINS = ["entered", "calibration"] as const;
export type EntryOrigin = (typeof ENTRY_ORIGINS)[number];

/** Where a number of the explanation comes from: the platform's published figure, the organisation's entry, or Koubei's default. */
export const NUMBER_SOURCES = ["published", "organisation", "default"] as const;
export type NumberSourceName = (typeof NUMBER_SOURCES)[number];

export const ENTRY_TARGETS = ["indicator", "dimension"] as const;

export const CALIBRATION_STATUSES = ["queued", "running", "succeeded", "insufficient", "failed"] as const;
export type CalibrationStatus = (typeof CALIBRATION_STATUSES)[number];

export const PLATFORM_SCORE_SOURCES = ["sync", "import"] as const;
export type PlatformScoreSource = (typeof PLATFORM_SCORE_SOURCES)[number];

const ruleSetName = z.enum(POINTS_RULE_SET_NAMES, { message: "errors.parameters.unknownRuleSet" });
const categoryRef = z.string().trim().min(1, { message: "errors.required" }).max(64, { message: "errors.tooLong" });

/** A number a form may send: finite (JSON has no Infinity, but a caller may still try). */
const finite = z.number({ message: "errors.parameters.notANumber" }).refine(Number.isFinite, { message: "errors.parameters.notANumber" });

export const parametersRefInput = z.object({ ruleSet: ruleSetName, category: categoryRef });
export type ParametersRefInput = z.infer<typeof parametersRefInput>;

/**
 * The whole set of an organisation's numbers for one rule set and category, as the settings form
 * sends it: null (or absent) leaves a number to the published figure or Koubei's default. The
 * domain checks the codes against the rule set, the cut-offs' direction and the weights.
 */
export const saveParametersInput = parametersRefInput.extend({
  dimensions: z.record(z.string().max(64), z.object({ weight: finite.nullable() })).default({}),
  indicators: z
    .record(
      z.string().max(64),
      z.object({
        cutoffs: z.array(finite).max(10, { message: "errors.parameters.cutoffCount" }).nullable(),
        weight: finite.nullable(),
      }),
    )
    .default({}),
});
export type SaveParametersInput = z.input<typeof saveParametersInput>;

export const startCalibrationInput = z.object({
  ruleSet: z.enum(CALIBRATED_RULE_SETS, { message: "errors.calibration.ruleSet" }),
  category: categoryRef,
  /** The snapshots' days taken into account (inclusive); absent: every day there is. */
  from: daySchema.optional(),
  to: daySchema.optional(),
});
export type StartCalibrationInput = z.infer<typeof startCalibrationInput>;

export const calibrationRunInput = z.object({ id: uuidSchema });

export const platformScoresImportInput = z.object({ shopId: uuidSchema, uploadId: uuidSchema });

export const platformComparisonInput = z.object({ shopId: uuidSchema, day: daySchema.optional() });
