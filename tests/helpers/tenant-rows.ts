import { sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { rowsOf } from "@/db/security";
import { withTenant } from "@/server/db/tenant";

/** How many rows an organisation owns in each table that has an org_id column, found from the catalogue (a new table is counted without editing this). */
export async function rowsPerTenantTable(handle: DbHandle, orgId: string): Promise<Record<string, number>> {
  return withTenant(handle, { orgId }, async (tx) => {
    const tables = rowsOf<{ table_name: string }>(
      await tx.execute(sql`select table_name from information_schema.columns where table_schema = 'public' and column_name = 'org_id' order by 1`),
    );
    const counts: Record<string, number> = {};
    for (const { table_name } of tables) {
      const [row] = rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from ${sql.identifier(table_name)} where org_id = ${orgId}`));
      counts[table_name] = row?.n ?? 0;
    }
    return counts;
  });
}
