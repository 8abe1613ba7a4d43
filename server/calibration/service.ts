import { and, desc, eq, gte, inArray, isNotNull, isNull, lte } from "drizzle-orm";
import type { DbHandle, Tx } from "@/db/client";
import { calibrationRuns, platformScoreSnapshots, shops } from "@/db/schema";
import type { StartCalibrationInput } from "@/lib/contracts/scoring-parameters";
import { categoryCodeFor } from "@/server/catalog/service";
import { withTenant } from "@/server/db/tenant";
import { audit } from "@/server/lib/audit";
import { badInput, conflict, notFound } from "@/server/lib/errors";
import { logger } from "@/server/lib/logger";
import type { OrgScope } from "@/server/lib/scope";
import type { Day } from "@/server/lib/time";
import { entrySetJson, markShopsOfEntries, readEntrySet, writeEntrySet, type EntrySet } from "@/server/parameters/entries";
import type { CurrentIndicatorCode } from "@/server/scoring/current/indicator-codes";
import type { OrganisationEntries } from "@/server/scoring/current/result";
import { prepareCurrentDay, scorePreparedDay } from "@/server/scoring/current/service";
import { findPointsRuleSet } from "@/server/scoring/rule-sets";
import type { PointsRuleSet } from "@/server/scoring/rule-sets/points-schema";
import { agreementOf, fitCalibration, mergeEntries, MIN_CALIBRATION_SHOP_DAYS, type Agreement, type CalibrationFit, type CalibrationObservation } from "./fit";
import { observationOf, type ReportedScores } from "./observations";

export type CalibrationRunRow = typeof calibrationRuns.$inferSelect;

/** What a finished run stores as its result (calibration_runs.result). */
export type CalibrationResult = {
  minimumShopDays: number;
  /** Shop-days with a 100-point overall score reported, and those of them in the formal stage (what the fit uses). */
  reportedShopDays: number;
  observations: number;
  shops: number;
  days: { first: Day; last: Day } | null;
  before: Agreement;
  after: Agreement | null;
  fitted: Required<OrganisationEntries> | null;
  details: Omit<CalibrationFit, "entries"> | null;
};

function pointsRuleSet(name: string): PointsRuleSet {
  const ruleSet = findPointsRuleSet(name);
  if (!ruleSet) throw badInput("unknownRuleSet", "ruleSet", { value: name });
  return ruleSet;
}

/** A run of the organisation (its id), NOT_FOUND for any other. */
export async function getCalibrationRun(tx: Tx, orgId: string, id: string): Promise<CalibrationRunRow> {
  const [row] = await tx.select().from(calibrationRuns).where(and(eq(calibrationRuns.orgId, orgId), eq(calibrationRuns.id, id)));
  if (!row) throw notFound("calibration.notFound");
  return row;
}

/** The latest run for a rule set and category (null when there is none). */
export async function latestCalibrationRun(tx: Tx, orgId: string, input: { ruleSet: string; category: string }): Promise<CalibrationRunRow | null> {
  const categoryCode = await categoryCodeFor(tx, input.category);
  const [row] = await tx
    .select()
    .from(calibrationRuns)
    .where(and(eq(calibrationRuns.orgId, orgId), eq(calibrationRuns.ruleSet, input.ruleSet), eq(calibrationRuns.categoryCode, categoryCode)))
    .orderBy(desc(calibrationRuns.createdAt))
    .limit(1);
  return row ?? null;
}

