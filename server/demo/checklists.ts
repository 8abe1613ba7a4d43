import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { checklistItems, checklists } from "@/db/schema";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import type { Message } from "@/lib/contracts/message";
import type { PlaybookDefinition } from "@/lib/contracts/playbooks";
import { addComment, assignItem, setItemStatus } from "@/server/checklists/items";
import { createDueOccurrences } from "@/server/checklists/recurrence";
import { occurrenceDueDay } from "@/server/checklists/schedule";
import type { OrgScope } from "@/server/lib/scope";
import { addDays, type Day } from "@/server/lib/time";

/**
 * The demo's applied playbooks: a few weeks of checklist history so a newcomer sees the whole loop
 * (assigned items, done with evidence, some overdue, recurring occurrences; the effect checkpoints
 * are recorded by the rescore that follows the seed). These short definitions are the demo's own,
 * not the built-in library's: their steps take notes and links as evidence, so weeks of seeded
 * work can be completed without files. The built-in library shows itself through the suggestions
 * on the demo's slow shipper (server/demo/playbooks.ts).
 */
type Step = PlaybookDefinition["steps"][number];
const step = (fields: Omit<Step, "ownerRole">): Step => ({ ...fields, ownerRole: "analyst" });

const base = { version: 1, descriptionZh: "", descriptionEn: "", entityKinds: ["shop" as const], ruleSets: [], triggers: [] };

export const DEMO_PLAYBOOKS: PlaybookDefinition[] = [
  {
    ...base,
    code: "demo.logistics-delivery",
    titleZh: "缩短物流到货时长",
    titleEn: "Shorten delivery time",
    dimension: "logistics",
    indicators: ["avg_delivery_hours", "logistics_good_review_rate"],
    steps: [
      step({ key: "carriers", textZh: "按揽收与到货记录重选快递并签订时效约定", textEn: "Choose carriers by pickup and delivery record and agree on delivery times", cadence: "once", evidence: "note" }),
      step({ key: "daily-shipping", textZh: "每日检查发货及快递单号上传", textEn: "Daily check of shipping and tracking-number upload", cadence: "daily", evidence: "none" }),
      step({ key: "chase", textZh: "每周追踪所有未送达包裹", textEn: "Chase every undelivered parcel weekly", cadence: "weekly", evidence: "note" }),
    ],
  },
  {
    ...base,
    code: "demo.service-reply",
    titleZh: "3 分钟回复率提升",
    titleEn: "Raise the 3-minute reply rate",
    dimension: "service",
    indicators: ["im_3min_reply_rate", "service_good_review_rate"],
    steps: [
      step({ key: "autoreply", textZh: "高峰时段设置自动回复", textEn: "Auto-replies at peak hours", cadence: "once", evidence: "link" }),
      step({ key: "rota", textZh: "排定每位客服的 3 分钟回复值班表", textEn: "A 3-minute reply rota per agent", cadence: "weekly", evidence: "note" }),
      step({ key: "callback", textZh: "当天回访不满意买家", textEn: "Same-day call-back of dissatisfied buyers", cadence: "daily", evidence: "none" }),
    ],
  },
  {
    ...base,
    code: "demo.product-returns",
    titleZh: "降低品质退货率",
    titleEn: "Lower the quality-return rate",
    dimension: "product",
    indicators: ["quality_return_rate", "good_review_rate"],
    entityKinds: ["shop", "creator"],
    steps: [
      step({ key: "sizechart", textZh: "补充尺码表并核对商品图片与描述", textEn: "Add size charts and match pictures and descriptions to the item", cadence: "once", evidence: "note" }),
      step({ key: "sample", textZh: "到货抽检不少于 5%", textEn: "Sample at least 5% of incoming stock", cadence: "weekly", evidence: "note" }),
    ],
  },
];

async function applyDemoDefinition(tx: Tx, scope: OrgScope, definition: PlaybookDefinition, target: { kind: EntityKind; id: string; startDay: Day; reason: Message | null }) {
  const [checklist] = await tx
    .insert(checklists)
    .values({
      orgId: scope.orgId,
      entityKind: target.kind,
      entityId: target.id,
      playbookCode: definition.code,
      playbookVersion: definition.version,
      playbook: definition,
      reason: target.reason,
      startDay: target.startDay,
      appliedBy: scope.userId,
    })
    .returning();
  if (!checklist) throw new Error("insert returned no checklist");
  await tx.insert(checklistItems).values(
    definition.steps.map((s, position) => ({
      orgId: scope.orgId,
      checklistId: checklist.id,
      stepKey: s.key,
      position,
      textZh: s.textZh,
      textEn: s.textEn,
      cadence: s.cadence,
      ownerRole: s.ownerRole,
      evidenceKind: s.evidence,
      dueDay: occurrenceDueDay(s.cadence, target.startDay, 1, null),
    })),
  );
  return checklist;
}

