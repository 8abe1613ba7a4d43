import type { Tx } from "@/db/client";
import type { StoreType } from "@/lib/contracts/facts";
import { categoryCodeFor } from "./service";

/** A row of a shop or creator list; a shop list may give each shop's store type (a list without one leaves it as it is). */
export type EntityListRow = { name: string; externalId: string; category: string; storeType?: StoreType };
export type UpsertResult = { created: number; updated: number; unchanged: number; ids: string[] };

/**
 * Bulk create-or-update of shops or creator accounts by external id (`koubei shop import`,
 * `creator import`): re-running the same list never duplicates an entity, and rows whose name,
 * category (and store type, when the list gives one) already match count as unchanged.
 */
export async function upsertByExternalId(
  tx: Tx,
  rows: readonly EntityListRow[],
  ops: {
    find: (
      externalId: string,
    ) => Promise<{ id: string; name: string; categoryCode: string; storeType?: StoreType } | undefined>;
    create: (row: EntityListRow) => Promise<{ id: string }>;
    update: (id: string, row: { name: string; categoryCode: string; storeType?: StoreType }) => Promise<unknown>;
  },
): Promise<UpsertResult> {
  const result: UpsertResult = { created: 0, updated: 0, unchanged: 0, ids: [] };
  for (const row of rows) {
    const categoryCode = await categoryCodeFor(tx, row.category);
    const existing = await ops.find(row.externalId);
    if (!existing) {
      result.created++;
      result.ids.push((await ops.create(row)).id);
    } else if (existing.name !== row.name || existing.categoryCode !== categoryCode || (row.storeType !== undefined && existing.storeType !== row.storeType)) {
      await ops.update(existing.id, { name: row.name, categoryCode, ...(row.storeType ? { storeType: row.storeType } : {}) });
      result.updated++;
      result.ids.push(existing.id);
    } else {
      result.unchanged++;
      result.ids.push(existing.id);
    }
  }
  return result;
}