/** Records a queued run (the job does the work); a run of the same category still queued or running is refused. */
export async function createCalibrationRun(tx: Tx, scope: OrgScope, input: StartCalibrationInput): Promise<CalibrationRunRow> {
  const ruleSet = pointsRuleSet(input.ruleSet);
  const categoryCode = await categoryCodeFor(tx, input.category);
  if (input.from && input.to && input.from > input.to) throw badInput("calibration.daysReversed", "from");
  const [busy] = await tx
    .select({ id: calibrationRuns.id })
    .from(calibrationRuns)
    .where(and(eq(calibrationRuns.orgId, scope.orgId), eq(calibrationRuns.ruleSet, ruleSet.name), eq(calibrationRuns.categoryCode, categoryCode), inArray(calibrationRuns.status, ["queued", "running"])))
    .limit(1);
  if (busy) throw conflict("calibration.alreadyRunning");
  const [row] = await tx
    .insert(calibrationRuns)
    .values({ orgId: scope.orgId, ruleSet: ruleSet.name, categoryCode, fromDay: input.from ?? null, toDay: input.to ?? null, requestedBy: scope.userId })
    .returning();
  if (!row) throw new Error("calibration run not created");
  return row;
}

type Snapshot = { shopId: string; day: Day; reported: ReportedScores };

/** The organisation's own 100-point snapshots of the category's shops (the latest per shop and day), within the run's days. */
async function reportedSnapshots(tx: Tx, run: CalibrationRunRow): Promise<Snapshot[]> {
  const filters = [
    eq(platformScoreSnapshots.orgId, run.orgId),
    eq(platformScoreSnapshots.scale, 100),
    isNotNull(platformScoreSnapshots.score),
    eq(shops.categoryCode, run.categoryCode),
    isNull(shops.archivedAt),
  ];
  if (run.fromDay) filters.push(gte(platformScoreSnapshots.day, run.fromDay));
  if (run.toDay) filters.push(lte(platformScoreSnapshots.day, run.toDay));
  const rows = await tx
    .selectDistinctOn([platformScoreSnapshots.shopId, platformScoreSnapshots.day], {
      shopId: platformScoreSnapshots.shopId,
      day: platformScoreSnapshots.day,
      score: platformScoreSnapshots.score,
      dimensions: platformScoreSnapshots.dimensions,
      indicators: platformScoreSnapshots.reportedIndicators,
    })
    .from(platformScoreSnapshots)
    .innerJoin(shops, and(eq(shops.orgId, platformScoreSnapshots.orgId), eq(shops.id, platformScoreSnapshots.shopId)))
    .where(and(...filters))
    .orderBy(platformScoreSnapshots.shopId, platformScoreSnapshots.day, desc(platformScoreSnapshots.takenAt));
  return rows.map((r) => ({ shopId: r.shopId, day: r.day, reported: { overall: r.score === null ? null : Number(r.score), dimensions: r.dimensions, indicators: r.indicators } }));
}

const byDay = (snapshots: readonly Snapshot[]) => {
  const days = new Map<Day, Snapshot[]>();
  for (const s of snapshots) days.set(s.day, [...(days.get(s.day) ?? []), s]);
  return [...days.entries()].sort(([a], [b]) => a.localeCompare(b));
};

async function setProgress(handle: DbHandle, run: CalibrationRunRow, progress: number): Promise<void> {
  await withTenant(handle, { orgId: run.orgId }, (tx) =>
    tx
      .update(calibrationRuns)
      .set({ progress: Math.round(progress) })
      .where(and(eq(calibrationRuns.orgId, run.orgId), eq(calibrationRuns.id, run.id))),
  );
}

/**
 * The calibration itself (the job's body, or run inline without a queue): reads the
 * organisation's own 100-point snapshots of the category, scores each reported shop-day with
 * Koubei's current entries or defaults (measuring the facts as of that day), fits cut-offs and
 * weights (fit.ts), scores the same shop-days again with the fitted numbers, and stores both
 * agreements. Fewer than MIN_CALIBRATION_SHOP_DAYS usable shop-days end as "insufficient".
 * Idempotent: a run already finished is left as it is.
 */
