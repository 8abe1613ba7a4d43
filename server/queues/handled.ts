import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { rowsOf } from "@/db/security";
import type { ScoredEntityKind } from "@/lib/contracts/entities";
import { addDays, shanghaiMidnight, type Day } from "@/server/lib/time";

export type HandledDay = { day: Day; reviewsResolved: number; appealsUpheld: number };

/**
 * Queue items handled per Shanghai day for one shop or creator account, fromDay…toDay inclusive:
 * bad reviews set to resolved (review_cases.resolved_at) and appeals upheld (appeals.decided_at).
 * A creator's are those about its orders (author id). Days without any are left out. Effect
 * tracking (checklists) reads this; the caller's transaction names the tenant.
 */
export async function handledQueueItems(
  tx: Tx,
  orgId: string,
  entity: { kind: ScoredEntityKind; id: string },
  fromDay: Day,
  toDay: Day,
): Promise<HandledDay[]> {
  const from = shanghaiMidnight(fromDay).toISOString();
  const to = shanghaiMidnight(addDays(toDay, 1)).toISOString();
  const ofEntity =
    entity.kind === "shop"
      ? sql`x.shop_id = ${entity.id}::uuid`
      : sql`exists (select 1 from orders o join creators c on c.org_id = o.org_id and c.id = ${entity.id}::uuid and c.external_id = o.author_id
                     where o.org_id = x.org_id and o.shop_id = x.shop_id and o.order_id = x.order_id)`;
  const day = (column: string) => sql.raw(`to_char((${column}) at time zone 'UTC' + interval '8 hours', 'YYYY-MM-DD')`);
  const rows = rowsOf<{ day: Day; reviews: number; appeals: number }>(
    await tx.execute(sql`
      select d as day, sum(reviews)::int as reviews, sum(appeals)::int as appeals from (
        select ${day("x.resolved_at")} as d, 1 as reviews, 0 as appeals from review_cases x
         where x.org_id = ${orgId} and x.status = 'resolved' and x.resolved_at >= ${from}::timestamptz and x.resolved_at < ${to}::timestamptz and ${ofEntity}
        union all
        select ${day("x.decided_at")}, 0, 1 from appeals x
         where x.org_id = ${orgId} and x.outcome = 'upheld' and x.decided_at >= ${from}::timestamptz and x.decided_at < ${to}::timestamptz and ${ofEntity}
      ) h group by d order by d`),
  );
  return rows.map((row) => ({ day: row.day, reviewsResolved: Number(row.reviews), appealsUpheld: Number(row.appeals) }));
}
