import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { markShopFactsChanged } from "@/server/scoring/refresh";

export type FactsChanged = {
  orgId: string;
  shopId: string;
  /** The import (or undone import) that changed the facts. */
  importId: string;
  /** Asia/Shanghai days (YYYY-MM-DD) of the facts written or replaced. */
  days: string[];
  reason: "import" | "undo";
};

/**
 * Called in the import's (or undo's) transaction after its facts are written. For now it records
 * the touched days (import history) and marks the shop's roll-ups stale from the earliest one,
 * in the same transaction, so an undone or failed import never leaves scoring out of step.
 */
export async function onFactsChanged(tx: Tx, change: FactsChanged): Promise<void> {
  if (change.days.length === 0) return;
  await tx.execute(sql`
    insert into import_touched_days (org_id, import_id, shop_id, day)
    select ${change.orgId}::uuid, ${change.importId}::uuid, ${change.shopId}::uuid, d::date
    from jsonb_array_elements_text(${JSON.stringify([...change.days].sort())}::jsonb) as d
    on conflict do nothing`);
  await markShopFactsChanged(tx, change.orgId, change.shopId, [...change.days].sort()[0] ?? null);
}
