import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { DbHandle, Tx } from "@/db/client";
import { creators, orders, rollupDirty, shops } from "@/db/schema";
import { rowsOf } from "@/db/security";
import { withTenant } from "@/server/db/tenant";
import type { Day } from "@/server/lib/time";
import { rebuildRollupsOf } from "./store/rollup-store";

/** Called in an import's own transaction: the shop's roll-ups are stale from sinceDay on. */
export async function markShopFactsChanged(
  tx: Tx,
  orgId: string,
  shopId: string,
  sinceDay: Day | null,
): Promise<void> {
  await markEntityFactsChanged(tx, orgId, { kind: "shop", id: shopId }, sinceDay);
}

/** The same for a shop or a creator account (a creator's own imported orders changed). */
export async function markEntityFactsChanged(
  tx: Tx,
  orgId: string,
  entity: { kind: "shop" | "creator"; id: string },
  sinceDay: Day | null,
): Promise<void> {
  await tx
    .insert(rollupDirty)
    .values({ orgId, entityKind: entity.kind, entityId: entity.id, sinceDay })
    .onConflictDoUpdate({
      target: [rollupDirty.orgId, rollupDirty.entityKind, rollupDirty.entityId],
      set: {
        sinceDay: sql`least(${rollupDirty.sinceDay}, excluded.since_day)`,
        markedAt: sql`now()`,
      },
    });
}

export type RefreshedEntity = { kind: "shop" | "creator"; id: string; sinceDay: Day | null };

/** A dirty mark as it was read: its time tells whether it was marked again since. */
export type DirtyMark = { entityKind: "shop" | "creator"; entityId: string; markedAt: string };

/**
 * Rebuilds the roll-ups of every shop marked dirty in the organisation, and of the creator
 * accounts marked dirty (their own imported orders changed) or whose author id appears in those
 * shops' orders (a creator's facts span shops). The
 * marks stay: they say "recalculating" until the new scores are stored (clearDirtyMarks).
 */
export async function rebuildDirtyRollups(handle: DbHandle, tx: Tx, orgId: string): Promise<{ refreshed: RefreshedEntity[]; marks: DirtyMark[] }> {
  const dirty = await tx
    .select({ entityKind: rollupDirty.entityKind, entityId: rollupDirty.entityId, sinceDay: rollupDirty.sinceDay, markedAt: sql<string>`${rollupDirty.markedAt}::text` })
    .from(rollupDirty)
    .where(eq(rollupDirty.orgId, orgId));
  const marks = dirty.map(({ entityKind, entityId, markedAt }) => ({ entityKind, entityId, markedAt }));
  if (dirty.length === 0) return { refreshed: [], marks };
  const refreshed: RefreshedEntity[] = [];
  const shopIds = dirty.filter((d) => d.entityKind === "shop").map((d) => d.entityId);
  const existingShops = shopIds.length
    ? await tx
        .select({ id: shops.id, externalId: shops.externalId })
        .from(shops)
        .where(and(eq(shops.orgId, orgId), inArray(shops.id, shopIds)))
    : [];
  await rebuildRollupsOf(handle, tx, orgId, existingShops.map((shop) => ({ kind: "shop" as const, ...shop })));
  const shopSince = new Map(dirty.filter((d) => d.entityKind === "shop").map((d) => [d.entityId, d.sinceDay]));
  for (const shop of existingShops) refreshed.push({ kind: "shop", id: shop.id, sinceDay: shopSince.get(shop.id) ?? null });
  // Creator accounts: those marked themselves (their own imported orders changed) and those whose
  // author id appears in the orders of a changed shop; each rebuilt once, from the earliest day.
  const creatorSince = new Map<string, Day | null>();
  const earlier = (a: Day | null | undefined, b: Day | null) => (a === undefined ? b : a === null || b === null ? null : a < b ? a : b);
  for (const d of dirty) if (d.entityKind === "creator") creatorSince.set(d.entityId, earlier(creatorSince.get(d.entityId), d.sinceDay));
  if (shopIds.length) {
    const authorIds = (
      await tx
        .selectDistinct({ authorId: orders.authorId })
        .from(orders)
        .where(
          and(eq(orders.orgId, orgId), inArray(orders.shopId, shopIds), isNotNull(orders.authorId)),
        )
    ).map((r) => r.authorId as string);
    const linked = authorIds.length
      ? await tx
          .select({ id: creators.id })
          .from(creators)
          .where(and(eq(creators.orgId, orgId), inArray(creators.externalId, authorIds)))
      : [];
    const since =
      dirty
        .filter((d) => d.entityKind === "shop")
        .map((d) => d.sinceDay)
        .filter((d): d is string => d !== null)
        .sort()[0] ?? null;
    for (const creator of linked) {
      creatorSince.set(creator.id, earlier(creatorSince.get(creator.id), since));
    }
  }
  const creatorIds = [...creatorSince.keys()];
  const existingCreators = creatorIds.length
    ? await tx
        .select({ id: creators.id, externalId: creators.externalId })
        .from(creators)
        .where(and(eq(creators.orgId, orgId), inArray(creators.id, creatorIds)))
    : [];
  await rebuildRollupsOf(handle, tx, orgId, existingCreators.map((creator) => ({ kind: "creator" as const, ...creator })));
  for (const creator of existingCreators) refreshed.push({ kind: "creator", id: creator.id, sinceDay: creatorSince.get(creator.id) ?? null });
  return { refreshed, marks };
}

