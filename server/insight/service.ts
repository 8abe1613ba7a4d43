import type { Tx } from "@/db/client";
import type { IndicatorFactsInput } from "@/lib/contracts/insight";
import { indicatorFactsInput } from "@/lib/contracts/insight";
import type { OrgScope } from "@/server/lib/scope";
import { totalsOf, viewRows } from "./fact-view";
import { indicatorFacts } from "./indicator-facts";

/**
 * One page of the facts behind an indicator, sorted and filtered, with the totals of every
 * listed fact (they equal the indicator's numerator and denominator) and of the filtered ones.
 */
export async function indicatorFactsPage(tx: Tx, scope: OrgScope, raw: IndicatorFactsInput) {
  const input = indicatorFactsInput.parse(raw);
  const { lines: _lines, rows, ...result } = await indicatorFacts(tx, scope, input);
  const kept = viewRows(rows, input);
  const pageCount = Math.max(1, Math.ceil(kept.length / input.pageSize));
  const page = Math.min(input.page, pageCount);
  return {
    ...result,
    totals: totalsOf(rows),
    filtered: totalsOf(kept),
    page,
    pageSize: input.pageSize,
    pageCount,
    rows: kept.slice((page - 1) * input.pageSize, page * input.pageSize),
  };
}
