import { and, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { scoreSnapshots } from "@/db/schema";
import { addDays, type Day } from "@/server/lib/time";
import { categoryNamesOf } from "@/server/scoring/current/store/current-values";
import { thresholdsOnStoredDays } from "@/server/scoring/current/thresholds";
import { findPointsRuleSet } from "@/server/scoring/rule-sets";

/** The longest span a 100-point threshold looks back over (the brand badge's 30-day average). */
const SPAN_DAYS = 30;

export type RowThreshold = { code: string; nameZh: string; nameEn: string; status: "met" | "not_met" | "unknown"; risk: boolean };

/**
 * For the rows scored under a 100-point rule set: each threshold's status on the row's score day,
 * from its stored days (the same evaluation as the shop page). One statement for all such rows.
 */
export async function currentThresholdsOfRows(
  tx: Tx,
  orgId: string,
  rows: readonly { kind: string; id: string; ruleSet: string; categoryCode: string; scoreDay: Day | null }[],
): Promise<Map<string, RowThreshold[]>> {
  const out = new Map<string, RowThreshold[]>();
  const targets = rows.filter((r) => r.kind === "shop" && r.scoreDay !== null && (findPointsRuleSet(r.ruleSet)?.thresholds.length ?? 0) > 0);
  if (targets.length === 0) return out;
  const newest = targets.map((r) => r.scoreDay ?? "").sort().at(-1) ?? "";
  const stored = await tx
    .select({
      entityId: scoreSnapshots.entityId,
      ruleSet: scoreSnapshots.ruleSet,
      day: scoreSnapshots.day,
      overall: scoreSnapshots.overall,
      dimensions: sql<Record<string, number> | null>`(select json_object_agg(d->>'code', (d->>'score')::float8) from json_array_elements(${scoreSnapshots.result}->'dimensions') d where d->>'score' is not null)`,
    })
    .from(scoreSnapshots)
    .where(
      and(
        eq(scoreSnapshots.orgId, orgId),
        eq(scoreSnapshots.entityKind, "shop"),
        inArray(scoreSnapshots.entityId, targets.map((r) => r.id)),
        gte(scoreSnapshots.day, addDays(newest, -(SPAN_DAYS + 60))),
        lte(scoreSnapshots.day, newest),
      ),
    );
  const names = await categoryNamesOf(tx);
  for (const row of targets) {
    const ruleSet = findPointsRuleSet(row.ruleSet);
    const day = row.scoreDay;
    if (!ruleSet || !day) continue;
    const own = stored.filter((s) => s.entityId === row.id && s.ruleSet === row.ruleSet && s.day > addDays(day, -SPAN_DAYS));
    const statuses = thresholdsOnStoredDays(ruleSet, names.get(row.categoryCode) ?? [row.categoryCode], day, own.find((s) => s.day === day)?.dimensions ?? {}, own.map((s) => ({ day: s.day, score: s.overall })));
    out.set(`${row.kind}:${row.id}`, statuses.map((s) => ({ code: s.code, nameZh: s.nameZh, nameEn: s.nameEn, status: s.status, risk: s.risk })));
  }
  return out;
}