const NOTES: Record<string, string> = {
  carriers: "改用中通+顺丰：近 30 天揽收及时率 97%，约定 48 小时到货。",
  chase: "追踪 6 个未送达包裹，4 个已签收，2 个补发。",
  rota: "早班小周、晚班小林，高峰时段双人值守。",
  sizechart: "5 款连衣裙补充尺码表，主图替换为实拍。",
  sample: "本周到货 420 件，抽检 25 件，发现 1 件线头问题已退回供应商。",
};

/** Works through a checklist's history: items due before `doneBefore` are done (with their evidence) by the assignee, later ones stay open. */
async function workThrough(tx: Tx, scope: OrgScope, checklistId: string, assigneeUserId: string, doneBefore: Day) {
  const items = await tx
    .select()
    .from(checklistItems)
    .where(and(eq(checklistItems.orgId, scope.orgId), eq(checklistItems.checklistId, checklistId)));
  for (const item of items) {
    await assignItem(tx, scope, { itemId: item.id, assigneeUserId });
    if (!item.dueDay || item.dueDay >= doneBefore) continue;
    // Every fourth daily check was missed: the history shows gaps, not a perfect record.
    if (item.cadence === "daily" && item.occurrence % 4 === 0) continue;
    await setItemStatus(tx, scope, {
      itemId: item.id,
      status: "done",
      ...(item.evidenceKind === "note" ? { evidenceNote: NOTES[item.stepKey] ?? "已完成。" } : {}),
      ...(item.evidenceKind === "link" ? { evidenceUrl: "https://fxg.jinritemai.com/ffa/mshop/auto-reply" } : {}),
    });
    if (item.stepKey === "chase" && item.occurrence === 1) await addComment(tx, scope, { itemId: item.id, body: "有 2 个包裹卡在中转站，已联系快递加急。" });
  }
}

/**
 * Applies the demo playbooks to the first shops and creator account: one started five weeks ago
 * (all four checkpoints come due), one ten days ago (two still pending), one three days ago.
 */
export async function seedDemoChecklists(
  tx: Tx,
  scope: OrgScope,
  input: { shopIds: string[]; creatorId: string | null; ownerUserId: string; colleagueUserId: string; today: Day },
): Promise<void> {
  const [logistics, service, product] = DEMO_PLAYBOOKS;
  const [firstShop, secondShop, thirdShop] = input.shopIds;
  const plans: { definition: PlaybookDefinition | undefined; kind: EntityKind; id: string | null | undefined; daysAgo: number; assignee: string; reason: Message | null }[] = [
    {
      definition: logistics,
      kind: "shop",
      id: firstShop,
      daysAgo: 35,
      assignee: input.colleagueUserId,
      // Applied by hand: a suggestion's reason comes from the trigger that fired (the playbooks library).
      reason: null,
    },
    { definition: service, kind: "shop", id: secondShop, daysAgo: 10, assignee: input.ownerUserId, reason: null },
    // Creator accounts run playbooks too.
    { definition: product, kind: input.creatorId ? "creator" : "shop", id: input.creatorId ?? thirdShop, daysAgo: 3, assignee: input.colleagueUserId, reason: null },
  ];
  const applied: { id: string; assignee: string }[] = [];
  for (const plan of plans) {
    if (!plan.definition || !plan.id) continue;
    const checklist = await applyDemoDefinition(tx, scope, plan.definition, { kind: plan.kind, id: plan.id, startDay: addDays(input.today, -plan.daysAgo), reason: plan.reason });
    applied.push({ id: checklist.id, assignee: plan.assignee });
  }
  // Occurrence 1 was made at apply time; the recurrence job makes the ones since, as if it had run daily.
  await createDueOccurrences(tx, scope.orgId, input.today);
  // Done up to three days ago: yesterday's and the day before's work is still open, some of it overdue.
  for (const { id, assignee } of applied) await workThrough(tx, scope, id, assignee, addDays(input.today, -2));
}
