import type { Transaction as PgliteTransaction } from "@electric-sql/pglite";
import type postgres from "postgres";
import type { DbHandle, Tx } from "./client";

/**
 * The driver's own transaction under a Drizzle one, for what Drizzle cannot do: COPY. On
 * PostgreSQL it is postgres.js's reserved transaction connection, on PGlite its transaction, so
 * statements sent through it are part of the caller's transaction (same connection, same
 * snapshot, rolled back with it).
 */
export type RawTransaction = { kind: "postgres"; sql: postgres.TransactionSql } | { kind: "pglite"; tx: PgliteTransaction };

/** Drizzle keeps the driver's client on the transaction's session; it has no public accessor. */
export function rawTransactionOf(handle: DbHandle, tx: Tx): RawTransaction {
  const client: unknown = (tx._.session as unknown as { client?: unknown }).client;
  if (handle.kind === "postgres") {
    if (!hasFunction(client, "unsafe")) throw new Error("no postgres.js client under this transaction");
    return { kind: "postgres", sql: client as postgres.TransactionSql };
  }
  if (!hasFunction(client, "query")) throw new Error("no PGlite transaction under this transaction");
  return { kind: "pglite", tx: client as PgliteTransaction };
}

/** postgres.js's sql is itself a function; PGlite's transaction is an object. */
function hasFunction(value: unknown, name: string): boolean {
  return (typeof value === "object" || typeof value === "function") && value !== null && typeof (value as Record<string, unknown>)[name] === "function";
}

/**
 * Runs SQL text in the transaction, planned for this execution only. postgres.js otherwise keeps a
 * named prepared statement per text, and a statement without parameters keeps its first plan: one
 * made while a table was still empty would go on scanning it whole after it has grown.
 */
export function unpreparedRunner(handle: DbHandle, tx: Tx): (text: string) => Promise<unknown[]> {
  const raw = rawTransactionOf(handle, tx);
  if (raw.kind === "postgres") return async (text) => [...(await raw.sql.unsafe(text, [], { prepare: false }))];
  return async (text) => (await raw.tx.query(text)).rows;
}
