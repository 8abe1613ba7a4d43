import { readFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";

/** One row of a canonical sample CSV, by column name, cells trimmed. */
export type CsvRow = Record<string, string>;

export function readCsv(dir: string, file: string): CsvRow[] {
  return Papa.parse<CsvRow>(readFileSync(path.join(dir, file), "utf8"), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (h) => h.trim(),
    transform: (v) => v.trim(),
  }).data;
}

/** A cell's text; an empty or absent cell is null (unknown). */
export function text(row: CsvRow, column: string): string | null {
  const value = row[column];
  return value === undefined || value === "" ? null : value;
}

export function required(row: CsvRow, column: string): string {
  const value = text(row, column);
  if (value === null) throw new Error(`missing ${column} in ${JSON.stringify(row)}`);
  return value;
}
