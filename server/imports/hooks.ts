import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { markEntityFactsChanged } from "@/server/scoring/refresh";
import type { ImportOwner } from "./context";

export type FactsChanged = {
  orgId: string;
  /** Whose facts changed: a shop, or a creator account (its own imported orders). */
  owner: ImportOwner;
  /** The import (or undone import) that changed the facts. */
  importId: string;
  /** Asia/Shanghai days (YYYY-MM-DD) of the facts written or replaced; null when not known (then every day is stale). */
  days: string[] | null;
  reason: "import" | "undo";
};

/**
 * Called in the import's (or undo's) transaction after its facts are written. It records the
 * touched days of a shop's import (import history; import_touched_days is keyed by shop) and
 * marks the owner's roll-ups stale from the earliest one, in the same transaction, so an undone
 * or failed import never leaves scoring out of step.
 */
export async function onFactsChanged(tx: Tx, change: FactsChanged): Promise<void> {
  if (change.days === null) {
    await markEntityFactsChanged(tx, change.orgId, change.owner, null);
    return;
  }
  if (change.days.length === 0) return;
  const days = [...change.days].sort();
  if (change.owner.kind === "shop") {
    await tx.execute(sql`
      insert into import_touched_days (org_id, import_id, shop_id, day)
      select ${change.orgId}::uuid, ${change.importId}::uuid, ${change.owner.id}::uuid, d::date
      from jsonb_array_elements_text(${JSON.stringify(days)}::jsonb) as d
      on conflict do nothing`);
  }
  await markEntityFactsChanged(tx, change.orgId, change.owner, days[0] ?? null);
}
