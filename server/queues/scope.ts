import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import type { ScoredEntityKind } from "@/lib/contracts/entities";
import { getEntity } from "@/server/entities/queries";
import type { OrgScope } from "@/server/lib/scope";

/** Which part of the organisation a queue read covers: the whole (the member's shops), one shop, or one entity's page. */
export type QueueFilter = { kind?: ScoredEntityKind; entityId?: string; shopId?: string };

/**
 * Conditions on the orders table aliased `o` and the shops table aliased `s`: the organisation's
 * live shops the member may see, narrowed to one shop or to one creator account's orders (those
 * carrying its author id, as the engine loads a creator's facts). Written once for both kinds.
 */
export async function queueOrders(tx: Tx, scope: OrgScope, filter: QueueFilter, columns: QueueColumns = ORDER_COLUMNS): Promise<SQL> {
  const parts: SQL[] = [sql`${columns.org} = ${scope.orgId}`, sql`s.archived_at is null`];
  if (scope.shopIds !== null) {
    if (scope.shopIds.length === 0) return sql`false`;
    parts.push(sql`${columns.shop} in (${sql.join(scope.shopIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
  }
  if (filter.shopId) {
    await getEntity(tx, scope, "shop", filter.shopId);
    parts.push(sql`${columns.shop} = ${filter.shopId}::uuid`);
  }
  if (filter.kind && filter.entityId) {
    const entity = await getEntity(tx, scope, filter.kind, filter.entityId);
    parts.push(filter.kind === "shop" ? sql`${columns.shop} = ${entity.id}::uuid` : sql`${columns.author} = ${entity.externalId}`);
  }
  return sql.join(parts, sql` and `);
}

/** Where a queue's rows keep their organisation, shop and (through their order) creator's author id. */
export type QueueColumns = { org: SQL; shop: SQL; author: SQL };
export const ORDER_COLUMNS: QueueColumns = { org: sql`o.org_id`, shop: sql`o.shop_id`, author: sql`o.author_id` };

/** Joins orders `o` to their shop `s` in the same organisation. */
export const ORDER_SHOP_JOIN = sql`join shops s on s.org_id = o.org_id and s.id = o.shop_id`;

/** Valid orders (scoring.md §3): type normal and not cancelled; the engine's isValidOrder. */
export const VALID_ORDER = sql`o.order_type = 'normal' and o.status is distinct from 'cancelled'`;

/** The shop ids the member may act on, checked before a write (not found otherwise, like every read). */
export async function assertShopVisible(tx: Tx, scope: OrgScope, shopId: string): Promise<{ id: string; name: string; ruleSet: string }> {
  const shop = await getEntity(tx, scope, "shop", shopId);
  return { id: shop.id, name: shop.name, ruleSet: shop.ruleSet };
}