export async function runCalibration(handle: DbHandle, job: { orgId: string; runId: string }): Promise<CalibrationRunRow> {
  const claimed = await withTenant(handle, { orgId: job.orgId }, async (tx) => {
    const run = await getCalibrationRun(tx, job.orgId, job.runId);
    if (run.status !== "queued" && run.status !== "running") return { run, fresh: false };
    const [started] = await tx
      .update(calibrationRuns)
      .set({ status: "running", progress: 0, startedAt: new Date(), errorKey: null })
      .where(and(eq(calibrationRuns.orgId, job.orgId), eq(calibrationRuns.id, job.runId)))
      .returning();
    return { run: started ?? run, fresh: true };
  });
  if (!claimed.fresh) return claimed.run;
  const run = claimed.run;
  try {
    const { status, result } = await calibrate(handle, run);
    return await finish(handle, run, { status, result, errorKey: null });
  } catch (error) {
    logger.error({ err: error, orgId: run.orgId, runId: run.id }, "calibration failed");
    return finish(handle, run, { status: "failed", result: null, errorKey: "errors.calibration.failed" });
  }
}

async function finish(handle: DbHandle, run: CalibrationRunRow, outcome: { status: CalibrationRunRow["status"]; result: CalibrationResult | null; errorKey: string | null }): Promise<CalibrationRunRow> {
  return withTenant(handle, { orgId: run.orgId }, async (tx) => {
    const [row] = await tx
      .update(calibrationRuns)
      .set({ status: outcome.status, result: outcome.result, errorKey: outcome.errorKey, progress: 100, finishedAt: new Date() })
      .where(and(eq(calibrationRuns.orgId, run.orgId), eq(calibrationRuns.id, run.id)))
      .returning();
    return row ?? run;
  });
}

async function calibrate(handle: DbHandle, run: CalibrationRunRow): Promise<{ status: "succeeded" | "insufficient"; result: CalibrationResult }> {
  const ruleSet = pointsRuleSet(run.ruleSet);
  const snapshots = await withTenant(handle, { orgId: run.orgId }, (tx) => reportedSnapshots(tx, run));
  const days = byDay(snapshots);
  const empty: CalibrationResult = {
    minimumShopDays: MIN_CALIBRATION_SHOP_DAYS,
    reportedShopDays: snapshots.length,
    observations: 0,
    shops: 0,
    days: days.length > 0 ? { first: days[0]?.[0] ?? "", last: days.at(-1)?.[0] ?? "" } : null,
    before: agreementOf([]),
    after: null,
    fitted: null,
    details: null,
  };
  // Two passes over the days (scoring before the fit, then with it), each a share of the progress bar.
  const observations: CalibrationObservation[] = [];
  const before: { koubei: number; platform: number }[] = [];
  let current: OrganisationEntries | undefined;
  for (const [i, [day, reported]] of days.entries()) {
    const prepared = await prepareCurrentDay(handle, { orgId: run.orgId, ruleSetName: ruleSet.name, day, shopIds: reported.map((r) => r.shopId) });
    current ??= prepared.entriesOf(run.categoryCode);
    for (const { shop, score } of scorePreparedDay(prepared)) {
      const snapshot = reported.find((r) => r.shopId === shop.id);
      const observation = snapshot ? observationOf(shop.id, score, snapshot.reported) : null;
      if (!observation || score.score100 === null) continue;
      observations.push(observation);
      before.push({ koubei: score.score100, platform: observation.reported.overall });
    }
    await setProgress(handle, run, 5 + (50 * (i + 1)) / days.length);
  }
  const counted = { ...empty, observations: observations.length, shops: new Set(observations.map((o) => o.shopId)).size, before: agreementOf(before) };
  if (observations.length < MIN_CALIBRATION_SHOP_DAYS) return { status: "insufficient", result: counted };

  const fit = fitCalibration(ruleSet, observations, current);
  await setProgress(handle, run, 60);
  const merged = mergeEntries(current, fit.entries);
  const after: { koubei: number; platform: number }[] = [];
  const wanted = new Set(observations.map((o) => `${o.shopId}|${o.day}`));
  for (const [i, [day, reported]] of days.entries()) {
    const prepared = await prepareCurrentDay(handle, { orgId: run.orgId, ruleSetName: ruleSet.name, day, shopIds: reported.map((r) => r.shopId) });
    const entriesOf = (category: string) => (category === run.categoryCode ? merged : prepared.entriesOf(category));
    for (const { shop, score } of scorePreparedDay(prepared, entriesOf)) {
      const snapshot = reported.find((r) => r.shopId === shop.id);
      if (!snapshot || snapshot.reported.overall === null || score.score100 === null || !wanted.has(`${shop.id}|${day}`)) continue;
      after.push({ koubei: score.score100, platform: snapshot.reported.overall });
    }
    await setProgress(handle, run, 60 + (35 * (i + 1)) / days.length);
  }
  const { entries, ...details } = fit;
  return { status: "succeeded", result: { ...counted, after: agreementOf(after), fitted: entries, details } };
}

