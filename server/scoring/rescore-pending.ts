import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { rowsOf } from "@/db/security";
import type { EntityKind } from "@/lib/contracts/entity-kinds";

/** An import queued or running for longer than its job may live has died; it no longer counts. */
const IMPORT_ALIVE = sql`interval '1 hour'`;

/**
 * Whether the entity's shown score is about to be replaced: an import into its shop (a creator:
 * a shop it sells in, or its own orders) is queued or running, facts changed and today's score has not been
 * stored since (rollup_dirty, cleared by the rescore once it is), or the roll-ups were rebuilt
 * after the shown score was computed (its rollup_version is older). All of it is in the database, so it holds whichever process writes
 * the facts or runs the rescore. Archived entities are not rescored, so never pending.
 */
export async function rescorePending(
  tx: Tx,
  orgId: string,
  kind: EntityKind,
  entity: { id: string; externalId: string; rollupVersion: number; archivedAt: Date | null },
  shown: { rollupVersion: number } | null,
): Promise<boolean> {
  if (entity.archivedAt) return false;
  const entityId = entity.id;
  if (shown && entity.rollupVersion > shown.rollupVersion) return true;
  const changingShops = sql`
    select entity_id as shop_id from rollup_dirty where org_id = ${orgId}::uuid and entity_kind = 'shop'
    union all
    select shop_id from imports
    where org_id = ${orgId}::uuid and status in ('queued', 'running') and created_at > now() - ${IMPORT_ALIVE}`;
  const changing =
    kind === "shop"
      ? sql`exists (select 1 from (${changingShops}) c where c.shop_id = ${entityId}::uuid)`
      : sql`(exists (
          select 1 from (${changingShops}) c
          where exists (select 1 from orders o where o.org_id = ${orgId}::uuid and o.shop_id = c.shop_id and o.author_id = ${entity.externalId}))
        or exists (select 1 from rollup_dirty where org_id = ${orgId}::uuid and entity_kind = 'creator' and entity_id = ${entityId}::uuid)
        or exists (
          select 1 from imports where org_id = ${orgId}::uuid and creator_id = ${entityId}::uuid
            and status in ('queued', 'running') and created_at > now() - ${IMPORT_ALIVE}))`;
  const [row] = rowsOf<{ pending: boolean }>(await tx.execute(sql`select ${changing} as pending`));
  return row?.pending === true;
}
