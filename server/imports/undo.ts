import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbHandle, Tx } from "@/db/client";
import { imports, importTouchedDays, syncRuns } from "@/db/schema";
import { rowsOf } from "@/db/security";
import { withTenant } from "@/server/db/tenant";
import { AppError, notFound } from "@/server/lib/errors";
import { logger } from "@/server/lib/logger";
import { factKeyMatch, sqlIdent } from "./fact-sql";
import { FACT_TABLES } from "./fact-tables";
import { onFactsChanged } from "./hooks";
import { isImportKind } from "@/lib/contracts/imports";
import { requireOrg, UUID, type ImportContext, type ImportOwner } from "./context";
import { lockShopForImport } from "./service";
import { audit } from "@/server/lib/audit";

export type UndoSummary = { importId: string; deleted: number; restored: number; touchedDays: string[] };

/**
 * Rolls a succeeded import back exactly: deletes the rows it inserted and restores the before
 * image of the rows it changed, in one transaction. Refused (CONFLICT) when a later import has
 * since changed some of those rows: undo that one first. Another organisation's import is
 * NOT_FOUND, like one that does not exist.
 */
export async function undoImport(handle: DbHandle, ctx: ImportContext, input: { importId: string }): Promise<UndoSummary> {
  const orgId = requireOrg(ctx);
  if (!UUID.test(input.importId)) throw notFound("importNotFound");
  const summary = await withTenant(handle, ctx, (tx) => undoImportIn(tx, ctx, orgId, input.importId));
  logger.info({ orgId, importId: input.importId, deleted: summary.deleted, restored: summary.restored }, "import undone");
  return summary;
}

/** The undo itself, inside the caller's transaction: a batch undo runs several in one and keeps all or none. */
async function undoImportIn(tx: Tx, ctx: ImportContext, orgId: string, importId: string): Promise<UndoSummary> {
  const [found] = await tx
    .select({ shopId: imports.shopId, creatorId: imports.creatorId, kind: imports.kind, status: imports.status })
    .from(imports)
    .where(and(eq(imports.orgId, orgId), eq(imports.id, importId)));
  if (!found || !isImportKind(found.kind)) throw notFound("importNotFound");
  const owner: ImportOwner | null = found.shopId ? { kind: "shop", id: found.shopId } : found.creatorId ? { kind: "creator", id: found.creatorId } : null;
  if (!owner) throw notFound("importNotFound");
  await lockShopForImport(tx, orgId, owner.id);
  const [current] = await tx.select({ status: imports.status }).from(imports).where(and(eq(imports.orgId, orgId), eq(imports.id, importId)));
  if (current?.status !== "succeeded") throw new AppError("CONFLICT", "errors.import.notUndoable", { params: { status: current?.status ?? "?" } });
  const table = FACT_TABLES[found.kind];
  const t = sqlIdent(table.table);
  const ownerColumn = sqlIdent(table.owner);
  const match = factKeyMatch(table, "e", "c.key");

  // What the import wrote: the rows it created (created_import_id), and the rows its change log
  // names — before images of rows it updated, and rows it inserted when imports still logged
  // inserts (before migration 0005). Any of them written since by another import is a conflict.
  const [conflicts] = rowsOf<{ n: number }>(
    await tx.execute(sql`
      select
        (select count(*)::int from import_row_changes c
         join ${t} e on e.org_id = c.org_id and e.${ownerColumn} = c.${ownerColumn} and ${match}
         where c.org_id = ${orgId}::uuid and c.import_id = ${importId}::uuid and e.last_import_id is distinct from ${importId}::uuid)
        + (select count(*)::int from ${t} e
           where e.org_id = ${orgId}::uuid and e.${ownerColumn} = ${owner.id}::uuid and e.created_import_id = ${importId}::uuid
             and e.last_import_id is distinct from ${importId}::uuid) as n`),
  );
  if ((conflicts?.n ?? 0) > 0) {
    throw new AppError("CONFLICT", "errors.import.changedSince", { params: { count: conflicts?.n ?? 0 } });
  }
  const deletedLogged = rowsOf<{ op: string }>(
    await tx.execute(sql`
      delete from ${t} e using import_row_changes c
      where c.org_id = ${orgId}::uuid and c.import_id = ${importId}::uuid
        and e.org_id = c.org_id and e.${ownerColumn} = c.${ownerColumn} and ${match}
      returning c.op`),
  );
  // The owner's primary-key prefix bounds this scan; created rows need no index of their own.
  const [deletedCreated] = rowsOf<{ n: number }>(
    await tx.execute(sql`
      with deleted as (
        delete from ${t} e
        where e.org_id = ${orgId}::uuid and e.${ownerColumn} = ${owner.id}::uuid and e.created_import_id = ${importId}::uuid
        returning 1)
      select count(*)::int as n from deleted`),
  );
  const restored = rowsOf<{ n: number }>(
    await tx.execute(sql`
      with restored as (
        insert into ${t}
        select (jsonb_populate_record(null::${t}, c.before)).*
        from import_row_changes c
        where c.org_id = ${orgId}::uuid and c.import_id = ${importId}::uuid and c.op = 'update' and c.before is not null
        returning 1)
      select count(*)::int as n from restored`),
  );
  const days = (
    await tx
      .select({ day: importTouchedDays.day })
      .from(importTouchedDays)
      .where(and(eq(importTouchedDays.orgId, orgId), eq(importTouchedDays.importId, importId)))
  ).map((d) => d.day);
  // A creator's import keeps no touched days (import_touched_days is keyed by shop): its whole history is stale.
  await onFactsChanged(tx, { orgId, owner, importId, days: owner.kind === "shop" ? days : null, reason: "undo" });
  await tx
    .update(imports)
    .set({ status: "undone", undoneAt: new Date(), undoneBy: ctx.userId ?? null, updatedAt: new Date() })
    .where(and(eq(imports.orgId, orgId), eq(imports.id, importId)));
  await audit(tx, { orgId, actorUserId: ctx.userId ?? null, action: "import.undo", target: importId, data: { touchedDays: days.length } });
  return {
    importId,
    deleted: deletedLogged.filter((d) => d.op === "insert").length + (deletedCreated?.n ?? 0),
    restored: restored[0]?.n ?? 0,
    touchedDays: days.sort(),
  };
}

