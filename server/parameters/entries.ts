import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { scoringParameterEntries, shops } from "@/db/schema";
import type { EntryOrigin, SaveParametersInput } from "@/lib/contracts/scoring-parameters";
import { categoryCodeFor } from "@/server/catalog/service";
import { audit } from "@/server/lib/audit";
import { badInput } from "@/server/lib/errors";
import { CURRENT_INDICATORS, type CurrentIndicatorCode } from "@/server/scoring/current/indicator-codes";
import { ruleSetIndicators } from "@/server/scoring/current/score-current";
import { listEntryRows, type EntryRow } from "@/server/scoring/current/store/entries";
import { markShopFactsChanged } from "@/server/scoring/refresh";
import { findPointsRuleSet } from "@/server/scoring/rule-sets";
import type { PointsRuleSet } from "@/server/scoring/rule-sets/points-schema";

/** Dimension weights must add up to 1 within this much (a form's decimals, a fit's rounding). */
export const WEIGHT_SUM_TOLERANCE = 1e-6;

/** One number's entry: the value, and where it came from. */
type Entered<T> = { value: T; origin: EntryOrigin; runId: string | null };

/** The organisation's numbers for one rule set and category, as a whole (what is saved replaces what was there). */
export type EntrySet = {
  dimensions: Map<string, Entered<number>>;
  cutoffs: Map<CurrentIndicatorCode, Entered<number[]>>;
  indicatorWeights: Map<CurrentIndicatorCode, Entered<number>>;
};

export const emptyEntrySet = (): EntrySet => ({ dimensions: new Map(), cutoffs: new Map(), indicatorWeights: new Map() });

export function pointsRuleSetOrRefuse(name: string, field = "ruleSet"): PointsRuleSet {
  const ruleSet = findPointsRuleSet(name);
  if (!ruleSet) throw badInput("unknownRuleSet", field, { value: name });
  return ruleSet;
}

/** Bands a value cut-off decides between, best first; none for a rule set that scores dimensions by composite percentile. */
export function bandsOf(ruleSet: PointsRuleSet): number[] {
  return ruleSet.dimensionScoring.kind === "composite" ? [] : ruleSet.dimensionScoring.bands.map((b) => b.points);
}

export function entrySetFromRows(rows: readonly EntryRow[]): EntrySet {
  const set = emptyEntrySet();
  for (const row of rows) {
    const runId = row.calibrationRunId;
    if (row.target === "dimension") {
      if (row.weight !== null) set.dimensions.set(row.code, { value: row.weight, origin: row.weightOrigin ?? "entered", runId });
      continue;
    }
    const code = row.code as CurrentIndicatorCode;
    if (row.cutoffs && row.cutoffs.length > 0) set.cutoffs.set(code, { value: [...row.cutoffs], origin: row.cutoffsOrigin ?? "entered", runId });
    if (row.weight !== null) set.indicatorWeights.set(code, { value: row.weight, origin: row.weightOrigin ?? "entered", runId });
  }
  return set;
}

/**
 * Refuses an entry set the engine could not use: codes of another rule set, value cut-offs where
 * the rule set has no bands, the wrong number of them, or not running from the best band to the
 * worst in the indicator's better direction (higher-better: falling; lower-better: rising); a
 * weight that is not positive; a dimension whose indicators are weighted only in part (weights are
 * relative within a dimension, so a part would mix scales); dimension weights in part, or not
 * adding up to 1.
 */
