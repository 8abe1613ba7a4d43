import fs from "node:fs";
import Papa from "papaparse";
import { decodeAll } from "@/server/imports/encoding";
import { CliUsageError } from "./context";

export type EntityCsvRow = { name: string; externalId: string; category: string };

/** Reads a shop or creator list (columns name, external_id, category; UTF-8 or GBK). */
export function readEntityCsv(file: string): EntityCsvRow[] {
  if (!fs.existsSync(file)) throw new CliUsageError(`File not found: ${file}`);
  const { text } = decodeAll(fs.readFileSync(file));
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (h) => h.trim().toLowerCase(),
    transform: (v) => v.trim(),
  });
  const broken = parsed.errors.find((e) => e.type === "Quotes");
  if (broken) throw new CliUsageError(`Row ${(broken.row ?? 0) + 2}: ${broken.message}`);
  const records = parsed.data;
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
