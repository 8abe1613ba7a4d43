import { sql } from "drizzle-orm";
import type { DbHandle, Tx } from "@/db/client";

export type TenantContext = { orgId: string | null; userId?: string | null };

/**
 * Runs fn in one transaction whose RLS tenant is ctx.orgId. Every tenant query goes through here
 * (requests, jobs, CLI), so the policies in db/security.ts see the right org.
 */
export async function withTenant<T>(
  handle: DbHandle,
  ctx: TenantContext,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  return handle.db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('app.org_id', ${ctx.orgId ?? ""}, true), set_config('app.user_id', ${ctx.userId ?? ""}, true)`,
    );
    if (handle.switchRole) await tx.execute(sql`set local role ${sql.identifier(handle.switchRole)}`);
    return fn(tx);
  });
}
