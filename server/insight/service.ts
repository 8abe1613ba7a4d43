import type { DbHandle, Tx } from "@/db/client";
import { indicatorFactsInput, indicatorFactsTarget, indicatorFactsView, type ExportFormat, type IndicatorFactsInput } from "@/lib/contracts/insight";
import type { Locale } from "@/lib/contracts/locales";
import { withTenant } from "@/server/db/tenant";
import { badInput } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { EXPORT_CONTENT_TYPES, factSheet, factsCsv, factsXlsx } from "./fact-export";
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

export const indicatorFactsExportInput = indicatorFactsTarget.extend(indicatorFactsView.shape);

/** Every fact the view keeps, as a CSV or XLSX file in the reader's language. */
export async function indicatorFactsExport(handle: DbHandle, scope: OrgScope, raw: unknown, format: ExportFormat, locale: Locale) {
  const parsed = indicatorFactsExportInput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // The first bad field as the user's error (an id that is not one reads as "not found", as in tRPC).
    throw badInput(issue?.message.startsWith("errors.") ? issue.message.slice("errors.".length) : "invalidInput", issue?.path.join("."));
  }
  const input = parsed.data;
  const result = await withTenant(handle, { orgId: scope.orgId }, (tx) => indicatorFacts(tx, scope, input));
  const sheet = factSheet(viewRows(result.rows, input), locale);
  const name = `${result.entity.name}-${result.indicator.code}-${result.day}`;
  const body = format === "csv" ? factsCsv(sheet) : await factsXlsx(sheet, result.indicator.code);
  return { body, contentType: EXPORT_CONTENT_TYPES[format], fileName: `${name}.${format}`, asciiName: `${result.indicator.code}-${result.day}.${format}` };
}
