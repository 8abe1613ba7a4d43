import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { arrayLiteral, textArrayLiteral } from "@/db/array-literal";
import type { Tx } from "@/db/client";
import { currentIndicatorValues, shops } from "@/db/schema";
import { rowsOf } from "@/db/security";
import { daysBetween, type Day } from "@/server/lib/time";
import type { PointsRuleSet } from "../../rule-sets/points-schema";
import type { CurrentShop } from "../facts";
import type { CurrentIndicatorCode } from "../indicator-codes";
import { valueOf } from "../measure";
import { measureShop, ruleSetIndicators, type CurrentPeer, type MeasuredShop } from "../score-current";
import { loadCurrentFacts, lookbackStart, orderColumnsOf } from "./load-current-facts";

export type CurrentShopRow = { id: string; externalId: string; name: string; categoryCode: string; storeType: CurrentShop["storeType"]; ruleSet: string; rollupVersion: number };

/** Every name each category goes by (code, Chinese, English): rule sets name industries by any. */
export async function categoryNamesOf(tx: Tx): Promise<Map<string, string[]>> {
  const rows = rowsOf<{ code: string; name_zh: string; name_en: string }>(await tx.execute(sql`select code, name_zh, name_en from categories`));
  return new Map(rows.map((r) => [r.code, [r.code, r.name_zh, r.name_en]]));
}

export async function listCurrentShops(tx: Tx, orgId: string, ids?: readonly string[]): Promise<CurrentShopRow[]> {
  const filters = [eq(shops.orgId, orgId), isNull(shops.archivedAt)];
  if (ids) filters.push(inArray(shops.id, [...ids]));
  return tx
    .select({ id: shops.id, externalId: shops.externalId, name: shops.name, categoryCode: shops.categoryCode, storeType: shops.storeType, ruleSet: shops.ruleSet, rollupVersion: shops.rollupVersion })
    .from(shops)
    .where(and(...filters));
}

/** A shop's row beside its measures on a day. */
export type MeasuredRow = { row: CurrentShopRow; measured: MeasuredShop };

const NO_FACTS: CurrentShop["facts"] = { orders: [], reviews: [], afterSales: [], chats: [], chatTurns: [], waybills: [], helpRequests: [], penalties: [], services: [] };

/**
 * Measures shops of the organisation under the rule set on each of `days` (newest first) from one
 * read of their facts for the whole run: a day of history differs from the next by one day of
 * facts, and re-reading the window for every day was most of a backfill. `shopsOn(day)` names the
 * rows measured on that day; `onDay` takes each day's rows with their measures before the next day
 * is measured, so one day's measures are held at a time.
 *
 * The read covers every day's window and look-back; each day sees the orders its own read would
 * have (paid within its look-back, before its D 00:00) and the measures keep to the day's window
 * and as-of rule for the rest (tests/integration/scoring/current-facts-read.test.ts scores days both ways).
 */
export async function measureShopsOverDays(
  tx: Tx,
  orgId: string,
  ruleSet: PointsRuleSet,
  days: readonly Day[],
  shopsOn: (day: Day) => readonly CurrentShopRow[],
  onDay: (day: Day, measured: MeasuredRow[]) => Promise<void>,
): Promise<void> {
  if (days.length === 0) return;
  const newest = days.reduce((a, b) => (a > b ? a : b));
  const oldest = days.reduce((a, b) => (a < b ? a : b));
  const read = new Map<string, CurrentShopRow>();
  for (const day of days) for (const row of shopsOn(day)) read.set(row.id, row);
  const windowDays = Math.max(ruleSet.windowDays, ruleSet.eligibility?.days ?? 0);
  const facts: Map<string, CurrentShop["facts"]> = read.size === 0 ? new Map() : await loadCurrentFacts(tx, orgId, [...read.keys()], newest, windowDays + daysBetween(oldest, newest), orderColumnsOf(ruleSet));
  const names = await categoryNamesOf(tx);
  for (const day of days) {
    const earliestPaid = lookbackStart(day, windowDays);
    const measured = shopsOn(day).map((row): MeasuredRow => {
      const all = facts.get(row.id) ?? NO_FACTS;
      const shop: CurrentShop = {
        key: row.id,
        categoryCode: row.categoryCode,
        categoryNames: names.get(row.categoryCode) ?? [row.categoryCode],
        storeType: row.storeType,
        facts: oldest === newest ? all : { ...all, orders: all.orders.filter((order) => order.paidAt >= earliestPaid) },
      };
      return { row, measured: measureShop(ruleSet, day, shop) };
    });
    await onDay(day, measured);
  }
}

