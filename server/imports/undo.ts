import { and, eq, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { imports, importTouchedDays } from "@/db/schema";
import { rowsOf } from "@/db/security";
import { withTenant } from "@/server/db/tenant";
import { AppError, notFound } from "@/server/lib/errors";
import { logger } from "@/server/lib/logger";
import { factKeyMatch, sqlIdent } from "./fact-sql";
import { FACT_TABLES } from "./fact-tables";
import { onFactsChanged } from "./hooks";
import { isImportKind } from "@/lib/contracts/imports";
import { requireOrg, type ImportContext } from "./context";
import { lockShopForImport } from "./service";

export type UndoSummary = { importId: string; deleted: number; restored: number; touchedDays: string[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Rolls a succeeded import back exactly: deletes the rows it inserted and restores the before
 * image of the rows it changed, in one transaction. Refused (CONFLICT) when a later import has
 * since changed some of those rows: undo that one first. Another organisation's import is
 * NOT_FOUND, like one that does not exist.
 */
export async function undoImport(handle: DbHandle, ctx: ImportContext, input: { importId: string }): Promise<UndoSummary> {
  const orgId = requireOrg(ctx);
  const importId = input.importId;
  if (!UUID.test(importId)) throw notFound("importNotFound");
  const summary = await withTenant(handle, ctx, async (tx) => {
    const [found] = await tx
      .select({ shopId: imports.shopId, kind: imports.kind, status: imports.status })
      .from(imports)
      .where(and(eq(imports.orgId, orgId), eq(imports.id, importId)));
    if (!found || !isImportKind(found.kind)) throw notFound("importNotFound");
    await lockShopForImport(tx, orgId, found.shopId);
    const [current] = await tx.select({ status: imports.status }).from(imports).where(and(eq(imports.orgId, orgId), eq(imports.id, importId)));
    if (current?.status !== "succeeded") throw new AppError("CONFLICT", "errors.import.notUndoable", { params: { status: current?.status ?? "?" } });
    const table = FACT_TABLES[found.kind];
    const t = sqlIdent(table.table);
    const match = factKeyMatch(table, "e", "c.key");

    // What the import wrote: the rows it created (created_import_id), and the rows its change log
    // names — before images of rows it updated, and rows it inserted when imports still logged
    // inserts (before migration 0005). Any of them written since by another import is a conflict.
    const [conflicts] = rowsOf<{ n: number }>(
      await tx.execute(sql`
        select
          (select count(*)::int from import_row_changes c
           join ${t} e on e.org_id = c.org_id and e.shop_id = c.shop_id and ${match}
           where c.org_id = ${orgId}::uuid and c.import_id = ${importId}::uuid and e.last_import_id is distinct from ${importId}::uuid)
          + (select count(*)::int from ${t} e
             where e.org_id = ${orgId}::uuid and e.shop_id = ${found.shopId}::uuid and e.created_import_id = ${importId}::uuid
               and e.last_import_id is distinct from ${importId}::uuid) as n`),
    );
    if ((conflicts?.n ?? 0) > 0) {
      throw new AppError("CONFLICT", "errors.import.changedSince", { params: { count: conflicts?.n ?? 0 } });
    }
    const deletedLogged = rowsOf<{ op: string }>(
      await tx.execute(sql`
        delete from ${t} e using import_row_changes c
        where c.org_id = ${orgId}::uuid and c.import_id = ${importId}::uuid
          and e.org_id = c.org_id and e.shop_id = c.shop_id and ${match}
        returning c.op`),
    );
    // The shop's primary-key prefix bounds this scan; created rows need no index of their own.
    const [deletedCreated] = rowsOf<{ n: number }>(
      await tx.execute(sql`
        with deleted as (
          delete from ${t} e
          where e.org_id = ${orgId}::uuid and e.shop_id = ${found.shopId}::uuid and e.created_import_id = ${importId}::uuid
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
    await onFactsChanged(tx, { orgId, shopId: found.shopId, importId, days, reason: "undo" });
    await tx
      .update(imports)
      .set({ status: "undone", undoneAt: new Date(), undoneBy: ctx.userId ?? null, updatedAt: new Date() })
      .where(and(eq(imports.orgId, orgId), eq(imports.id, importId)));
    return {
      importId,
      deleted: deletedLogged.filter((d) => d.op === "insert").length + (deletedCreated?.n ?? 0),
      restored: restored[0]?.n ?? 0,
      touchedDays: days.sort(),
    };
  });
  logger.info({ orgId, importId, deleted: summary.deleted, restored: summary.restored }, "import undone");
  return summary;
}

/** Undoes every succeeded import of a bulk upload (optionally of one shop), newest first. */
export async function undoBundle(
  handle: DbHandle,
  ctx: ImportContext,
  input: { bundleId: string; shopId?: string },
): Promise<UndoSummary[]> {
  const orgId = requireOrg(ctx);
  if (!UUID.test(input.bundleId)) throw notFound("importNotFound");
  const rows = await withTenant(handle, ctx, (tx) =>
    tx
      .select({ id: imports.id, shopId: imports.shopId, createdAt: imports.createdAt })
      .from(imports)
      .where(and(eq(imports.orgId, orgId), eq(imports.bundleId, input.bundleId), eq(imports.status, "succeeded"))),
  );
  const chosen = rows.filter((r) => !input.shopId || r.shopId === input.shopId).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const results: UndoSummary[] = [];
  for (const row of chosen) results.push(await undoImport(handle, ctx, { importId: row.id }));
  return results;
}
