import fs from "node:fs";
import Papa from "papaparse";
import { STORE_TYPES, storeTypeOf, type StoreType } from "@/lib/contracts/facts";
import { decodeAll } from "@/server/imports/encoding";
import { CliUsageError } from "./context";

export type EntityCsvRow = { name: string; externalId: string; category: string; storeType?: StoreType };

/** The store type of a shop list's row (column store_type or 店铺类型: 旗舰店/专卖店/专营店/其他 or the codes); empty leaves it as it is. */
export function storeTypeCell(text: string, where: string): StoreType | undefined {
  if (!text) return undefined;
  const storeType = storeTypeOf(text);
  if (!storeType) throw new CliUsageError(`${where}: unknown store type "${text}" (expected ${STORE_TYPES.join(", ")} or 旗舰店, 专卖店, 专营店, 其他)`);
  return storeType;
}

/**
 * Reads a shop or creator list (columns name, external_id, category; UTF-8 or GBK). A shop list
 * (`withStoreType`) may also give each shop's store type.
 */
export function readEntityCsv(file: string, options: { withStoreType?: boolean } = {}): EntityCsvRow[] {
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
    const storeType = options.withStoreType ? storeTypeCell(r.store_type ?? r.storetype ?? r["店铺类型"] ?? "", `Row ${i + 2}`) : undefined;
    rows.push({ name, externalId, category, ...(storeType ? { storeType } : {}) });
  });
  return rows;
}
