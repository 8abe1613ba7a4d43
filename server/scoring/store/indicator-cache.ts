import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { creators, indicatorValues, shops } from "@/db/schema";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import type { Day } from "@/server/lib/time";
import { fromValueArray, INDICATOR_ORDER, type IndicatorValueMap } from "../indicators";
import { valueMapOf, type IndicatorValues } from "../indicator-values";
import { packedIndicatorValues } from "../indicator-series";
import { emptyPackedRollups } from "../packed-rollups";
import { STANDARD_VALUE_PARAMS } from "../window";
import { indicatorValuesInDatabase } from "./window-totals";

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

/** An entity without a roll-up in any window: every indicator missing, as computeIndicatorValues gives for no rows. */
const noRollups = (day: Day): IndicatorValues => packedIndicatorValues(emptyPackedRollups(0), day);

/** The oldest anchor day any indicator window reaches back to, for a score as of `day`. */
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
  // Numerators and denominators are recomputed only for the entities being explained; the cohort needs values.
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
    const details = await indicatorValuesInDatabase(tx, { orgId, kind, entityIds: needDetail, day, params: STANDARD_VALUE_PARAMS });
    const wanted = new Set(needDetail);
    for (const entry of result) if (wanted.has(entry.id)) entry.detail = details.get(entry.id) ?? noRollups(day);
  }
  if (stale.length === 0) return result;
  const computed = await indicatorValuesInDatabase(tx, { orgId, kind, entityIds: stale.map((e) => e.id), day, params: STANDARD_VALUE_PARAMS });
  const fresh = stale.map((entity) => {
    const detail = computed.get(entity.id) ?? noRollups(day);
    return { ...entity, validOrders: detail.validOrders, values: valueMapOf(detail), detail };
  });
  await storeIndicatorValues(tx, orgId, kind, day, fresh);
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
          computedAt: sql`now()`,
        },
      });
  }
}
