import { and, desc, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { checklistItems, checklists } from "@/db/schema";
import type { Day } from "@/server/lib/time";
import { occurrenceDueDay, occurrenceOpensDay } from "./schedule";

/** A daily step left without a run for this many days stops catching up at this many occurrences per run (the next run goes on). */
const MAX_OCCURRENCES_PER_STEP_PER_RUN = 400;

type LatestOccurrence = typeof checklistItems.$inferSelect;

/**
 * Creates the occurrences of recurring steps whose period has opened (occurrenceOpensDay ≤ today)
 * in every open checklist of the organisation, and returns how many it created.
 *
 * Catch-up: after days without a run, EVERY missed occurrence is created, not only the current
 * one, each with its own due day: a daily check nobody did stays visible as overdue instead of
 * vanishing, and the checklist's history shows what was skipped. An occurrence never opens after
 * the checklist's due day.
 *
 * Idempotent: inserts go through the unique (checklist, step, occurrence) index with ON CONFLICT
 * DO NOTHING, so a second run, or two runs at once, create nothing twice. The assignee carries
 * over from the step's previous occurrence.
 */
export async function createDueOccurrences(tx: Tx, orgId: string, today: Day): Promise<number> {
  const open = await tx
    .select()
    .from(checklists)
    .where(and(eq(checklists.orgId, orgId), eq(checklists.status, "open")));
  if (open.length === 0) return 0;
  // The newest occurrence of every step: the one to continue from.
  const latestRows = await tx
    .selectDistinctOn([checklistItems.checklistId, checklistItems.stepKey])
    .from(checklistItems)
    .innerJoin(checklists, and(eq(checklists.orgId, checklistItems.orgId), eq(checklists.id, checklistItems.checklistId)))
    .where(and(eq(checklistItems.orgId, orgId), eq(checklists.status, "open")))
    .orderBy(checklistItems.checklistId, checklistItems.stepKey, desc(checklistItems.occurrence));
  const latest = new Map<string, LatestOccurrence>(latestRows.map((r) => [`${r.checklist_items.checklistId}/${r.checklist_items.stepKey}`, r.checklist_items]));

  const inserts: (typeof checklistItems.$inferInsert)[] = [];
  for (const checklist of open) {
    const lastOpening = checklist.dueDay && checklist.dueDay < today ? checklist.dueDay : today;
    checklist.playbook.steps.forEach((step, position) => {
      if (step.cadence === "once") return;
      const previous = latest.get(`${checklist.id}/${step.key}`);
      const from = (previous?.occurrence ?? 0) + 1;
      for (let n = from; n < from + MAX_OCCURRENCES_PER_STEP_PER_RUN; n++) {
        if (occurrenceOpensDay(step.cadence, checklist.startDay, n) > lastOpening) break;
        inserts.push({
          orgId,
          checklistId: checklist.id,
          stepKey: step.key,
          position: previous?.position ?? position,
          occurrence: n,
          textZh: previous?.textZh ?? step.textZh,
          textEn: previous?.textEn ?? step.textEn,
          cadence: step.cadence,
          ownerRole: previous?.ownerRole ?? step.ownerRole,
          evidenceKind: previous?.evidenceKind ?? step.evidence,
          assigneeUserId: previous?.assigneeUserId ?? null,
          dueDay: occurrenceDueDay(step.cadence, checklist.startDay, n, checklist.dueDay),
        });
      }
    });
  }
  let created = 0;
  for (let i = 0; i < inserts.length; i += 500) {
    const rows = await tx
      .insert(checklistItems)
      .values(inserts.slice(i, i + 500))
      .onConflictDoNothing({ target: [checklistItems.orgId, checklistItems.checklistId, checklistItems.stepKey, checklistItems.occurrence] })
      .returning({ id: checklistItems.id });
    created += rows.length;
  }
  return created;
}
