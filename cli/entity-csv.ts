import fs from "node:fs";
import { parse } from "csv-parse/sync";
import { decodeAll } from "@/server/imports/encoding";
import { CliUsageError } from "./context";

export type EntityCsvRow = { name: string; externalId: string; category: string };

/** Reads a shop or creator list (columns name, external_id, category; UTF-8 or GBK). */
export function readEntityCsv(file: string): EntityCsvRow[] {
  if (!fs.existsSync(file)) throw new CliUsageError(`File not found: ${file}`);
  const { text } = decodeAll(fs.readFileSync(file));
  const records = parse(text, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true }) as Record<string, string>[];
  const rows: EntityCsvRow[] = [];
  records.forEach((r, i) => {
    const name = r.name ?? "";
    const externalId = (r.external_id ?? r.externalid ?? "").replace(/^['\t]+/, "");
    const category = r.category ?? "";
    if (!name || !externalId || !category) {
      throw new CliUsageError(`Row ${i + 2}: name, external_id and category are required`);
    }
    rows.push({ name, externalId, category });
  });
  return rows;
}