export function validateEntrySet(ruleSet: PointsRuleSet, set: EntrySet): void {
  const indicators = new Set(ruleSetIndicators(ruleSet));
  const dimensionCodes = new Set(ruleSet.dimensions.map((d) => d.code));
  const bands = bandsOf(ruleSet);
  for (const [code, { value: cutoffs }] of set.cutoffs) {
    const field = `indicators.${code}.cutoffs`;
    if (!indicators.has(code)) throw badInput("parameters.unknownCode", field, { code });
    if (bands.length === 0) throw badInput("parameters.noBands", field, { ruleSet: ruleSet.name });
    if (cutoffs.length !== bands.length - 1) throw badInput("parameters.cutoffCount", field, { count: bands.length - 1 });
    if (cutoffs.some((c) => !Number.isFinite(c))) throw badInput("parameters.notANumber", field);
    const higher = CURRENT_INDICATORS[code].better === "higher";
    for (let i = 1; i < cutoffs.length; i++) {
      const previous = cutoffs[i - 1] ?? Number.NaN;
      const current = cutoffs[i] ?? Number.NaN;
      if (higher ? current > previous : current < previous) throw badInput(higher ? "parameters.cutoffsFalling" : "parameters.cutoffsRising", field);
    }
  }
  for (const [code, { value }] of set.indicatorWeights) {
    const field = `indicators.${code}.weight`;
    if (!indicators.has(code)) throw badInput("parameters.unknownCode", field, { code });
    if (bands.length === 0) throw badInput("parameters.noIndicatorWeights", field, { ruleSet: ruleSet.name });
    if (!(value > 0) || !Number.isFinite(value)) throw badInput("parameters.weightPositive", field);
  }
  for (const dimension of ruleSet.dimensions) {
    const weighted = dimension.indicators.filter((i) => set.indicatorWeights.has(i.code));
    const unweighted = dimension.indicators.find((i) => !set.indicatorWeights.has(i.code));
    if (weighted.length > 0 && unweighted) throw badInput("parameters.weightsInPart", `indicators.${unweighted.code}.weight`, { dimension: dimension.code });
  }
  for (const [code, { value }] of set.dimensions) {
    const field = `dimensions.${code}.weight`;
    if (!dimensionCodes.has(code)) throw badInput("parameters.unknownCode", field, { code });
    if (!(value > 0) || value > 1 || !Number.isFinite(value)) throw badInput("weightRange", field);
  }
  if (set.dimensions.size > 0) {
    const missing = ruleSet.dimensions.find((d) => !set.dimensions.has(d.code));
    if (missing) throw badInput("parameters.dimensionWeightsInPart", `dimensions.${missing.code}.weight`);
    const sum = [...set.dimensions.values()].reduce((total, w) => total + w.value, 0);
    if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) throw badInput("parameters.dimensionWeightsSum", `dimensions.${ruleSet.dimensions[0]?.code ?? ""}.weight`, { sum: Math.round(sum * 1e6) / 1e6 });
  }
}

const sameNumbers = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The set a form sends, with each number's origin: a number equal to the stored one keeps where it
 * came from (an adopted cut-off stays "calibration" when another number is edited), any other is
 * entered by hand.
 */
export function entrySetFromInput(input: Pick<SaveParametersInput, "dimensions" | "indicators">, stored: EntrySet): EntrySet {
  const set = emptyEntrySet();
  const keep = <T>(value: T, before: Entered<T> | undefined, same: (a: T, b: T) => boolean): Entered<T> =>
    before && same(before.value, value) ? before : { value, origin: "entered", runId: null };
  for (const [code, entry] of Object.entries(input.dimensions ?? {})) {
    if (entry.weight !== null) set.dimensions.set(code, keep(entry.weight, stored.dimensions.get(code), (a, b) => a === b));
  }
  for (const [name, entry] of Object.entries(input.indicators ?? {})) {
    const code = name as CurrentIndicatorCode;
    if (entry.cutoffs !== null && entry.cutoffs.length > 0) set.cutoffs.set(code, keep([...entry.cutoffs], stored.cutoffs.get(code), sameNumbers));
    if (entry.weight !== null) set.indicatorWeights.set(code, keep(entry.weight, stored.indicatorWeights.get(code), (a, b) => a === b));
  }
  return set;
}

