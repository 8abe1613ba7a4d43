import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { creators, indicatorValues, shops } from "@/db/schema";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import { addDays, type Day } from "@/server/lib/time";
import { fromValueArray, INDICATOR_ORDER, type IndicatorValueMap } from "../indicators";
import { computeIndicatorValues, valueMapOf, type IndicatorValues } from "../indicator-values";
import { STANDARD_VALUE_PARAMS } from "../window";
import { loadRollupRows } from "./rollup-store";

export type ScorableEntity = {
  id: string;
  externalId: string;
  name: string;
  categoryCode: string;
  ruleSet: string;
  rollupVersion: number;
};

/** detail (the full computation) is null when the caller did not ask for it. */
export type EntityDayValues = ScorableEntity & {
  validOrders: number;
  values: IndicatorValueMap;
  detail: IndicatorValues | null;
};

/** The oldest anchor day any indicator window reaches back to, for a score as of `day`. */
const STALE_CHUNK = 500;

export const OLDEST_WINDOW_DAYS = Math.max(
  ...Object.values(STANDARD_VALUE_PARAMS.windows).map((w) => w.fromDaysBefore),
);

export async function listScorableEntities(
  tx: Tx,
  orgId: string,
  kind: EntityKind,
  ids?: readonly string[],
): Promise<ScorableEntity[]> {
  const table = kind === "shop" ? shops : creators;
  const filters = [eq(table.orgId, orgId), isNull(table.archivedAt)];
  if (ids) filters.push(inArray(table.id, [...ids]));
  return tx
    .select({
      id: table.id,
      externalId: table.externalId,
      name: table.name,
      categoryCode: table.categoryCode,
      ruleSet: table.ruleSet,
      rollupVersion: table.rollupVersion,
    })
    .from(table)
    .where(and(...filters));
}

/**
 * Indicator values of the organisation's entities as of `day`, computing only those whose cached
 * row is missing or older than the entity's roll-ups. The cache is what peer cohorts read.
 */
export async function ensureIndicatorValues(
  tx: Tx,
  orgId: string,
  kind: EntityKind,
  day: Day,
  ids?: readonly string[],
  options: { detailFor?: ReadonlySet<string> } = {},
): Promise<EntityDayValues[]> {
  const entities = await listScorableEntities(tx, orgId, kind, ids);
  if (entities.length === 0) return [];
  // The full computation is only read back for the entities being explained; the cohort needs values.
  const cached = new Map(
    (
      await tx
        .select({
          entityId: indicatorValues.entityId,
          rollupVersion: indicatorValues.rollupVersion,
          categoryCode: indicatorValues.categoryCode,
          validOrders: indicatorValues.validOrders,
          values: indicatorValues.values,
        })
        .from(indicatorValues)
        .where(and(eq(indicatorValues.orgId, orgId), eq(indicatorValues.entityKind, kind), eq(indicatorValues.day, day)))
    ).map((row) => [row.entityId, row]),
  );
  const result: EntityDayValues[] = [];
  const stale: ScorableEntity[] = [];
  const needDetail: string[] = [];
  for (const entity of entities) {
    const row = cached.get(entity.id);
    if (row && row.rollupVersion === entity.rollupVersion && row.categoryCode === entity.categoryCode) {
      result.push({ ...entity, validOrders: row.validOrders, values: fromValueArray(row.values), detail: null });
      if (!options.detailFor || options.detailFor.has(entity.id)) needDetail.push(entity.id);
    } else {
      stale.push(entity);
    }
  }
  if (needDetail.length > 0) {
    const details = new Map<string, IndicatorValues>();
    for (let i = 0; i < needDetail.length; i += 2000) {
      const rows = await tx
        .select({ entityId: indicatorValues.entityId, detail: indicatorValues.detail })
        .from(indicatorValues)
        .where(
          and(
            eq(indicatorValues.orgId, orgId),
            eq(indicatorValues.entityKind, kind),
            eq(indicatorValues.day, day),
            inArray(indicatorValues.entityId, needDetail.slice(i, i + 2000)),
          ),
        );
      for (const r of rows) details.set(r.entityId, r.detail as unknown as IndicatorValues);
    }
    for (const entry of result) entry.detail = details.get(entry.id) ?? null;
  }
  if (stale.length === 0) return result;
  // A few hundred entities at a time: their roll-ups are dropped before the next ones load, so the
  // heap stays small (loading ten thousand shops' roll-ups at once spent most of its time in GC).
  const fresh: EntityDayValues[] = [];
  for (let start = 0; start < stale.length; start += STALE_CHUNK) {
    const chunk = stale.slice(start, start + STALE_CHUNK);
    const rows = await loadRollupRows(tx, { orgId, kind, entityIds: chunk.map((e) => e.id), from: addDays(day, -OLDEST_WINDOW_DAYS), to: addDays(day, -1) });
    const computed = chunk.map((entity) => {
      const detail = computeIndicatorValues(rows.get(entity.id) ?? [], day);
      return { ...entity, validOrders: detail.validOrders, values: valueMapOf(detail), detail };
    });
    await storeIndicatorValues(tx, orgId, kind, day, computed);
    fresh.push(...computed);
  }
  return [...result, ...fresh];
}

async function storeIndicatorValues(
  tx: Tx,
  orgId: string,
  kind: EntityKind,
  day: Day,
  fresh: readonly (EntityDayValues & { detail: IndicatorValues })[],
): Promise<void> {
  for (let i = 0; i < fresh.length; i += 500) {
    await tx
      .insert(indicatorValues)
      .values(
        fresh.slice(i, i + 500).map((e) => ({
          orgId,
          entityKind: kind,
          entityId: e.id,
          day,
          rollupVersion: e.rollupVersion,
          categoryCode: e.categoryCode,
          validOrders: e.validOrders,
          // Missing indicators are stored as NULL (the array keeps the catalogue's positions).
          values: INDICATOR_ORDER.map((code) => e.values[code] ?? null) as number[],
          detail: e.detail as unknown as Record<string, unknown>,
        })),
      )
      .onConflictDoUpdate({
        target: [
          indicatorValues.orgId,
          indicatorValues.entityKind,
          indicatorValues.entityId,
          indicatorValues.day,
        ],
        set: {
          rollupVersion: sql`excluded.rollup_version`,
          categoryCode: sql`excluded.category_code`,
          validOrders: sql`excluded.valid_orders`,
          values: sql`excluded.values`,
          detail: sql`excluded.detail`,
          computedAt: sql`now()`,
        },
      });
  }
}
