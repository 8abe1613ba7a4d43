import { and, eq, inArray } from "drizzle-orm";
import type { DbHandle, Tx } from "@/db/client";
import { entityForecasts } from "@/db/schema";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import { entityForecastSchema, type EntityForecast, type ForecastCrossing } from "@/lib/contracts/outlook";
import { withTenant } from "@/server/db/tenant";
import type { OrgScope } from "@/server/lib/scope";
import type { Day } from "@/server/lib/time";
import { getEntity, listEntities } from "@/server/entities/queries";
import { forecastsOf } from "./forecast";

/** Forecasts written per statement: the rest are not built yet (forecastsOf) when these go. */
const SAVE_SLICE = 500;

/**
 * Replaces the organisation's stored forecasts of one kind (an entity no longer forecast loses
 * its row), a slice at a time as `forecasts` yields them; returns how many were stored.
 */
export async function saveForecasts(tx: Tx, orgId: string, kind: EntityKind, forecasts: Iterable<EntityForecast>, sliceSize = SAVE_SLICE): Promise<number> {
  await tx.delete(entityForecasts).where(and(eq(entityForecasts.orgId, orgId), eq(entityForecasts.entityKind, kind)));
  let saved = 0;
  let slice: (typeof entityForecasts.$inferInsert)[] = [];
  const flush = async () => {
    if (slice.length > 0) await tx.insert(entityForecasts).values(slice);
    saved += slice.length;
    slice = [];
  };
  for (const f of forecasts) {
    slice.push({ orgId, entityKind: kind, entityId: f.entityId, ruleSet: f.ruleSet, madeForDay: f.madeForDay, currentOverall: f.currentOverall, days: f.days, crossings: f.crossings });
    if (slice.length === sliceSize) await flush();
  }
  await flush();
  return saved;
}

/**
 * Forecasts every entity of the organisation from `day` and stores them: called by the rescoring
 * use case once the newest day's scores are stored, so a new score never waits for its forecast.
 */
export async function storeOrganisationForecasts(handle: DbHandle, orgId: string, day: Day): Promise<number> {
  let stored = 0;
  for (const kind of ["shop", "creator"] as const) {
    const forecasts = await forecastsOf(handle, { orgId, kind, day });
    stored += await withTenant(handle, { orgId }, (tx) => saveForecasts(tx, orgId, kind, forecasts));
  }
  return stored;
}

const columns = {
  entityId: entityForecasts.entityId,
  ruleSet: entityForecasts.ruleSet,
  madeForDay: entityForecasts.madeForDay,
  currentOverall: entityForecasts.currentOverall,
  days: entityForecasts.days,
  crossings: entityForecasts.crossings,
};

/** The stored forecast of one entity the member may see, with when it was written; null when none is stored for its rule set. */
export async function readEntityForecast(tx: Tx, scope: OrgScope, kind: EntityKind, id: string): Promise<(EntityForecast & { computedAt: Date }) | null> {
  const entity = await getEntity(tx, scope, kind, id);
  const [row] = await tx
    .select({ ...columns, computedAt: entityForecasts.computedAt })
    .from(entityForecasts)
    .where(and(eq(entityForecasts.orgId, scope.orgId), eq(entityForecasts.entityKind, kind), eq(entityForecasts.entityId, entity.id)));
  if (!row || row.ruleSet !== entity.ruleSet) return null;
  return { ...entityForecastSchema.parse(row), computedAt: row.computedAt };
}

/** What the portfolio's risk column shows for one entity: the forecast's day and its threshold crossings. */
export type ForecastRisk = {
  entityId: string;
  madeForDay: Day;
  currentOverall: number | null;
  crossings: ForecastCrossing[];
  /** The soonest fall below a threshold ("falls under 4.6 in 5 days if nothing changes"), or null. */
  firstFall: ForecastCrossing | null;
};

/**
 * The stored forecast risk of the given entities that the member may see (no forecasts are
 * computed here: the portfolio lists a thousand shops). An entity without a stored forecast is
 * absent from the map.
 */
export async function readForecastRisk(tx: Tx, scope: OrgScope, kind: EntityKind, entityIds: readonly string[]): Promise<Map<string, ForecastRisk>> {
  const risks = new Map<string, ForecastRisk>();
  if (entityIds.length === 0) return risks;
  const visible = new Map((await listEntities(tx, scope, kind, { includeArchived: false })).map((e) => [e.id, e.ruleSet]));
  const ids = entityIds.filter((id) => visible.has(id));
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await tx
      .select(columns)
      .from(entityForecasts)
      .where(and(eq(entityForecasts.orgId, scope.orgId), eq(entityForecasts.entityKind, kind), inArray(entityForecasts.entityId, ids.slice(i, i + 1000))));
    for (const row of rows) {
      if (visible.get(row.entityId) !== row.ruleSet) continue;
      const crossings = row.crossings as ForecastCrossing[];
      const falls = crossings.filter((c) => c.direction === "falls_below").sort((a, b) => a.inDays - b.inDays || b.minScore - a.minScore);
      risks.set(row.entityId, { entityId: row.entityId, madeForDay: row.madeForDay, currentOverall: row.currentOverall, crossings, firstFall: falls[0] ?? null });
    }
  }
  return risks;
}
