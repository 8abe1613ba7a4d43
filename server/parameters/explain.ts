import { and, desc, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { categories, scoringParameterEntries } from "@/db/schema";
import { POINTS_RULE_SET_NAMES, TODAYS_SHOP_RULE_SET } from "@/lib/contracts/rule-sets";
import type { EntryOrigin, NumberSourceName } from "@/lib/contracts/scoring-parameters";
import { categoryCodeFor } from "@/server/catalog/service";
import { CURRENT_INDICATORS } from "@/server/scoring/current/indicator-codes";
import { listEntryRows } from "@/server/scoring/current/store/entries";
import type { PointsRuleSet } from "@/server/scoring/rule-sets/points-schema";
import { bandsOf, entrySetFromRows, pointsRuleSetOrRefuse } from "./entries";

type Explained<T> = {
  value: T;
  source: NumberSourceName;
  /** For an organisation's number: typed, or adopted from a calibration run (its id). */
  origin?: EntryOrigin;
  calibrationRunId?: string | null;
  /** A published weight that applies to these store types only (null: every store type). */
  storeTypes?: string[] | null;
};

/**
 * Every number a rule set uses for one category of the organisation, each with where it comes
 * from: the platform's published figure (a named industry's indicator weights), the
 * organisation's entry (typed or adopted from a calibration), or Koubei's default (band cut-offs by
 * cohort percentile, equal indicator weights, 0.4/0.3/0.3). The settings page shows it as is.
 */
export async function describeParameters(tx: Tx, orgId: string, input: { ruleSet: string; category: string }) {
  const ruleSet = pointsRuleSetOrRefuse(input.ruleSet);
  const categoryCode = await categoryCodeFor(tx, input.category);
  const [category] = await tx.select().from(categories).where(eq(categories.code, categoryCode));
  const names = category ? [category.code, category.nameZh, category.nameEn] : [categoryCode];
  const rows = await listEntryRows(tx, orgId, ruleSet.name, categoryCode);
  const set = entrySetFromRows(rows);
  const bands = bandsOf(ruleSet);
  const published = publishedWeightsFor(ruleSet, names);
  const lastChange = rows.reduce<Date | null>((latest, r) => (latest && latest > r.updatedAt ? latest : r.updatedAt), null);
  return {
    ruleSet: { name: ruleSet.name, labelZh: ruleSet.labelZh, labelEn: ruleSet.labelEn, scoring: ruleSet.dimensionScoring.kind },
    category: { code: categoryCode, nameZh: category?.nameZh ?? categoryCode, nameEn: category?.nameEn ?? categoryCode },
    /** Band points best first (empty for composite scoring), and the default's percentile for each band but the last. */
    bands,
    defaultPercentiles: ruleSet.dimensionScoring.kind === "composite" ? [] : ruleSet.dimensionScoring.bands.slice(0, -1).map((b) => b.minPercentile),
    updatedAt: lastChange,
    dimensions: ruleSet.dimensions.map((dimension) => {
      const enteredDimension = set.dimensions.get(dimension.code);
      const weight: Explained<number> = enteredDimension
        ? { value: enteredDimension.value, source: "organisation", origin: enteredDimension.origin, calibrationRunId: enteredDimension.runId }
        : { value: dimension.weight, source: "default" };
      return {
        code: dimension.code,
        nameZh: dimension.nameZh,
        nameEn: dimension.nameEn,
        weight,
        indicators: dimension.indicators.map((indicator) => {
          const info = CURRENT_INDICATORS[indicator.code];
          const enteredCutoffs = set.cutoffs.get(indicator.code);
          const enteredWeight = set.indicatorWeights.get(indicator.code);
          const publishedWeight = published?.weights[indicator.code];
          const indicatorWeight: Explained<number> = enteredWeight
            ? { value: enteredWeight.value, source: "organisation", origin: enteredWeight.origin, calibrationRunId: enteredWeight.runId }
            : publishedWeight !== undefined
              ? { value: publishedWeight, source: "published", storeTypes: published?.storeTypes ?? null }
              : { value: indicator.weight, source: "default" };
          const cutoffs: Explained<number[] | null> = enteredCutoffs
            ? { value: enteredCutoffs.value, source: "organisation", origin: enteredCutoffs.origin, calibrationRunId: enteredCutoffs.runId }
            : { value: null, source: "default" };
          return { code: indicator.code, nameZh: info.nameZh, nameEn: info.nameEn, better: info.better, cutoffs: bands.length > 0 ? cutoffs : null, weight: indicatorWeight };
        }),
      };
    }),
  };
}

export type ParametersView = Awaited<ReturnType<typeof describeParameters>>;

/** The first published row naming the category (the engine's own order), whatever its store types. */
function publishedWeightsFor(ruleSet: PointsRuleSet, categoryNames: readonly string[]): { weights: Partial<Record<string, number>>; storeTypes: string[] | null } | null {
  const row = ruleSet.industryWeights.find((r) => r.categories.some((name) => categoryNames.includes(name)));
  return row ? { weights: row.indicatorWeights, storeTypes: row.storeTypes } : null;
}

/** The categories the organisation has entered numbers for under each rule set (the settings page's list). */
export async function listParameterCategories(tx: Tx, orgId: string) {
  const rows = await tx
    .selectDistinct({ ruleSet: scoringParameterEntries.ruleSet, categoryCode: scoringParameterEntries.categoryCode })
    .from(scoringParameterEntries)
    .where(eq(scoringParameterEntries.orgId, orgId))
    .orderBy(scoringParameterEntries.ruleSet, scoringParameterEntries.categoryCode);
  return rows;
}

/** The Douyin 100-point rule sets (a Douyin shop is never compared under TikTok's). */
const DOUYIN_POINTS_RULE_SETS = POINTS_RULE_SET_NAMES.filter((name) => name.startsWith("douyin-"));

/**
 * The rule set Koubei's 100-point score of a shop of this category uses: the one the
 * organisation has entered numbers for (the latest changed, when several), else douyin-shop-2026-07.
 */
export async function pointsRuleSetFor(tx: Tx, orgId: string, categoryCode: string): Promise<string> {
  const [latest] = await tx
    .select({ ruleSet: scoringParameterEntries.ruleSet })
    .from(scoringParameterEntries)
    .where(and(eq(scoringParameterEntries.orgId, orgId), eq(scoringParameterEntries.categoryCode, categoryCode), inArray(scoringParameterEntries.ruleSet, DOUYIN_POINTS_RULE_SETS)))
    .orderBy(desc(scoringParameterEntries.updatedAt))
    .limit(1);
  return latest?.ruleSet ?? TODAYS_SHOP_RULE_SET;
}
