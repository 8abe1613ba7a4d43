import type { Tx } from "@/db/client";
import { afterSales, chats, chatTurns, complaints, helpRequests, orders, penalties, reviews, shopServices, waybills } from "@/db/schema";
import { insertJsonRows } from "@/db/insert-json-rows";
import { markShopFactsChanged } from "@/server/scoring/refresh";

type Without<T> = Omit<T, "orgId" | "shopId">;
export type ShopFactRows = {
  orders: readonly Without<typeof orders.$inferInsert>[];
  reviews: readonly Without<typeof reviews.$inferInsert>[];
  afterSales: readonly Without<typeof afterSales.$inferInsert>[];
  complaints: readonly Without<typeof complaints.$inferInsert>[];
  chats: readonly Without<typeof chats.$inferInsert>[];
  // The current rules' kinds (data-formats-current.md); a caller without them writes none.
  chatTurns?: readonly Without<typeof chatTurns.$inferInsert>[];
  waybills?: readonly Without<typeof waybills.$inferInsert>[];
  helpRequests?: readonly Without<typeof helpRequests.$inferInsert>[];
  penalties?: readonly Without<typeof penalties.$inferInsert>[];
  shopServices?: readonly Without<typeof shopServices.$inferInsert>[];
};

/**
 * Writes generated or sample facts straight into the fact tables (demo seed, benchmarks, tests);
 * user files go through the importer instead. Marks the shop's roll-ups stale.
 */
export async function insertShopFacts(tx: Tx, orgId: string, shopId: string, facts: ShopFactRows): Promise<void> {
  const tables = [
    [orders, facts.orders],
    [reviews, facts.reviews],
    [afterSales, facts.afterSales],
    [complaints, facts.complaints],
    [chats, facts.chats],
    [chatTurns, facts.chatTurns ?? []],
    [waybills, facts.waybills ?? []],
    [helpRequests, facts.helpRequests ?? []],
    [penalties, facts.penalties ?? []],
    [shopServices, facts.shopServices ?? []],
  ] as const;
  for (const [table, rows] of tables) {
    await insertJsonRows(tx, table, rows.map((r) => ({ ...r, orgId, shopId })) as never);
  }
  await markShopFactsChanged(tx, orgId, shopId, null);
}
