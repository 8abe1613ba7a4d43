import ExcelJS from "exceljs";
import type { ExportFormat, IndicatorFactRow } from "@/lib/contracts/insight";
import type { Locale } from "@/lib/contracts/locales";
import { translate } from "@/server/lib/i18n";
import { csvField, neutralizeFormula } from "@/server/lib/spreadsheet-cell";

type Cell = string | number | null;
type Column = { key: string; value: (row: IndicatorFactRow) => Cell; number?: boolean };

/** Every column the drill-down can show; a column no row fills is left out of the file. */
const COLUMNS: Column[] = [
  { key: "kind", value: (row) => row.kind },
  { key: "ref", value: (row) => row.ref },
  { key: "orderId", value: (row) => row.orderId },
  { key: "shop", value: (row) => row.shopName },
  { key: "product", value: (row) => row.productName },
  { key: "day", value: (row) => row.day },
  { key: "stars", value: (row) => row.stars, number: true },
  { key: "hours", value: (row) => row.hours, number: true },
  { key: "reason", value: (row) => row.reason },
  { key: "complaintKind", value: (row) => row.complaintKind },
  { key: "chatTurns", value: (row) => row.chatTurns, number: true },
  { key: "chatTurnsAnswered", value: (row) => row.chatTurnsAnswered, number: true },
  { key: "countsInNumerator", value: (row) => (row.countsInNumerator ? "yes" : "no") },
  { key: "hurting", value: (row) => (row.hurting ? "yes" : "no") },
  { key: "weight", value: (row) => row.weight, number: true },
  { key: "numerator", value: (row) => row.numerator, number: true },
  { key: "denominator", value: (row) => row.denominator, number: true },
  { key: "leavesWindowOn", value: (row) => row.leavesWindowOn },
];

/** Words the file spells out in the reader's language: fact kinds, complaint kinds, yes and no. */
const TRANSLATED: Record<string, (value: string) => string> = {
  kind: (value) => `insight.kinds.${value}`,
  complaintKind: (value) => `insight.complaintKinds.${value}`,
  countsInNumerator: (value) => `insight.${value}`,
  hurting: (value) => `insight.${value}`,
};

export type FactSheet = { header: string[]; rows: Cell[][] };

/** The rows as a sheet in the reader's language: header, then one line per fact. */
export function factSheet(rows: readonly IndicatorFactRow[], locale: Locale): FactSheet {
  const columns = COLUMNS.filter((column) => rows.some((row) => column.value(row) !== null));
  const render = (column: Column, row: IndicatorFactRow): Cell => {
    const value = column.value(row);
    const key = TRANSLATED[column.key];
    return key && typeof value === "string" ? translate(locale, { key: key(value) }) : value;
  };
  return {
    header: columns.map((column) => translate(locale, { key: `insight.columns.${column.key}` })),
    rows: rows.map((row) => columns.map((column) => render(column, row))),
  };
}

/** CSV with a UTF-8 BOM (Excel then reads the Chinese), every field formula-guarded. */
export function factsCsv(sheet: FactSheet): string {
  const lines = [sheet.header, ...sheet.rows].map((cells) => cells.map(csvField).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** An XLSX workbook of one sheet; text cells formula-guarded, numbers kept as numbers. */
export async function factsXlsx(sheet: FactSheet, sheetName: string): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  // Sheet names may not hold : \ / ? * [ ] and stop at 31 characters.
  const worksheet = workbook.addWorksheet(sheetName.replace(/[:\\/?*[\]]/g, " ").slice(0, 31) || "facts");
  const guard = (cell: Cell) => (typeof cell === "string" ? neutralizeFormula(cell) : cell);
  worksheet.addRow(sheet.header.map(guard)).font = { bold: true };
  for (const row of sheet.rows) worksheet.addRow(row.map(guard));
  worksheet.views = [{ state: "frozen", ySplit: 1 }];
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};
