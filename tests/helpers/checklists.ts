import type { DbHandle } from "@/db/client";
import { checklistItems, checklists } from "@/db/schema";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import type { Message } from "@/lib/contracts/message";
import type { PlaybookDefinition } from "@/lib/contracts/playbooks";
import { occurrenceDueDay } from "@/server/checklists/schedule";
import { withTenant } from "@/server/db/tenant";

/**
 * A checklist as applying a playbook leaves it: the frozen definition and occurrence 1 of every
 * step. Written straight into the tables until the playbooks branch's applyPlaybook is merged;
 * then this helper should call it instead.
 */
export async function insertChecklist(
  handle: DbHandle,
  input: { orgId: string; entityKind: EntityKind; entityId: string; definition: PlaybookDefinition; startDay: string; dueDay?: string | null; reason?: Message | null; appliedBy?: string | null },
) {
  return withTenant(handle, { orgId: input.orgId }, async (tx) => {
    const [checklist] = await tx
      .insert(checklists)
      .values({
        orgId: input.orgId,
        entityKind: input.entityKind,
        entityId: input.entityId,
        playbookCode: input.definition.code,
        playbookVersion: input.definition.version,
        playbook: input.definition,
        reason: input.reason ?? null,
        startDay: input.startDay,
        dueDay: input.dueDay ?? null,
        appliedBy: input.appliedBy ?? null,
      })
      .returning();
    if (!checklist) throw new Error("insert returned no checklist");
    const items = await tx
      .insert(checklistItems)
      .values(
        input.definition.steps.map((step, position) => ({
          orgId: input.orgId,
          checklistId: checklist.id,
          stepKey: step.key,
          position,
          occurrence: 1,
          textZh: step.textZh,
          textEn: step.textEn,
          cadence: step.cadence,
          ownerRole: step.ownerRole,
          evidenceKind: step.evidence,
          dueDay: occurrenceDueDay(step.cadence, input.startDay, 1, input.dueDay ?? null),
        })),
      )
      .returning();
    return { checklist, items, itemOf: (stepKey: string) => items.find((i) => i.stepKey === stepKey) ?? raise(stepKey) };
  });
}

function raise(stepKey: string): never {
  throw new Error(`no item for step ${stepKey}`);
}

/** A small logistics playbook: one step of each cadence and each kind of evidence. */
export const LOGISTICS_PLAYBOOK: PlaybookDefinition = {
  code: "test.logistics-pickup",
  version: 1,
  titleZh: "揽收提速",
  titleEn: "Faster pickup",
  descriptionZh: "测试用",
  descriptionEn: "For tests",
  dimension: "logistics",
  indicators: ["avg_delivery_hours", "logistics_good_review_rate"],
  entityKinds: ["shop", "creator"],
  ruleSets: [],
  triggers: [],
  steps: [
    { key: "carrier", textZh: "按揽收记录选择快递", textEn: "Choose carriers by pickup record", cadence: "once", ownerRole: "analyst", evidence: "note" },
    { key: "daily-check", textZh: "每日检查发货与单号上传", textEn: "Daily check of shipping and tracking upload", cadence: "daily", ownerRole: "analyst", evidence: "none" },
    { key: "weekly-chase", textZh: "每周追踪未送达包裹", textEn: "Chase undelivered parcels weekly", cadence: "weekly", ownerRole: "analyst", evidence: "link" },
    { key: "proof", textZh: "上传快递合同", textEn: "Upload the carrier contract", cadence: "once", ownerRole: "admin", evidence: "file" },
  ],
};
