/**
 * bench:score's part for the 30-day rule set (issue 16): on the benchmark's shops, whose facts
 * include the current rules' (generateShopFacts with `current`), measures
 *   floors.currentOneDaySeconds — the nine douyin-shop-2026-07 values and percentiles in one
 *     float8 statement (bench/score-current-floor.sql.ts), checked against the engine's;
 *   (b′) bp_currentOneDaySeconds — Koubei scoring every shop for one day through
 *     scoreShopsUnderCurrentRules (values, cohorts, scores), from an empty value cache;
 *   (c′) cp_currentHistorySeconds — the 30 days before it, as the backfill scores them (facts read once);
 *   (d′) dp_currentLateFileSeconds — one shop's late file of facts → its new 100-point score
 *     (the roll-up refresh that moves its facts version, then scoring it).
 */
import { sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { rowsOf } from "@/db/security";
import { withTenant } from "@/server/db/tenant";
import { generateShopFacts } from "@/server/demo/generate-facts";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { addDays, shanghaiMidnight, type Day } from "@/server/lib/time";
import type { CurrentIndicatorCode } from "@/server/scoring/current/indicator-codes";
import { scoreShopsOverDays, scoreShopsUnderCurrentRules, type CurrentScoredShop } from "@/server/scoring/current/service";
import { refreshAllStaleRollups } from "@/server/scoring/refresh";
import { currentFloorSql } from "../score-current-floor.sql";
import { profiled } from "./cpu-profile";

export const CURRENT_RULE_SET = "douyin-shop-2026-07";

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

type FloorRow = { id: string; code: CurrentIndicatorCode; formal: boolean; numerator: number | null; denominator: number | null; value: number | null; percentile: number | null };

/** Every shop's nine values (numerator, denominator, value) and, for formal shops, percentiles: the floor's must be the engine's. */
export function currentMismatches(floor: readonly FloorRow[], engine: readonly CurrentScoredShop[]): string[] {
  const byShop = new Map(engine.map((e) => [e.shop.id, e.score]));
  const close = (a: number | null | undefined, b: number | null | undefined) =>
    (a ?? null) === null || (b ?? null) === null ? (a ?? null) === (b ?? null) : Math.abs((a as number) - (b as number)) <= 1e-9 * Math.max(1, Math.abs(b as number));
  const mismatches: string[] = [];
  for (const row of floor) {
    const score = byShop.get(row.id);
    const engineRow = score?.indicators[row.code];
    const formal = score?.state === "formal";
    const same =
      score !== undefined &&
      formal === row.formal &&
      close(row.value, engineRow?.value) &&
      close(row.value === null ? null : row.numerator, engineRow?.numerator) &&
      close(row.value === null ? null : row.denominator, engineRow?.denominator) &&
      close(row.percentile, engineRow?.percentile);
    if (!same) {
      mismatches.push(
        `${row.id}|${row.code} floor ${row.numerator}/${row.denominator}=${row.value} P ${row.percentile} (${row.formal ? "formal" : "growth"}) engine ${engineRow?.numerator}/${engineRow?.denominator}=${engineRow?.value} P ${engineRow?.percentile} (${score?.state})`,
      );
    }
  }
  const floorShops = new Set(floor.map((r) => r.id));
  for (const id of byShop.keys()) if (!floorShops.has(id)) mismatches.push(`${id} only in the engine`);
  return mismatches;
}

export async function measureCurrentRules(handle: DbHandle, options: { orgId: string; day: Day; shopId: string; log: (...parts: unknown[]) => void }) {
  const { orgId, day, log } = options;
  const ruleSetName = CURRENT_RULE_SET;

  const floorStart = process.hrtime.bigint();
  const floorRows = rowsOf<FloorRow>(await withTenant(handle, { orgId }, (tx) => tx.execute(sql.raw(currentFloorSql(day, orgId)))));
  const floorSeconds = seconds(floorStart);
  log(`floor ${ruleSetName} one day ${floorSeconds.toFixed(2)} s for ${floorRows.length} indicator values`);

  const oneDayStart = process.hrtime.bigint();
  const scored = await profiled("bp-score-current-one-day", () => scoreShopsUnderCurrentRules(handle, { orgId, ruleSetName, day }));
  const oneDaySeconds = seconds(oneDayStart);
  const formal = scored.filter((s) => s.score.state === "formal");
  log(`(b′) scored ${scored.length} shops (${formal.length} formal) under ${ruleSetName} in ${oneDaySeconds.toFixed(2)} s`);
  const mismatches = currentMismatches(floorRows, scored);
  if (mismatches.length > 0) throw new Error(`the ${ruleSetName} floor computes something else (${mismatches.length}): ${mismatches.slice(0, 5).join("; ")}`);

  // (c′) the 30 days before D as the rescore's backfill scores them: facts read once for the run, each day measured and ranked (an empty cache each day).
  const historyDays = 30;
  const historyStart = process.hrtime.bigint();
  let historyScored = 0;
  await scoreShopsOverDays(handle, { orgId, ruleSetName, from: addDays(day, -historyDays), to: addDays(day, -1) }, async (_day, dayScored) => {
    historyScored += dayScored.length;
  });
  if (historyScored !== historyDays * scored.length) throw new Error(`(c′) scored ${historyScored} shop-days, not ${historyDays} × ${scored.length}`);
  const historySeconds = seconds(historyStart);
  log(`(c′) ${historyDays} history days under ${ruleSetName} in ${historySeconds.toFixed(1)} s`);

  // (d′) one shop's late file: one more day of facts (the current rules' kinds too), then its new score.
  const before = scored.find((s) => s.shop.id === options.shopId)?.score;
  const extra = generateShopFacts({ seed: 888_888, keyPrefix: "late-current", firstDay: addDays(day, -1), days: 1, ordersPerDay: 5, notAfter: shanghaiMidnight(day), current: true });
  const lateStart = process.hrtime.bigint();
  await withTenant(handle, { orgId }, (tx) => insertShopFacts(tx, orgId, options.shopId, extra));
  await refreshAllStaleRollups(handle);
  const [after] = await scoreShopsUnderCurrentRules(handle, { orgId, ruleSetName, day, shopIds: [options.shopId] });
  const lateSeconds = seconds(lateStart);
  if (!after || after.score.validOrders === before?.validOrders) throw new Error("the late file did not reach the shop's 100-point score");
  log(`(d′) late file → new ${ruleSetName} score (${before?.score100} → ${after.score.score100}) after ${lateSeconds.toFixed(2)} s`);

  return {
    floorSeconds,
    oneDaySeconds,
    historyDays,
    historySeconds,
    lateSeconds,
    shops: scored.length,
    formalShops: formal.length,
    indicatorValues: floorRows.filter((r) => r.value !== null).length,
    mismatches: mismatches.length,
  };
}