/** Clears the marks read by rebuildDirtyRollups, except those marked again since (their facts changed after that rebuild). */
export async function clearDirtyMarks(tx: Tx, orgId: string, marks: readonly DirtyMark[]): Promise<void> {
  if (marks.length === 0) return;
  await tx.execute(sql`
    delete from rollup_dirty d
    using jsonb_to_recordset(${JSON.stringify(marks)}::jsonb) as m("entityKind" text, "entityId" uuid, "markedAt" timestamptz)
    where d.org_id = ${orgId}::uuid and d.entity_kind = m."entityKind" and d.entity_id = m."entityId" and d.marked_at = m."markedAt"`);
}

/** Rebuilds the dirty roll-ups and clears their marks at once: for callers that score everything right after. */
export async function refreshDirtyRollups(handle: DbHandle, tx: Tx, orgId: string): Promise<RefreshedEntity[]> {
  const { refreshed, marks } = await rebuildDirtyRollups(handle, tx, orgId);
  await clearDirtyMarks(tx, orgId, marks);
  return refreshed;
}

/** Rebuilds an entity that has never been rolled up (created after its facts, e.g. a new creator). */
export async function rebuildNeverBuilt(handle: DbHandle, tx: Tx, orgId: string): Promise<number> {
  const shopRows = await tx
    .select({ id: shops.id, externalId: shops.externalId })
    .from(shops)
    .where(and(eq(shops.orgId, orgId), eq(shops.rollupVersion, 0)));
  const creatorRows = await tx
    .select({ id: creators.id, externalId: creators.externalId })
    .from(creators)
    .where(and(eq(creators.orgId, orgId), eq(creators.rollupVersion, 0)));
  await rebuildRollupsOf(handle, tx, orgId, [...shopRows.map((s) => ({ kind: "shop" as const, ...s })), ...creatorRows.map((c) => ({ kind: "creator" as const, ...c }))]);
  return shopRows.length + creatorRows.length;
}

export async function allOrganisationIds(handle: DbHandle): Promise<string[]> {
  return withTenant(handle, { orgId: null }, async (tx) =>
    rowsOf<{ id: string }>(await tx.execute(sql`select koubei_org_ids() as id`)).map((r) => r.id),
  );
}

/**
 * Every organisation's dirty and never-built roll-ups, and no scores: for callers that score
 * right after (tests, benchmarks). Facts changed → rescore is rescore.ts's decision.
 */
export async function refreshAllStaleRollups(handle: DbHandle): Promise<void> {
  for (const orgId of await allOrganisationIds(handle)) {
    await withTenant(handle, { orgId }, async (tx) => {
      await refreshDirtyRollups(handle, tx, orgId);
      await rebuildNeverBuilt(handle, tx, orgId);
    });
  }
}