/**
 * Undoes a bundle — a bulk upload's files, or a sync run's batches (the run is the bundle) —
 * optionally only one shop's part: every succeeded import, newest first, all in one transaction,
 * so it is all or nothing. Newest first is what lets it work at all: undoing a later batch puts
 * back the rows as an earlier batch of the same bundle left them, and then that one's undo finds
 * them unchanged. An import from outside the bundle that changed its rows since refuses the whole
 * bundle (CONFLICT, naming the file), and nothing is undone. A bundle still being written (a
 * queued or running import, a sync run in progress) is refused too: its next batch would land
 * after the undo.
 *
 * Sync cursors are left where they are, on purpose: moving them back would make the next run
 * re-pull and re-import exactly what was just undone. So the undone records come back only when
 * the platform changes them again (or the shop is re-synced from scratch); the UI says so.
 */
export async function undoBundle(handle: DbHandle, ctx: ImportContext, input: { bundleId: string; shopId?: string }): Promise<UndoSummary[]> {
  const orgId = requireOrg(ctx);
  const bundleId = input.bundleId;
  if (!UUID.test(bundleId)) throw notFound("importNotFound");
  const results = await withTenant(handle, ctx, async (tx) => {
    const all = await tx
      .select({ id: imports.id, shopId: imports.shopId, creatorId: imports.creatorId, status: imports.status, fileName: imports.fileName, createdAt: imports.createdAt, finishedAt: imports.finishedAt })
      .from(imports)
      .where(and(eq(imports.orgId, orgId), eq(imports.bundleId, bundleId)));
    const part = all.filter((r) => !input.shopId || r.shopId === input.shopId);
    if (part.length === 0) throw notFound("importNotFound");
    // Shops locked in one order, so two batch undos over the same shops cannot deadlock.
    for (const ownerId of [...new Set(part.map((r) => r.shopId ?? r.creatorId ?? ""))].sort()) await lockShopForImport(tx, orgId, ownerId);
    const [syncing] = await tx.select({ id: syncRuns.id }).from(syncRuns).where(and(eq(syncRuns.orgId, orgId), eq(syncRuns.id, bundleId), eq(syncRuns.status, "running")));
    const current = await tx
      .select({ id: imports.id, status: imports.status })
      .from(imports)
      .where(and(eq(imports.orgId, orgId), inArray(imports.id, part.map((r) => r.id))));
    if (syncing || current.some((r) => r.status === "queued" || r.status === "running")) throw new AppError("CONFLICT", "errors.import.bundleInProgress");
    const succeeded = new Set(current.filter((r) => r.status === "succeeded").map((r) => r.id));
    const newestFirst = part.filter((r) => succeeded.has(r.id)).sort((a, b) => finishedTime(b) - finishedTime(a));
    if (newestFirst.length === 0) throw new AppError("CONFLICT", "errors.import.bundleNothingToUndo");
    const undone: UndoSummary[] = [];
    for (const row of newestFirst) {
      try {
        undone.push(await undoImportIn(tx, ctx, orgId, row.id));
      } catch (error) {
        if (error instanceof AppError && error.messageKey === "errors.import.changedSince") {
          throw new AppError("CONFLICT", "errors.import.bundleChangedSince", { params: { file: row.fileName, count: Number(error.details.params?.count ?? 0) } });
        }
        throw error;
      }
    }
    return undone;
  });
  logger.info({ orgId, bundleId, imports: results.length }, "import bundle undone");
  return results;
}

/** When an import committed: the order its batches were written in. */
const finishedTime = (row: { createdAt: Date; finishedAt: Date | null }) => (row.finishedAt ?? row.createdAt).getTime();
