import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { rowsOf } from "@/db/security";
import type { IndicatorExplanation } from "@/lib/contracts/explanation";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import type { Day } from "@/server/lib/time";
import { tableOf } from "@/server/entities/tables";
import { INDICATOR_ORDER } from "@/server/scoring/indicators";

/**
 * The median value of an indicator across the cohort its percentile was measured against, from the
 * day's cached indicator values (the explanation stores only the entity's own value). Computed only
 * when that cohort is the organisation's own entities: when other organisations' entities took part,
 * a median would be one of their raw values, which never leave their organisation (scoring.md §5),
 * so the reason goes without it. Null when the cohort's values for the day are not cached.
 */
export async function ownCohortMedian(
  tx: Tx,
  target: { orgId: string; kind: EntityKind; ruleSet: string; day: Day; minValidOrders: number },
  indicator: IndicatorExplanation,
): Promise<number | null> {
  if (indicator.cohort?.scope !== "own" || indicator.fallback === null) return null;
  const position = (INDICATOR_ORDER as readonly string[]).indexOf(indicator.code);
  if (position < 0) return null;
  const table = tableOf(target.kind);
  // Postgres arrays count from 1.
  const value = sql`iv.values[${position + 1}]`;
  const category = indicator.fallback || indicator.cohortCategory === null ? sql`true` : sql`iv.category_code = ${indicator.cohortCategory}`;
  const rows = rowsOf<{ median: number | string | null }>(
    await tx.execute(sql`
    select percentile_cont(0.5) within group (order by ${value}) as median
      from indicator_values iv
      join ${table} e on e.org_id = iv.org_id and e.id = iv.entity_id
     where iv.org_id = ${target.orgId} and iv.entity_kind = ${target.kind} and iv.day = ${target.day}::date
       and iv.valid_orders >= ${target.minValidOrders} and ${value} is not null
       and e.rule_set = ${target.ruleSet} and ${category}`),
  );
  const median = rows[0]?.median;
  return median === null || median === undefined ? null : Number(median);
}