/**
 * Adopts a finished run's fitted numbers as the organisation's entries for its rule set and
 * category, in one step: each fitted number replaces the entry (or default) it fits, marked as
 * adopted from this run; numbers the run did not fit stay as they are. Validated like an
 * administrator's entries and audited in the same transaction.
 */
export async function adoptCalibration(tx: Tx, scope: OrgScope, runId: string): Promise<{ run: CalibrationRunRow; adopted: number; shopsToRescore: number }> {
  const run = await getCalibrationRun(tx, scope.orgId, runId);
  const result = run.result as CalibrationResult | null;
  if (run.status !== "succeeded" || !result?.fitted) throw conflict("calibration.nothingToAdopt");
  const ruleSet = pointsRuleSet(run.ruleSet);
  const stored = await readEntrySet(tx, scope.orgId, ruleSet.name, run.categoryCode);
  const set: EntrySet = { dimensions: new Map(stored.dimensions), cutoffs: new Map(stored.cutoffs), indicatorWeights: new Map(stored.indicatorWeights) };
  const adopted = { value: 0 };
  const from = <T>(value: T) => {
    adopted.value++;
    return { value, origin: "calibration" as const, runId: run.id };
  };
  for (const [code, cutoffs] of Object.entries(result.fitted.cutoffs)) if (cutoffs) set.cutoffs.set(code as CurrentIndicatorCode, from([...cutoffs]));
  for (const [code, weight] of Object.entries(result.fitted.indicatorWeights)) if (weight !== undefined) set.indicatorWeights.set(code as CurrentIndicatorCode, from(weight));
  for (const [code, weight] of Object.entries(result.fitted.dimensionWeights)) if (weight !== undefined) set.dimensions.set(code, from(weight));
  await writeEntrySet(tx, scope.orgId, scope.userId, ruleSet, run.categoryCode, set);
  const [updated] = await tx
    .update(calibrationRuns)
    .set({ adoptedAt: new Date(), adoptedBy: scope.userId })
    .where(and(eq(calibrationRuns.orgId, scope.orgId), eq(calibrationRuns.id, run.id)))
    .returning();
  await audit(tx, { orgId: scope.orgId, actorUserId: scope.userId, action: "calibration.adopt", target: `${ruleSet.name}:${run.categoryCode}`, data: { runId: run.id, ...entrySetJson(set) } });
  const shopsToRescore = await markShopsOfEntries(tx, scope.orgId, ruleSet.name, run.categoryCode);
  return { run: updated ?? run, adopted: adopted.value, shopsToRescore };
}

/** A run as the UI shows it (the result as stored: agreements, fitted numbers and how each was found). */
export function calibrationRunView(run: CalibrationRunRow) {
  return {
    id: run.id,
    ruleSet: run.ruleSet,
    categoryCode: run.categoryCode,
    status: run.status,
    progress: run.progress,
    fromDay: run.fromDay,
    toDay: run.toDay,
    errorKey: run.errorKey,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    adoptedAt: run.adoptedAt,
    result: run.result as CalibrationResult | null,
  };
}
