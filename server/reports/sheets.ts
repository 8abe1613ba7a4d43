import type { Locale } from "@/lib/contracts/locales";
import type { MessageParams } from "@/lib/contracts/message";
import { EXPORT_CONTENT_TYPES, factsCsv, factsXlsx, type FactSheet } from "@/server/insight/fact-export";
import { translate } from "@/server/lib/i18n";
import { INDICATORS, type IndicatorCode } from "@/server/scoring/indicators";
import type { StoredDay } from "./stored-days";

type Cell = string | number | null;
export type ReportColumn<R> = { header: string; value: (row: R) => Cell };
export type SheetFormat = "csv" | "xlsx";

/** A column header in Chinese with the English beside it ("体验分 / Overall"), whatever the reader's language. */
export function bilingual(key: string, params?: { zh?: MessageParams; en?: MessageParams }): string {
  const zh = translate("zh-CN", { key: `reports.columns.${key}`, params: params?.zh });
  const en = translate("en", { key: `reports.columns.${key}`, params: params?.en });
  return `${zh} / ${en}`;
}

/** A shown score's band in the reader's language (the rule set's own words). */
export const bandText = (day: Pick<StoredDay, "band">, locale: Locale): string | null => (day.band ? (locale === "en" ? day.band.meaningEn : day.band.meaningZh) : null);

/** The score columns every report sheet shares: state, valid orders, overall, band, each dimension, each indicator's value and percentile. */
export function scoreColumns<R>(day: (row: R) => StoredDay | null, options: { dimensions: readonly { code: string; nameZh: string; nameEn: string }[]; indicators: readonly IndicatorCode[]; locale: Locale }): ReportColumn<R>[] {
  const { locale } = options;
  const indicatorOf = (row: R, code: string) => day(row)?.indicators.find((i) => i.code === code) ?? null;
  return [
    { header: bilingual("state"), value: (row) => { const d = day(row); return d ? translate(locale, { key: `reports.states.${d.state}` }) : null; } },
    { header: bilingual("validOrders"), value: (row) => day(row)?.validOrders ?? null },
    { header: bilingual("overall"), value: (row) => day(row)?.overall ?? null },
    { header: bilingual("band"), value: (row) => { const d = day(row); return d ? bandText(d, locale) : null; } },
    ...options.dimensions.map((d) => ({ header: `${d.nameZh} / ${d.nameEn}`, value: (row: R) => day(row)?.dimensions[d.code as keyof StoredDay["dimensions"]] ?? null })),
    ...options.indicators.flatMap((code) => {
      const names = INDICATORS[code];
      return [
        { header: `${names.nameZh} / ${names.nameEn}`, value: (row: R) => indicatorOf(row, code)?.value ?? null },
        { header: bilingual("percentileOf", { zh: { name: names.nameZh }, en: { name: names.nameEn } }), value: (row: R) => indicatorOf(row, code)?.percentile ?? null },
      ];
    }),
  ];
}

export function sheetOf<R>(columns: readonly ReportColumn<R>[], rows: readonly R[]): FactSheet {
  return { header: columns.map((c) => c.header), rows: rows.map((row) => columns.map((c) => c.value(row))) };
}

/**
 * The sheet as a file through the export building blocks the indicator facts use: CSV with a UTF-8
 * BOM, XLSX with numbers kept as numbers, and every text cell (headers too) through the one formula guard.
 */
export async function sheetFile(sheet: FactSheet, format: SheetFormat, sheetName: string): Promise<{ body: string | Uint8Array; contentType: string }> {
  const body = format === "csv" ? factsCsv(sheet) : await factsXlsx(sheet, sheetName);
  return { body, contentType: EXPORT_CONTENT_TYPES[format] };
}
