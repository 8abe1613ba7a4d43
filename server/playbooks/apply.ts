import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { checklistItems, checklists } from "@/db/schema";
import type { Message } from "@/lib/contracts/message";
import type { AppliedChecklist, ApplyPlaybookInput, PlaybookEntry } from "@/lib/contracts/playbook-library";
import { occurrenceDueDay } from "@/server/checklists/schedule";
import { getEntity } from "@/server/entities/queries";
import { audit } from "@/server/lib/audit";
import { badInput, conflict, notFound } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { todayInShanghai } from "@/server/lib/time";
import { memberMaySeeEntity } from "@/server/members/entity-access";
import { latestSnapshot } from "@/server/scoring/store/snapshots";
import { activePlaybooks } from "./library";
import { evaluatePlaybook, triggerInputs } from "./suggest";

async function applicablePlaybook(tx: Tx, orgId: string, code: string): Promise<PlaybookEntry> {
  const entry = (await activePlaybooks(tx, orgId)).find((p) => p.code === code);
  if (!entry) throw notFound("playbookNotFound");
  return entry;
}

/**
 * Applies a playbook to a shop or creator account, by hand or from a suggestion: one checklist
 * (the definition frozen as it is now, starting on the scored day) and occurrence 1 of every step,
 * due by the calendar the recurrence job also follows (occurrenceDueDay). The recurrence job makes
 * the later occurrences and the effect job records the checkpoints; neither happens here.
 * From a suggestion, the reason the playbook's trigger gives on that day is stored with it.
 * The demo seed calls this too, so its applied playbooks are made exactly as a user's.
 */
export async function applyPlaybook(tx: Tx, scope: OrgScope, input: ApplyPlaybookInput): Promise<AppliedChecklist> {
  const entity = await getEntity(tx, scope, input.kind, input.id);
  const entry = await applicablePlaybook(tx, scope.orgId, input.playbook);
  const definition = entry.definition;
  if (!definition.entityKinds.includes(input.kind)) throw badInput("playbookWrongKind", "playbook");
  const startDay = input.day ?? (await latestSnapshot(tx, scope.orgId, input.kind, entity.id, entity.ruleSet))?.day ?? todayInShanghai();
  const dueDay = input.dueDay ?? null;
  if (dueDay !== null && dueDay < startDay) throw badInput("checklistDueBeforeStart", "dueDay", { day: startDay });
  if (input.assigneeUserId && !(await memberMaySeeEntity(tx, scope.orgId, input.assigneeUserId, input.kind, entity.id))) {
    throw badInput("assigneeNoAccess", "assigneeUserId");
  }
  const [running] = await tx
    .select({ id: checklists.id })
    .from(checklists)
    .where(and(eq(checklists.orgId, scope.orgId), eq(checklists.entityKind, input.kind), eq(checklists.entityId, entity.id), eq(checklists.playbookCode, entry.code), eq(checklists.status, "open")));
  if (running) throw conflict("playbookAlreadyRunning", "playbook");

  let reason: Message | null = null;
  if (input.fromSuggestion) {
    const inputs = await triggerInputs(tx, scope, input.kind, entity.id, startDay);
    reason = inputs ? ((await evaluatePlaybook(tx, scope, inputs, entry))?.reason ?? null) : null;
  }
  const [checklist] = await tx
    .insert(checklists)
    .values({
      orgId: scope.orgId,
      entityKind: input.kind,
      entityId: entity.id,
      playbookCode: entry.code,
      playbookVersion: entry.version,
      playbook: definition,
      reason,
      startDay,
      dueDay,
      appliedBy: scope.userId,
    })
    .returning({ id: checklists.id });
  if (!checklist) throw new Error("checklist insert returned no row");
  await tx.insert(checklistItems).values(
    definition.steps.map((step, position) => ({
      orgId: scope.orgId,
      checklistId: checklist.id,
      stepKey: step.key,
      position,
      occurrence: 1,
      textZh: step.textZh,
      textEn: step.textEn,
      cadence: step.cadence,
      ownerRole: step.ownerRole,
      evidenceKind: step.evidence,
      assigneeUserId: input.assigneeUserId ?? null,
      dueDay: occurrenceDueDay(step.cadence, startDay, 1, dueDay),
    })),
  );
  await audit(tx, {
    orgId: scope.orgId,
    actorUserId: scope.userId,
    action: "checklist.apply",
    target: checklist.id,
    data: { kind: input.kind, entityId: entity.id, playbook: entry.code, version: entry.version, startDay, fromSuggestion: input.fromSuggestion === true },
  });
  return { checklistId: checklist.id, startDay, items: definition.steps.length };
}
