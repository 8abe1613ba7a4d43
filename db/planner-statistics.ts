import type { DbHandle } from "./client";

/**
 * Tables whose size has grown a fifth (and at least a page) past what their statistics last saw,
 * or that have rows and were never analysed. Sizes come from the files, so this needs no
 * statistics collector (PGlite never flushes one).
 */
const GROWN_TABLES_SQL = `
  select c.relname as name
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = 'public' and c.relkind = 'r'
    and pg_relation_size(c.oid) / current_setting('block_size')::int >= c.relpages + greatest(1, c.relpages / 5)
  order by c.relname`;

/**
 * The embedded database has no autovacuum, so nothing ever gives the planner statistics. Without
 * them a foreign-key check into `shops` keeps a plan made for an empty table, which walks every
 * shop of the organisation (shops_org_category) for each fact row written: a 50,000-row import
 * into a 300-shop organisation took 2.3× as long. A long-running process keeps that plan while the
 * organisation grows, until an ANALYZE replaces it (ADR 0030). Called where bulk writes begin and
 * before roll-ups are rebuilt; analyses only the tables that grew. On PostgreSQL this is
 * autovacuum's job (the app role may not analyse tables it does not own), and nothing is done.
 */
export async function analyzeGrownTables(handle: DbHandle): Promise<string[]> {
  const pglite = handle.pglite;
  if (!pglite) return [];
  const grown = (await pglite.query<{ name: string }>(GROWN_TABLES_SQL)).rows.map((row) => row.name);
  if (grown.length > 0) await pglite.exec(`analyze ${grown.map((name) => `"${name.replaceAll('"', '""')}"`).join(", ")}`);
  return grown;
}
