import { and, desc, eq, inArray, lte, max, ne, sql } from "drizzle-orm";
import type { DbHandle, Tx } from "@/db/client";
import { checklistCheckpoints, checklists, scoreSnapshots } from "@/db/schema";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import { EFFECT_CHECKPOINTS, type EffectSnapshot, type PlaybookDefinition } from "@/lib/contracts/playbooks";
import { withTenant } from "@/server/db/tenant";
import { dayScoreFromExplanation, dayScoreFromSummary, type DayScore } from "@/server/directory/card-values";
import { tableOf } from "@/server/entities/tables";
import { addDays, type Day } from "@/server/lib/time";
import { findRuleSet, findRuleSetView } from "@/server/scoring/rule-sets";
import { readStoredExplanation } from "@/server/scoring/stored-explanation";
import { STORED_DAY_COLUMNS } from "@/server/scoring/store/snapshots";

type Candidate = { id: string; entityKind: EntityKind; entityId: string; startDay: Day; playbook: PlaybookDefinition; due: number[] };

/**
 * Checklists with a checkpoint whose day has come (start + offset ≤ today) and is not recorded:
 * one indexed query, so a rescore with nothing due costs almost nothing. Cancelled checklists are
 * not measured; closed ("done") ones go on to their 30-day checkpoint.
 */
async function checklistsWithDueCheckpoints(tx: Tx, orgId: string, today: Day): Promise<Candidate[]> {
  const rows = await tx
    .select({
      id: checklists.id,
      entityKind: checklists.entityKind,
      entityId: checklists.entityId,
      startDay: checklists.startDay,
      playbook: checklists.playbook,
      recorded: sql<number[]>`coalesce((select array_agg(c.offset_days) from ${checklistCheckpoints} c where c.org_id = ${checklists.orgId} and c.checklist_id = ${checklists.id}), '{}')`,
    })
    .from(checklists)
    .where(
      and(
        eq(checklists.orgId, orgId),
        ne(checklists.status, "cancelled"),
        lte(checklists.startDay, today),
        sql`(select count(*) from ${checklistCheckpoints} c where c.org_id = ${checklists.orgId} and c.checklist_id = ${checklists.id}) < ${EFFECT_CHECKPOINTS.length}`,
      ),
    );
  return rows.flatMap((row) => {
    const recorded = new Set((row.recorded ?? []).map(Number));
    const due = EFFECT_CHECKPOINTS.filter((offset) => !recorded.has(offset) && addDays(row.startDay, offset) <= today);
    return due.length > 0 ? [{ ...row, due }] : [];
  });
}

/** The stored score of one day as the entity page shows it: the explanation, or a history day's summary columns. */
async function storedDayScore(tx: Tx, orgId: string, kind: EntityKind, entityId: string, ruleSetName: string, day: Day): Promise<DayScore | null> {
  if (!findRuleSetView(ruleSetName)) return null;
  const [row] = await tx
    .select({
      ...STORED_DAY_COLUMNS,
    })
    .from(scoreSnapshots)
    .where(
      and(
        eq(scoreSnapshots.orgId, orgId),
        eq(scoreSnapshots.entityKind, kind),
        eq(scoreSnapshots.entityId, entityId),
        eq(scoreSnapshots.ruleSet, ruleSetName),
        eq(scoreSnapshots.day, day),
      ),
    )
    .orderBy(desc(scoreSnapshots.day))
    .limit(1);
  if (!row) return null;
  if (row.result) return dayScoreFromExplanation(readStoredExplanation({ orgId, entityId, ruleSet: ruleSetName, day: row.day, result: row.result }));
  const ruleSet = findRuleSet(ruleSetName);
  if (!ruleSet) return null;
  const copy = (values: ArrayLike<number> | null) => (values ? Array.from(values) : null);
  return dayScoreFromSummary(ruleSet, {
    ...row,
    dimensionScores: copy(row.dimensionScores),
    indicatorValues: copy(row.indicatorValues),
    indicatorPercentiles: copy(row.indicatorPercentiles),
  });
}

/** The targeted numbers of a checklist out of a stored day: shown overall and dimension scores, and the playbook's indicators. */
export function effectSnapshotOf(day: Day, score: DayScore | null, indicatorCodes: readonly string[]): EffectSnapshot {
  const dimensions: Record<string, number | null> = {};
  for (const [code, value] of Object.entries(score?.dimensions ?? {})) dimensions[code] = value ?? null;
  const indicators: EffectSnapshot["indicators"] = {};
  for (const code of indicatorCodes) {
    const found = score?.indicators.find((i) => i.code === code);
    indicators[code] = { value: found?.value ?? null, percentile: found?.percentile ?? null };
  }
  return { day, overall: score?.overall ?? null, dimensions, indicators };
}

/**
 * Records every effect checkpoint that has come due: for each checklist and each offset of
 * EFFECT_CHECKPOINTS with start + offset on or before the entity's newest scored day and nothing
 * recorded yet, the numbers of that day's stored score (never recomputed). Idempotent: a checkpoint
 * is written once (its key is checklist + offset, ON CONFLICT DO NOTHING); a day not scored yet
 * waits for a later run. Runs from the daily checklist job and at the end of each rescore.
 */
export async function recordDueCheckpoints(handle: DbHandle, orgId: string, today: Day): Promise<number> {
  return withTenant(handle, { orgId }, async (tx) => {
    const candidates = await checklistsWithDueCheckpoints(tx, orgId, today);
    if (candidates.length === 0) return 0;
    let recorded = 0;
    const byKind = new Map<EntityKind, Candidate[]>();
    for (const c of candidates) byKind.set(c.entityKind, [...(byKind.get(c.entityKind) ?? []), c]);
    for (const [kind, list] of byKind) {
      const table = tableOf(kind);
      const entities = await tx
        .select({ id: table.id, ruleSet: table.ruleSet })
        .from(table)
        .where(and(eq(table.orgId, orgId), inArray(table.id, [...new Set(list.map((c) => c.entityId))])));
      const ruleSetOf = new Map(entities.map((e) => [e.id, e.ruleSet]));
      const newest = new Map<string, Day | null>();
      for (const checklist of list) {
        const ruleSet = ruleSetOf.get(checklist.entityId);
        if (!ruleSet) continue;
        if (!newest.has(checklist.entityId)) {
          const [row] = await tx
            .select({ day: max(scoreSnapshots.day) })
            .from(scoreSnapshots)
            .where(and(eq(scoreSnapshots.orgId, orgId), eq(scoreSnapshots.entityKind, kind), eq(scoreSnapshots.entityId, checklist.entityId), eq(scoreSnapshots.ruleSet, ruleSet)));
          newest.set(checklist.entityId, row?.day ?? null);
        }
        const newestDay = newest.get(checklist.entityId);
        if (!newestDay) continue;
        for (const offset of checklist.due) {
          const day = addDays(checklist.startDay, offset);
          if (day > newestDay) continue;
          const score = await storedDayScore(tx, orgId, kind, checklist.entityId, ruleSet, day);
          const snapshot = effectSnapshotOf(day, score, checklist.playbook.indicators);
          const written = await tx
            .insert(checklistCheckpoints)
            .values({ orgId, checklistId: checklist.id, offsetDays: offset, day, snapshot })
            .onConflictDoNothing()
            .returning({ offset: checklistCheckpoints.offsetDays });
          recorded += written.length;
        }
      }
    }
    return recorded;
  });
}
