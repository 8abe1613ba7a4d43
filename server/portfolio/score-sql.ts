import { sql, type SQL } from "drizzle-orm";
import type { BandKey } from "@/lib/contracts/portfolio";
import type { Threshold } from "@/lib/contracts/explanation";
import { ALL_RULE_SET_NAMES, getRuleSetView } from "@/server/scoring/rule-sets";
import { lowestScoreShownAtLeast, nextShownStep, thresholdsAscending } from "@/server/scoring/score-display";

/**
 * Stored scores compared as shown, in SQL: every bound is turned into the lowest unrounded score
 * shown at or above it (score-display.ts), per rule set, so the database bands, filters and counts
 * exactly as shownScoreOf would without rounding anything itself.
 */

export const bandKeyOf = (threshold: Threshold): BandKey => (threshold.minScore === null ? "floor" : String(threshold.minScore));

/** Per rule set: `when rule_set = name then <expr>`; rule sets without an answer give null. */
function perRuleSet(ruleSetColumn: SQL, expr: (name: string) => SQL | null): SQL {
  const branches = ALL_RULE_SET_NAMES.flatMap((name) => {
    const value = expr(name);
    return value ? [sql`when ${ruleSetColumn} = ${name} then ${value}`] : [];
  });
  return sql`(case ${sql.join(branches, sql` `)} end)`;
}

/** The band key of a stored overall score (null when not scored). */
export function bandKeySql(overall: SQL, ruleSet: SQL): SQL {
  return perRuleSet(ruleSet, (name) => {
    const ruleSetDef = getRuleSetView(name);
    const descending = thresholdsAscending(ruleSetDef).reverse();
    const branches = descending.map((threshold) =>
      threshold.minScore === null
        ? sql`else ${bandKeyOf(threshold)}`
        : sql`when ${overall} >= ${lowestScoreShownAtLeast(ruleSetDef, threshold.minScore)}::float8 then ${bandKeyOf(threshold)}`,
    );
    return sql`(case when ${overall} is null then null ${sql.join(branches, sql` `)} end)`;
  });
}

/** True when the stored score is shown as at least `shownMin`. */
export function shownAtLeastSql(overall: SQL, ruleSet: SQL, shownMin: number): SQL {
  return perRuleSet(ruleSet, (name) => sql`${overall} >= ${lowestScoreShownAtLeast(getRuleSetView(name), shownMin)}::float8`);
}

/** True when the stored score is shown as at most `shownMax`. */
export function shownAtMostSql(overall: SQL, ruleSet: SQL, shownMax: number): SQL {
  return perRuleSet(ruleSet, (name) => {
    const ruleSetDef = getRuleSetView(name);
    return sql`${overall} < ${lowestScoreShownAtLeast(ruleSetDef, nextShownStep(ruleSetDef, shownMax))}::float8`;
  });
}

/** The rule set's minimum of valid orders (the missing ones are this minus the stored count). */
export function minValidOrdersSql(ruleSet: SQL): SQL {
  return perRuleSet(ruleSet, (name) => sql`${getRuleSetView(name).eligibility.minValidOrders}::int`);
}

/**
 * One double of a packed float8 list (db/float8-bytes.ts: eight big-endian IEEE 754 bytes each):
 * history summaries keep dimension scores so, and sorting by a dimension reads them in place.
 * NaN (a missing value) and anything non-finite read as null.
 */
export function packedFloat8AtSql(bytes: SQL, index: number): SQL {
  const bits = sql`(('x' || encode(substring(${bytes} from ${index * 8 + 1} for 8), 'hex'))::bit(64)::bigint)`;
  const exponent = sql`((${bits} >> 52) & 2047)`;
  const mantissa = sql`(${bits} & 4503599627370495)`;
  return sql`(case
    when ${bytes} is null or length(${bytes}) < ${index * 8 + 8} or ${exponent} = 2047 then null
    else (case when ${bits} < 0 then -1.0::float8 else 1.0::float8 end) * (case
      when ${exponent} = 0 then ${mantissa}::float8 * power(2::float8, -1074)
      else (1 + ${mantissa}::float8 / 4503599627370496::float8) * power(2::float8, (${exponent} - 1023)::float8) end)
    end)`;
}

/** A dimension's stored score on a snapshot row: from the explanation (full days) or the packed summary. */
export function dimensionScoreSql(result: SQL, packed: SQL, ruleSet: SQL, code: string): SQL {
  const fromSummary = perRuleSet(ruleSet, (name) => {
    const index = getRuleSetView(name).dimensions.findIndex((dimension) => dimension.code === code);
    return index < 0 ? null : packedFloat8AtSql(packed, 2 * index + 1);
  });
  const fromExplanation = sql`(select (d->>'score')::float8 from json_array_elements(${result}->'dimensions') d where d->>'code' = ${code})`;
  return sql`(case when ${result} is not null then ${fromExplanation} else ${fromSummary} end)`;
}
