import { and, asc, eq, ne } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { checklistCheckpoints, checklists } from "@/db/schema";
import type { EffectColumn, EffectPanel, PlaybookEffect } from "@/lib/contracts/checklists";
import { EFFECT_CHECKPOINTS, type EffectSnapshot, type PlaybookDefinition } from "@/lib/contracts/playbooks";
import type { ScoredEntityKind } from "@/lib/contracts/entities";
import { handledQueueItems } from "@/server/queues/handled";
import { addDays, todayInShanghai, type Day } from "@/server/lib/time";
import type { OrgScope } from "@/server/lib/scope";
import { visibleChecklists } from "./access";
import { INDICATORS, type IndicatorCode } from "@/server/scoring/indicators";

/** A difference of stored numbers without the binary noise of the subtraction (4.6 − 4.52). */
export const changeOf = (start: number | null | undefined, after: number | null | undefined): number | null =>
  start === null || start === undefined || after === null || after === undefined ? null : Number((after - start).toFixed(6));

const mean = (values: readonly number[]): number | null => (values.length === 0 ? null : Number((values.reduce((a, b) => a + b, 0) / values.length).toFixed(6)));

/** The before/after panel of one checklist: the recorded checkpoints, and the days the others wait for. */
export async function effectPanel(
  tx: Tx,
  orgId: string,
  checklist: { id: string; entityKind: ScoredEntityKind; entityId: string; startDay: string; playbook: PlaybookDefinition },
  today: Day = todayInShanghai(),
): Promise<EffectPanel> {
  const rows = await tx
    .select({ offsetDays: checklistCheckpoints.offsetDays, snapshot: checklistCheckpoints.snapshot })
    .from(checklistCheckpoints)
    .where(and(eq(checklistCheckpoints.orgId, orgId), eq(checklistCheckpoints.checklistId, checklist.id)))
    .orderBy(asc(checklistCheckpoints.offsetDays));
  const byOffset = new Map(rows.map((r) => [r.offsetDays, r.snapshot]));
  // The work done in the daily queues beside the checklist (reviews resolved, appeals upheld), counted up to each checkpoint.
  const handledDays = await handledQueueItems(tx, orgId, { kind: checklist.entityKind, id: checklist.entityId }, checklist.startDay, today);
  const handledThrough = (day: Day) => {
    let reviewsResolved = 0;
    let appealsUpheld = 0;
    for (const h of handledDays) {
      if (h.day > day) continue;
      reviewsResolved += h.reviewsResolved;
      appealsUpheld += h.appealsUpheld;
    }
    return { reviewsResolved, appealsUpheld };
  };
  const columns: EffectColumn[] = EFFECT_CHECKPOINTS.map((offsetDays) => {
    const snapshot = byOffset.get(offsetDays) ?? null;
    const day = addDays(checklist.startDay, offsetDays);
    return { offsetDays, day, pending: snapshot === null, snapshot, handled: day <= today ? handledThrough(day) : null };
  });
  const dimensions = [...new Set(rows.flatMap((r) => Object.keys(r.snapshot.dimensions)))];
  const indicators = checklist.playbook.indicators.map((code) => {
    const known = INDICATORS[code as IndicatorCode] as (typeof INDICATORS)[IndicatorCode] | undefined;
    return { code, nameZh: known?.nameZh ?? code, nameEn: known?.nameEn ?? code, kind: known?.kind ?? "mean" };
  });
  return { indicators, dimensions, columns };
}

type Measured = { start: EffectSnapshot; later: Map<number, EffectSnapshot> };

/**
 * Each playbook's average effect across the organisation's checklists (cancelled ones left out):
 * for 7, 14 and 30 days, the mean change of the overall score and of each targeted indicator
 * since the start, over the checklists measured at that checkpoint. Read from recorded
 * checkpoints only, so it shows exactly what the checklists' panels show. With `visibleTo`, only
 * the checklists that member may see count (a member limited to some shops learns nothing of others).
 */
export async function playbookEffects(tx: Tx, orgId: string, visibleTo?: OrgScope): Promise<PlaybookEffect[]> {
  const rows = await tx
    .select({
      checklistId: checklists.id,
      playbookCode: checklists.playbookCode,
      playbook: checklists.playbook,
      createdAt: checklists.createdAt,
      offsetDays: checklistCheckpoints.offsetDays,
      snapshot: checklistCheckpoints.snapshot,
    })
    .from(checklists)
    .leftJoin(checklistCheckpoints, and(eq(checklistCheckpoints.orgId, checklists.orgId), eq(checklistCheckpoints.checklistId, checklists.id)))
    .where(and(eq(checklists.orgId, orgId), ne(checklists.status, "cancelled"), visibleTo ? visibleChecklists(visibleTo) : undefined))
    .orderBy(asc(checklists.createdAt));
  const playbooks = new Map<string, { definition: PlaybookDefinition; checklists: Set<string>; measured: Map<string, Measured> }>();
  const partial = new Map<string, { start?: EffectSnapshot; later: Map<number, EffectSnapshot> }>();
  for (const row of rows) {
    const entry = playbooks.get(row.playbookCode) ?? { definition: row.playbook, checklists: new Set<string>(), measured: new Map<string, Measured>() };
    // The newest applied version names the playbook.
    entry.definition = row.playbook;
    entry.checklists.add(row.checklistId);
    playbooks.set(row.playbookCode, entry);
    if (!row.snapshot || row.offsetDays === null) continue;
    const p = partial.get(row.checklistId) ?? { later: new Map<number, EffectSnapshot>() };
    if (row.offsetDays === 0) p.start = row.snapshot;
    else p.later.set(row.offsetDays, row.snapshot);
    partial.set(row.checklistId, p);
    const start = p.start;
    if (start) entry.measured.set(row.checklistId, { start, later: p.later });
  }
  return [...playbooks].map(([playbookCode, entry]) => {
    const at = {} as PlaybookEffect["at"];
    for (const offset of ["7", "14", "30"] as const) {
      const measured = [...entry.measured.values()].flatMap((m) => {
        const later = m.later.get(Number(offset));
        return later ? [{ start: m.start, later }] : [];
      });
      const indicators: Record<string, number | null> = {};
      for (const code of entry.definition.indicators) {
        indicators[code] = mean(measured.flatMap((m) => changeOf(m.start.indicators[code]?.value, m.later.indicators[code]?.value) ?? []));
      }
      at[offset] = { measured: measured.length, overall: mean(measured.flatMap((m) => changeOf(m.start.overall, m.later.overall) ?? [])), indicators };
    }
    return { playbookCode, titleZh: entry.definition.titleZh, titleEn: entry.definition.titleEn, checklists: entry.checklists.size, at };
  });
}