const valuesArray = (ruleSet: PointsRuleSet, measured: MeasuredShop): number[] =>
  ruleSetIndicators(ruleSet).map((code) => {
    const measure = measured.measures[code];
    return measure ? valueOf(measure) : Number.NaN;
  });

/** One shop-day of the value cache, as stored: a measured shop's values without its facts. */
export type CachedValues = { day: Day; shopId: string; factsVersion: number; categoryCode: string; eligible: boolean; values: number[] };

export function cachedValuesOf(ruleSet: PointsRuleSet, day: Day, { row, measured }: MeasuredRow): CachedValues {
  return { day, shopId: row.id, factsVersion: row.rollupVersion, categoryCode: measured.shop.categoryCode, eligible: measured.eligible, values: valuesArray(ruleSet, measured) };
}

/** Rows per upsert: a history run's days go in a few statements, each of bounded size. */
const STORE_CHUNK = 20_000;

/**
 * Upserts cached values, any days: one statement per STORE_CHUNK rows, each column sent as one
 * array (a row of bound parameters per shop cost more to build than the measuring).
 */
export async function storeValues(tx: Tx, orgId: string, ruleSet: PointsRuleSet, values: readonly CachedValues[]): Promise<void> {
  const width = ruleSetIndicators(ruleSet).length;
  for (let at = 0; at < values.length; at += STORE_CHUNK) {
    const chunk = values.slice(at, at + STORE_CHUNK);
    // Every row's values in one flat float8[] (NaN: missing), sliced back per row.
    const flat = chunk.flatMap((v) => v.values.map((x) => (Number.isNaN(x) ? "NaN" : String(x))));
    await tx.execute(sql`
      insert into ${currentIndicatorValues} (org_id, shop_id, rule_set, day, facts_version, category_code, eligible, values)
      select ${orgId}::uuid, m.shop_id, ${ruleSet.name}, m.day, m.facts_version, m.category_code, m.eligible,
        (${`{${flat.join(",")}}`}::float8[])[(m.n - 1) * ${width} + 1 : m.n * ${width}]
      from unnest(${arrayLiteral(chunk.map((v) => v.day))}::date[], ${arrayLiteral(chunk.map((v) => v.shopId))}::uuid[], ${arrayLiteral(chunk.map((v) => v.factsVersion))}::int[],
        ${textArrayLiteral(chunk.map((v) => v.categoryCode))}::text[], ${arrayLiteral(chunk.map((v) => v.eligible))}::boolean[])
        with ordinality as m(day, shop_id, facts_version, category_code, eligible, n)
      on conflict (org_id, shop_id, rule_set, day) do update
        set facts_version = excluded.facts_version, category_code = excluded.category_code, eligible = excluded.eligible, values = excluded.values, computed_at = now()`);
  }
}

/**
 * The organisation's shops under the rule set and, per day of `days`, those whose cached values
 * are missing or stale (a shop's roll-up version moves on every import, and its category may change).
 */
