import { sql } from "drizzle-orm";
import { packFloat8 } from "@/db/float8-bytes";
import type { DbHandle } from "@/db/client";
import { withTenant } from "@/server/db/tenant";
import { addDays, type Day } from "@/server/lib/time";

/**
 * A large portfolio written straight into the tables the portfolio reads (entities, stored daily
 * scores as history summaries, daily roll-ups), so a test gets 1,000+ entities in seconds instead
 * of scoring them. Every value comes from the functions below, so tests can compute expectations.
 */
export const SEED_CATEGORIES = ["apparel", "beauty", "food_drink"] as const;

/** The stored overall of entity i on day offset d (0 = the view day, -1 the day before …). */
export const seededOverall = (i: number, d: number): number => 3.9 + (i % 110) / 100 + ((i % 5) - 2) * 0.004 * d + 0.0001 * (i % 7);
/** Every 13th entity has too few valid orders. */
export const seededInsufficient = (i: number) => i % 13 === 0;
/** The newest day with data is 1 to 6 days before the view day. */
export const seededLastDataDay = (viewDay: Day, i: number): Day => addDays(viewDay, -1 - (i % 6));
export const seededDimension = (i: number, dimension: number) => 3.5 + ((i * (dimension + 3)) % 150) / 100;

export type SeededEntity = { kind: "shop" | "creator"; id: string; index: number; name: string };

export async function seedPortfolio(
  handle: DbHandle,
  options: { orgId: string; viewDay: Day; shops: number; creators: number; days: number; ownerIds: readonly string[] },
): Promise<SeededEntity[]> {
  const { orgId, viewDay } = options;
  return withTenant(handle, { orgId }, async (tx) => {
    const entities: SeededEntity[] = [];
    for (const kind of ["shop", "creator"] as const) {
      const count = kind === "shop" ? options.shops : options.creators;
      const table = kind === "shop" ? sql`shops` : sql`creators`;
      const ruleSet = kind === "shop" ? "douyin-shop-v1" : "douyin-creator-v1";
      const offset = kind === "shop" ? 0 : options.shops;
      const rows = Array.from({ length: count }, (_, n) => {
        const i = offset + n;
        return {
          name: `${kind === "shop" ? "店" : "达人"} ${String(i).padStart(5, "0")}`,
          alias: i % 4 === 0 ? `别名${i}` : null,
          external_id: `${kind}-${i}`,
          category_code: SEED_CATEGORIES[i % SEED_CATEGORIES.length],
          owner_user_id: i % 3 === 0 ? null : (options.ownerIds[i % options.ownerIds.length] ?? null),
          i,
        };
      });
      const inserted = (await tx.execute(sql`
        insert into ${table} (org_id, external_id, name, alias, category_code, owner_user_id, rule_set)
        select ${orgId}::uuid, r.external_id, r.name, r.alias, r.category_code, r.owner_user_id, ${ruleSet}
        from json_to_recordset(${JSON.stringify(rows)}::json) as r(external_id text, name text, alias text, category_code text, owner_user_id uuid, i int)
        returning id, external_id, name`)) as unknown;
      const list = (Array.isArray(inserted) ? inserted : (inserted as { rows: unknown[] }).rows) as { id: string; external_id: string; name: string }[];
      for (const row of list) entities.push({ kind, id: row.id, name: row.name, index: Number(row.external_id.split("-")[1]) });
      const bytes = (i: number) => packFloat8([0.5, seededDimension(i, 0), 0.5, seededDimension(i, 1), 0.5, seededDimension(i, 2)]).toString("hex");
      const snapshots = list.flatMap((row) => {
        const i = Number(row.external_id.split("-")[1]);
        return Array.from({ length: options.days }, (_, back) => ({
          entity_id: row.id,
          day: addDays(viewDay, -back),
          state: seededInsufficient(i) ? "insufficient_data" : "scored",
          valid_orders: seededInsufficient(i) ? 12 : 500,
          overall: seededInsufficient(i) ? null : seededOverall(i, -back),
          dims: seededInsufficient(i) ? null : bytes(i),
        }));
      });
      for (let start = 0; start < snapshots.length; start += 20_000) {
        await tx.execute(sql`
          insert into score_snapshots (org_id, entity_kind, entity_id, rule_set, day, state, valid_orders, overall, dimension_scores,
            indicator_values, indicator_percentiles, rollup_version)
          select ${orgId}::uuid, ${kind}, s.entity_id, ${ruleSet}, s.day, s.state, s.valid_orders, s.overall, decode(s.dims, 'hex'), ''::bytea, ''::bytea, 0
          from json_to_recordset(${JSON.stringify(snapshots.slice(start, start + 20_000))}::json)
            as s(entity_id uuid, day date, state text, valid_orders int, overall float8, dims text)`);
      }
      const rollups = list.map((row) => {
        const day = seededLastDataDay(viewDay, Number(row.external_id.split("-")[1]));
        return { entity_id: row.id, day, visible_day: addDays(day, 1) };
      });
      await tx.execute(sql`
        insert into daily_rollups (org_id, entity_kind, entity_id, day, visible_day, valid_orders, product_reviews, complaints, chat_turns)
        select ${orgId}::uuid, ${kind}, r.entity_id, r.day, r.visible_day, 3, 1, 0, 2
        from json_to_recordset(${JSON.stringify(rollups)}::json) as r(entity_id uuid, day date, visible_day date)`);
    }
    return entities.sort((a, b) => a.index - b.index);
  });
}
