import { and, desc, eq, inArray, isNull, max, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { dailyRollups, entityForecasts, imports, scoreSnapshots, syncRuns } from "@/db/schema";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import { forecastDaySchema, type ForecastDay } from "@/lib/contracts/outlook";
import { tableOf } from "@/server/entities/tables";
import type { Day } from "@/server/lib/time";
import { summaryFromColumns } from "@/server/scoring/explain";
import { findRuleSet, findRuleSetView } from "@/server/scoring/rule-sets";
import { readStoredExplanation } from "@/server/scoring/stored-explanation";

/** A shop or creator account as alerts name it. */
export type AlertEntity = { kind: EntityKind; id: string; externalId: string; name: string; ownerUserId: string | null; ruleSet: string };

/** One entity's stored score of one day, in its own rule set: overall, dimension and indicator values (unrounded). */
export type ScoreReading = { overall: number | null; dimensions: Record<string, number | null>; indicators: Record<string, number>; displayDecimals: number };

export async function activeEntities(tx: Tx, orgId: string, kind: EntityKind): Promise<AlertEntity[]> {
  const table = tableOf(kind);
  const rows = await tx
    .select({ id: table.id, externalId: table.externalId, name: table.name, ownerUserId: table.ownerUserId, ruleSet: table.ruleSet })
    .from(table)
    .where(and(eq(table.orgId, orgId), isNull(table.archivedAt)));
  return rows.map((row) => ({ kind, ...row }));
}

/** The stored scores of one day (the full explanation on the newest day, the summary columns on history days). */
export async function readScores(tx: Tx, orgId: string, kind: EntityKind, day: Day, entities: readonly AlertEntity[]): Promise<Map<string, ScoreReading>> {
  const readings = new Map<string, ScoreReading>();
  if (entities.length === 0) return readings;
  const ruleSetOf = new Map(entities.map((e) => [e.id, e.ruleSet]));
  const rows = await tx
    .select()
    .from(scoreSnapshots)
    .where(and(eq(scoreSnapshots.orgId, orgId), eq(scoreSnapshots.entityKind, kind), eq(scoreSnapshots.day, day), inArray(scoreSnapshots.entityId, [...ruleSetOf.keys()])));
  for (const row of rows) {
    if (ruleSetOf.get(row.entityId) !== row.ruleSet) continue;
    // Any rule set's full day reads from its explanation; history summaries exist for the 5-point ones only.
    if (!findRuleSetView(row.ruleSet)) continue;
    if (row.result) {
      const explanation = readStoredExplanation({ orgId, entityId: row.entityId, ruleSet: row.ruleSet, day: row.day, result: row.result });
      const indicators: Record<string, number> = {};
      for (const d of explanation.dimensions) for (const i of d.indicators) if (!i.missing && i.value !== null) indicators[i.code] = i.value;
      readings.set(row.entityId, {
        overall: explanation.overall,
        dimensions: Object.fromEntries(explanation.dimensions.map((d) => [d.code, d.score])),
        indicators,
        displayDecimals: explanation.ruleSet.displayDecimals,
      });
      continue;
    }
    const ruleSet = findRuleSet(row.ruleSet);
    if (!ruleSet) continue;
    const summary = summaryFromColumns(ruleSet, row);
    readings.set(row.entityId, {
      overall: summary.overall,
      dimensions: Object.fromEntries(summary.dimensions.map((d) => [d.code, d.score === null || Number.isNaN(d.score) ? null : d.score])),
      indicators: Object.fromEntries(Object.entries(summary.indicators).map(([code, v]) => [code, v.value])),
      displayDecimals: ruleSet.displayDecimals,
    });
  }
  return readings;
}

/** The stored "if nothing changes" forecast days of each entity, when made for `day` in the entity's own rule set. */
export async function readForecasts(tx: Tx, orgId: string, kind: EntityKind, day: Day, entities: readonly AlertEntity[]): Promise<Map<string, ForecastDay[]>> {
  const ruleSetOf = new Map(entities.map((e) => [e.id, e.ruleSet]));
  const rows = await tx.select().from(entityForecasts).where(and(eq(entityForecasts.orgId, orgId), eq(entityForecasts.entityKind, kind), eq(entityForecasts.madeForDay, day)));
  const forecasts = new Map<string, ForecastDay[]>();
  for (const row of rows) {
    if (ruleSetOf.get(row.entityId) !== row.ruleSet) continue;
    const days = forecastDaySchema.array().safeParse(row.days);
    if (days.success) forecasts.set(row.entityId, days.data);
  }
  return forecasts;
}

/** Whether each entity's latest import failed (imports of the entity itself, newest first). */
export async function latestImportFailed(tx: Tx, orgId: string, kind: EntityKind): Promise<Map<string, boolean>> {
  const owner = kind === "shop" ? imports.shopId : imports.creatorId;
  const rows = await tx
    .selectDistinctOn([owner], { entityId: owner, status: imports.status })
    .from(imports)
    .where(and(eq(imports.orgId, orgId), sql`${owner} is not null`, inArray(imports.status, ["succeeded", "failed"])))
    .orderBy(owner, desc(imports.createdAt));
  return new Map(rows.flatMap((r) => (r.entityId ? [[r.entityId, r.status === "failed"] as const] : [])));
}

/** Whether each shop's latest finished sync run failed. */
export async function latestSyncFailed(tx: Tx, orgId: string): Promise<Map<string, boolean>> {
  const rows = await tx
    .selectDistinctOn([syncRuns.shopId], { entityId: syncRuns.shopId, status: syncRuns.status })
    .from(syncRuns)
    .where(and(eq(syncRuns.orgId, orgId), inArray(syncRuns.status, ["succeeded", "failed"])))
    .orderBy(syncRuns.shopId, desc(syncRuns.startedAt));
  return new Map(rows.map((r) => [r.entityId, r.status === "failed"]));
}

/** The newest day with facts of each entity (its roll-ups), for "data stale for N days". */
export async function lastFactDays(tx: Tx, orgId: string, kind: EntityKind): Promise<Map<string, Day>> {
  const rows = await tx
    .select({ entityId: dailyRollups.entityId, last: max(dailyRollups.day) })
    .from(dailyRollups)
    .where(and(eq(dailyRollups.orgId, orgId), eq(dailyRollups.entityKind, kind)))
    .groupBy(dailyRollups.entityId);
  return new Map(rows.flatMap((r) => (r.last ? [[r.entityId, r.last] as const] : [])));
}
