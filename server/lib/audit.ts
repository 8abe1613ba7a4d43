import type { Tx } from "@/db/client";
import { auditLog } from "@/db/schema";

/** Written in the caller's transaction, so the change and its audit row commit together. */
export async function audit(
  tx: Tx,
  entry: { orgId: string; actorUserId: string | null; action: string; target?: string; data?: Record<string, unknown> },
): Promise<void> {
  await tx.insert(auditLog).values({
    orgId: entry.orgId,
    actorUserId: entry.actorUserId,
    action: entry.action,
    target: entry.target ?? null,
    data: entry.data ?? {},
  });
}
