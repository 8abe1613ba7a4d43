import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { creators, indicatorValues, shops } from "@/db/schema";
import type { EntityKind } from "@/db/schema/scoring";
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

export type EntityDayValues = ScorableEntity & {
  validOrders: number;
  values: IndicatorValueMap;
  detail: IndicatorValues;
};

/** The oldest anchor day any indicator window reaches back to, for a score as of `day`. */
const OLDEST_WINDOW_DAYS = Math.max(
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
): Promise<EntityDayValues[]> {
  const entities = await listScorableEntities(tx, orgId, kind, ids);
  if (entities.length === 0) return [];
  const cached = new Map(
    (
      await tx
        .select()
        .from(indicatorValues)
        .where(
          and(
            eq(indicatorValues.orgId, orgId),
            eq(indicatorValues.entityKind, kind),
            eq(indicatorValues.day, day),
          ),
        )
    ).map((row) => [row.entityId, row]),
  );
  const result: EntityDayValues[] = [];
  const stale: ScorableEntity[] = [];
  for (const entity of entities) {
    const row = cached.get(entity.id);
    if (
      row &&
      row.rollupVersion === entity.rollupVersion &&
      row.categoryCode === entity.categoryCode
    ) {
      result.push({
        ...entity,
        validOrders: row.validOrders,
        values: fromValueArray(row.values),
        detail: row.detail as unknown as IndicatorValues,
      });
    } else {
      stale.push(entity);
    }
  }
  if (stale.length === 0) return result;
  const rows = await loadRollupRows(
    tx,
    orgId,
    kind,
    stale.map((e) => e.id),
    addDays(day, -OLDEST_WINDOW_DAYS),
    addDays(day, -1),
  );
  const fresh = stale.map((entity) => {
    const detail = computeIndicatorValues(rows.get(entity.id) ?? [], day);
    return { ...entity, validOrders: detail.validOrders, values: valueMapOf(detail), detail };
  });
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
  return [...result, ...fresh];
}
