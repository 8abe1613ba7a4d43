import { and, asc, desc, eq, gte, lte, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { scoreSnapshots } from "@/db/schema";
import type { EntityKind } from "@/db/schema/scoring";
import type { Day } from "@/server/lib/time";
import type { ScoreExplanation, ScoreSummary } from "../explain";

export type SnapshotWrite = {
  orgId: string;
  entityKind: EntityKind;
  entityId: string;
  ruleSet: string;
  day: Day;
  rollupVersion: number;
  /** The full explanation, or a history day's summary (backfill). */
  explanation: ScoreExplanation | ScoreSummary;
};

export async function saveSnapshots(tx: Tx, rows: readonly SnapshotWrite[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await tx
      .insert(scoreSnapshots)
      .values(
        rows.slice(i, i + 500).map((r) => ({
          orgId: r.orgId,
          entityKind: r.entityKind,
          entityId: r.entityId,
          ruleSet: r.ruleSet,
          day: r.day,
          state: r.explanation.state,
          validOrders: r.explanation.validOrders,
          overall: r.explanation.overall,
          beatsPercent: r.explanation.beatsPercent,
          result: r.explanation as unknown as Record<string, unknown>,
          rollupVersion: r.rollupVersion,
        })),
      )
      .onConflictDoUpdate({
        target: [
          scoreSnapshots.orgId,
          scoreSnapshots.entityKind,
          scoreSnapshots.entityId,
          scoreSnapshots.ruleSet,
          scoreSnapshots.day,
        ],
        set: {
          state: sql`excluded.state`,
          validOrders: sql`excluded.valid_orders`,
          overall: sql`excluded.overall`,
          beatsPercent: sql`excluded.beats_percent`,
          result: sql`excluded.result`,
          rollupVersion: sql`excluded.rollup_version`,
          computedAt: sql`now()`,
        },
      });
  }
}

const entityFilter = (orgId: string, kind: EntityKind, entityId: string, ruleSet: string) =>
  and(
    eq(scoreSnapshots.orgId, orgId),
    eq(scoreSnapshots.entityKind, kind),
    eq(scoreSnapshots.entityId, entityId),
    eq(scoreSnapshots.ruleSet, ruleSet),
  );

export async function latestSnapshot(
  tx: Tx,
  orgId: string,
  kind: EntityKind,
  entityId: string,
  ruleSet: string,
) {
  const [row] = await tx
    .select()
    .from(scoreSnapshots)
    .where(entityFilter(orgId, kind, entityId, ruleSet))
    .orderBy(desc(scoreSnapshots.day))
    .limit(1);
  return row ?? null;
}

export async function snapshotHistory(
  tx: Tx,
  orgId: string,
  kind: EntityKind,
  entityId: string,
  ruleSet: string,
  from: Day,
  to: Day,
) {
  return tx
    .select({
      day: scoreSnapshots.day,
      state: scoreSnapshots.state,
      overall: scoreSnapshots.overall,
      beatsPercent: scoreSnapshots.beatsPercent,
    })
    .from(scoreSnapshots)
    .where(
      and(
        entityFilter(orgId, kind, entityId, ruleSet),
        gte(scoreSnapshots.day, from),
        lte(scoreSnapshots.day, to),
      ),
    )
    .orderBy(asc(scoreSnapshots.day));
}