/** Replaces the organisation's rows of a rule set and category by the set (validated first). */
export async function writeEntrySet(tx: Tx, orgId: string, userId: string | null, ruleSet: PointsRuleSet, categoryCode: string, set: EntrySet): Promise<void> {
  validateEntrySet(ruleSet, set);
  await tx
    .delete(scoringParameterEntries)
    .where(and(eq(scoringParameterEntries.orgId, orgId), eq(scoringParameterEntries.ruleSet, ruleSet.name), eq(scoringParameterEntries.categoryCode, categoryCode)));
  const rows: (typeof scoringParameterEntries.$inferInsert)[] = [];
  const base = { orgId, ruleSet: ruleSet.name, categoryCode, updatedBy: userId, updatedAt: new Date() };
  for (const [code, weight] of set.dimensions) {
    rows.push({ ...base, code, target: "dimension", weight: weight.value, weightOrigin: weight.origin, calibrationRunId: weight.runId });
  }
  for (const code of new Set([...set.cutoffs.keys(), ...set.indicatorWeights.keys()])) {
    const cutoffs = set.cutoffs.get(code);
    const weight = set.indicatorWeights.get(code);
    rows.push({
      ...base,
      code,
      target: "indicator",
      cutoffs: cutoffs?.value ?? null,
      cutoffsOrigin: cutoffs?.origin ?? null,
      weight: weight?.value ?? null,
      weightOrigin: weight?.origin ?? null,
      calibrationRunId: cutoffs?.runId ?? weight?.runId ?? null,
    });
  }
  if (rows.length > 0) await tx.insert(scoringParameterEntries).values(rows);
}

export async function readEntrySet(tx: Tx, orgId: string, ruleSetName: string, categoryCode: string): Promise<EntrySet> {
  return entrySetFromRows(await listEntryRows(tx, orgId, ruleSetName, categoryCode));
}

/** What a change looks like in the audit log: the numbers as saved. */
export function entrySetJson(set: EntrySet) {
  return {
    dimensions: Object.fromEntries([...set.dimensions].map(([code, w]) => [code, w.value])),
    cutoffs: Object.fromEntries([...set.cutoffs].map(([code, c]) => [code, c.value])),
    indicatorWeights: Object.fromEntries([...set.indicatorWeights].map(([code, w]) => [code, w.value])),
  };
}

/**
 * Marks the organisation's shops scored under the rule set in the category for rescoring: their
 * stored scores (and history) were made with the numbers just changed. Scores read on demand
 * (`koubei score --rule-set`, the platform comparison) use the new numbers at once.
 */
export async function markShopsOfEntries(tx: Tx, orgId: string, ruleSetName: string, categoryCode: string): Promise<number> {
  const affected = await tx
    .select({ id: shops.id })
    .from(shops)
    .where(and(eq(shops.orgId, orgId), eq(shops.categoryCode, categoryCode), eq(shops.ruleSet, ruleSetName), isNull(shops.archivedAt)));
  for (const shop of affected) await markShopFactsChanged(tx, orgId, shop.id, null);
  return affected.length;
}

/**
 * Saves an administrator's numbers for a rule set and category (the whole set: a number left
 * null goes back to the published figure or Koubei's default), audited in the same transaction;
 * the shops whose stored scores used the old numbers are marked for rescoring.
 */
export async function saveParameters(tx: Tx, scope: { orgId: string; userId: string | null }, input: SaveParametersInput): Promise<{ categoryCode: string; saved: number; shopsToRescore: number }> {
  const ruleSet = pointsRuleSetOrRefuse(input.ruleSet);
  const categoryCode = await categoryCodeFor(tx, input.category);
  const stored = await readEntrySet(tx, scope.orgId, ruleSet.name, categoryCode);
  const set = entrySetFromInput(input, stored);
  await writeEntrySet(tx, scope.orgId, scope.userId, ruleSet, categoryCode, set);
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "parameters.change", target: `${ruleSet.name}:${categoryCode}`, data: { ruleSet: ruleSet.name, categoryCode, ...entrySetJson(set) } });
  const shopsToRescore = await markShopsOfEntries(tx, scope.orgId, ruleSet.name, categoryCode);
  return { categoryCode, saved: set.dimensions.size + set.cutoffs.size + set.indicatorWeights.size, shopsToRescore };
}
