import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { arrayLiteral, textArrayLiteral } from "@/db/array-literal";
import type { Tx } from "@/db/client";
import { creators, indicatorValues, shops } from "@/db/schema";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import type { Day } from "@/server/lib/time";
import { fromValueArray, INDICATOR_ORDER, type IndicatorValueMap } from "../indicators";
import { valueMapOf, type IndicatorValues } from "../indicator-values";
import { packedIndicatorValues } from "../indicator-series";
import { emptyPackedRollups } from "../packed-rollups";
import { STANDARD_VALUE_PARAMS } from "../window";
import { indicatorValuesInDatabase, type EntitySelection } from "./window-totals";

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
  options: { detailFor?: ReadonlySet<string>; alongside?: Alongside } = {},
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
    const details = await indicatorValuesInDatabase(tx, { orgId, kind, entities: { ids: needDetail }, day, params: STANDARD_VALUE_PARAMS });
    const wanted = new Set(needDetail);
    for (const entry of result) if (wanted.has(entry.id)) entry.detail = details.get(entry.id) ?? noRollups(day);
  }
  if (stale.length === 0) return result;
  const computed = await computeStale(tx, { orgId, kind, day, stale, everyEntity: !ids && stale.length === entities.length }, options.alongside);
  const fresh = stale.map((entity) => {
    const detail = computed.get(entity.id) ?? noRollups(day);
    return { ...entity, validOrders: detail.validOrders, values: valueMapOf(detail), detail };
  });
  await storeIndicatorValues(tx, orgId, kind, day, fresh);
  return [...result, ...fresh];
}

/**
 * Runs work in another tenant transaction of the same organisation, on another connection, while
 * the caller's goes on: PostgreSQL gives each connection one core.
 */
export type Alongside = <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;

/**
 * The stale entities' values. A new day has every entity stale: then the organisation's entities
 * are read as an id range in the primary key's order; with a second connection offered, as two
 * halves of it, the second on that connection (the SQL floor's plan uses two cores too).
 */
async function computeStale(tx: Tx, target: { orgId: string; kind: EntityKind; day: Day; stale: readonly ScorableEntity[]; everyEntity: boolean }, alongside?: Alongside): Promise<Map<string, IndicatorValues>> {
  const { orgId, kind, day } = target;
  const request = (entities: EntitySelection) => ({ orgId, kind, day, entities, params: STANDARD_VALUE_PARAMS });
  if (!target.everyEntity) return indicatorValuesInDatabase(tx, request({ ids: target.stale.map((e) => e.id) }));
  const ids = target.stale.map((e) => e.id).sort();
  const middle = Math.ceil(ids.length / 2);
  if (!alongside || middle === ids.length) return indicatorValuesInDatabase(tx, request({ first: ids[0] ?? "", last: ids.at(-1) ?? "" }));
  const [a, b] = await Promise.all([
    indicatorValuesInDatabase(tx, request({ first: ids[0] ?? "", last: ids[middle - 1] ?? "" })),
    alongside((other) => indicatorValuesInDatabase(other, request({ first: ids[middle] ?? "", last: ids.at(-1) ?? "" }))),
  ]);
  for (const [id, values] of b) a.set(id, values);
  return a;
}

/** Cached values per statement: every column travels as one array. */
const STORE_BATCH = 20_000;

async function storeIndicatorValues(
  tx: Tx,
  orgId: string,
  kind: EntityKind,
  day: Day,
  fresh: readonly (EntityDayValues & { detail: IndicatorValues })[],
): Promise<void> {
  for (let i = 0; i < fresh.length; i += STORE_BATCH) {
    const batch = fresh.slice(i, i + STORE_BATCH);
    // One array per catalogue position; a row's values are put back together in the catalogue's
    // order, missing indicators as NULL.
    const positions = INDICATOR_ORDER.map((code) => sql`${arrayLiteral(batch.map((e) => e.values[code] ?? null))}::float8[]`);
    await tx.execute(sql`
      insert into indicator_values (org_id, entity_kind, entity_id, day, rollup_version, category_code, valid_orders, values)
      select ${orgId}::uuid, ${kind}, e.id, ${day}::date, e.version, e.category, e.orders, array[${sql.raw(INDICATOR_ORDER.map((_, k) => `e.v${k}`).join(", "))}]
      from unnest(${arrayLiteral(batch.map((e) => e.id))}::uuid[], ${arrayLiteral(batch.map((e) => e.rollupVersion))}::int[],
        ${textArrayLiteral(batch.map((e) => e.categoryCode))}::text[], ${arrayLiteral(batch.map((e) => e.validOrders))}::int[],
        ${sql.join(positions, sql`, `)}) as e(id, version, category, orders, ${sql.raw(INDICATOR_ORDER.map((_, k) => `v${k}`).join(", "))})
      on conflict (org_id, entity_kind, entity_id, day) do update set
        rollup_version = excluded.rollup_version, category_code = excluded.category_code, valid_orders = excluded.valid_orders,
        values = excluded.values, computed_at = now()`);
  }
}