export async function staleCurrentValues(tx: Tx, orgId: string, ruleSet: PointsRuleSet, days: readonly Day[]): Promise<{ rows: CurrentShopRow[]; staleOn: (day: Day) => CurrentShopRow[] }> {
  const rows = await listCurrentShops(tx, orgId);
  if (rows.length === 0 || days.length === 0) return { rows, staleOn: () => [] };
  const cached = await tx
    .select({ shopId: currentIndicatorValues.shopId, day: currentIndicatorValues.day, factsVersion: currentIndicatorValues.factsVersion, categoryCode: currentIndicatorValues.categoryCode })
    .from(currentIndicatorValues)
    .where(and(eq(currentIndicatorValues.orgId, orgId), eq(currentIndicatorValues.ruleSet, ruleSet.name), inArray(currentIndicatorValues.day, [...days])));
  const fresh = new Set(cached.map((c) => `${c.day} ${c.shopId} ${c.factsVersion} ${c.categoryCode}`));
  const stale = new Map(days.map((day) => [day, rows.filter((r) => !fresh.has(`${day} ${r.id} ${r.rollupVersion} ${r.categoryCode}`))]));
  return { rows, staleOn: (day) => stale.get(day) ?? [] };
}

/** Brings the organisation's cached values under the rule set up to date on each of `days`. */
export async function refreshCurrentValues(tx: Tx, orgId: string, ruleSet: PointsRuleSet, days: readonly Day[]): Promise<void> {
  const { staleOn } = await staleCurrentValues(tx, orgId, ruleSet, days);
  const computed: CachedValues[] = [];
  await measureShopsOverDays(tx, orgId, ruleSet, days, staleOn, async (day, measured) => {
    for (const one of measured) computed.push(cachedValuesOf(ruleSet, day, one));
  });
  await storeValues(tx, orgId, ruleSet, computed);
}

/** The organisation's own eligible shops' cached values, as cohort members that are always in their category. */
export async function ownCachedMembers(tx: Tx, orgId: string, ruleSet: PointsRuleSet, day: Day, except: ReadonlySet<string>): Promise<CurrentPeer[]> {
  const codes = ruleSetIndicators(ruleSet);
  const rows = await tx
    .select({ shopId: currentIndicatorValues.shopId, categoryCode: currentIndicatorValues.categoryCode, values: currentIndicatorValues.values })
    .from(currentIndicatorValues)
    .innerJoin(shops, and(eq(shops.orgId, currentIndicatorValues.orgId), eq(shops.id, currentIndicatorValues.shopId), isNull(shops.archivedAt)))
    .where(and(eq(currentIndicatorValues.orgId, orgId), eq(currentIndicatorValues.ruleSet, ruleSet.name), eq(currentIndicatorValues.day, day), eq(currentIndicatorValues.eligible, true)));
  return rows.filter((r) => !except.has(r.shopId)).map((r) => toPeer(codes, r.categoryCode, r.values, () => 1));
}

/** A measured shop of the organisation as a cohort member (always in its category), for one not yet in the cache. */
export const ownMeasuredMember = (ruleSet: PointsRuleSet, values: CachedValues): CurrentPeer => toPeer(ruleSetIndicators(ruleSet), values.categoryCode, values.values, () => 1);

function toPeer(codes: readonly CurrentIndicatorCode[], categoryCode: string, values: readonly (number | null)[], categoryOrgs: (position: number) => number): CurrentPeer {
  const peer: CurrentPeer = { categoryCode, values: {}, categoryOrgs: {} };
  codes.forEach((code, position) => {
    const value = values[position];
    if (typeof value !== "number" || !Number.isFinite(value)) return;
    peer.values[code] = value;
    peer.categoryOrgs[code] = categoryOrgs(position);
  });
  return peer;
}

/** Other organisations' eligible shops under the rule set on the day, as far as the privacy rule lets the asker compare (koubei_current_peer_values). */
export async function currentPeersOf(tx: Tx, ruleSet: PointsRuleSet, day: Day): Promise<CurrentPeer[]> {
  const codes = ruleSetIndicators(ruleSet);
  const rows = rowsOf<{ category_code: string; vals: (number | null)[]; category_orgs: number[] }>(
    await tx.execute(sql`select category_code, vals, category_orgs from koubei_current_peer_values(${ruleSet.name}, ${day}::date)`),
  );
  return rows.map((r) => toPeer(codes, r.category_code, r.vals, (position) => r.category_orgs[position] ?? 0));
}
