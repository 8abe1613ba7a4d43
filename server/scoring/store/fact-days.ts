import { and, eq, max, min } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { dailyRollups } from "@/db/schema";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import type { DayRange } from "@/lib/contracts/common";

/**
 * The first and last day an entity has facts on, read from its roll-ups (built for shops and
 * creator accounts alike, anchored on the fact's day): what the date picker is bounded by and what
 * the page names as the span its data covers. Null until facts have been rolled up.
 */
export async function factDayRange(tx: Tx, orgId: string, kind: EntityKind, entityId: string): Promise<DayRange | null> {
  const [row] = await tx
    .select({ first: min(dailyRollups.day), last: max(dailyRollups.day) })
    .from(dailyRollups)
    .where(and(eq(dailyRollups.orgId, orgId), eq(dailyRollups.entityKind, kind), eq(dailyRollups.entityId, entityId)));
  return row?.first && row.last ? { first: row.first, last: row.last } : null;
}
