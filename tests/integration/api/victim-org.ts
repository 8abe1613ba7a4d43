import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import type { DbHandle } from "@/db/client";
import { and, asc, eq } from "drizzle-orm";
import { alertDeliveries, alertStates, checklistCheckpoints, checklistEvidenceFiles, checklistItems, directoryCardDays, factExemptions, importRowChanges, importRowErrors, notifications, penaltyTypeOverrides, reasonCategoryOverrides, reviews, rollupDirty } from "@/db/schema";
import { reviewFactKey } from "@/lib/contracts/queues";
import { withTenant } from "@/server/db/tenant";
import { generateShopFacts } from "@/server/demo/generate-facts";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { saveUpload } from "@/server/imports/uploads";
import { acceptInvitation } from "@/server/invitations/service";
import { rescoreOrganisation } from "@/server/scoring/rescore";
import { scoreShopsUnderCurrentRules } from "@/server/scoring/current/service";
import { deliverDigest } from "@/server/digest/deliver";
import { startFakePlatform } from "@/server/sync/fake-platform/server";
import { runShopSync } from "@/server/sync/run";
import { systemScope } from "@/server/lib/scope";
import { createUser, findUserById } from "@/server/users/service";
import { ownerWithOrg } from "../../helpers/callers";
import { currentDouyinExport, DOUYIN_EXPORTS_DIR } from "../../helpers/sample-paths";
import { CREATOR_ORDERS_FIXTURE } from "../../../scripts/fixtures/generate-creator-orders";

const FIXTURES = path.join(DOUYIN_EXPORTS_DIR, "s002");
const SCORED_DAY = "2026-05-12";

export type Victim = Awaited<ReturnType<typeof victimOrganisation>>;

/**
 * An organisation that owns a real row of every kind a tenant can have: shops and creator
 * accounts with facts and scores, a limited member with shop grants, a pending invitation, an
 * import (with its rows), a mapping template, a waiting upload and a weight override. The sweep
 * aims at these ids, so a guard that let a foreign caller reach them would be seen.
 */
export async function victimOrganisation(handle: DbHandle) {
  const owner = await ownerWithOrg(handle, "victim");
  const { caller, org } = owner;
  const orgId = org.orgId;
  const shop = await caller.shops.create({ name: "受害店 VictimShop", category: "服饰内衣", externalId: "s002", alias: "受害别名 VictimAlias", ownerUserId: owner.user.id });
  const creator = await caller.creators.create({ name: "受害达人 VictimCreator", category: "服饰内衣", externalId: "victim-author" });
  await withTenant(handle, { orgId }, (tx) =>
    insertShopFacts(tx, orgId, shop.id, generateShopFacts({ seed: 11, keyPrefix: "victim", firstDay: "2026-04-01", days: 40, ordersPerDay: 2, authorIds: ["victim-author"] })),
  );
  await rescoreOrganisation(handle, orgId, SCORED_DAY);
  // The current rules' value cache (what other organisations' cohorts read) holds the victim's shop too.
  await scoreShopsUnderCurrentRules(handle, { orgId, ruleSetName: "douyin-shop-2026-07", day: SCORED_DAY });

  const memberUser = await createUser(handle, { email: `victim-member-${Date.now()}@example.test`, password: "correct horse battery", name: "受害成员 VictimMember" });
  const memberInvite = await caller.members.invite({ role: "analyst", shopIds: [shop.id] });
  await acceptInvitation(handle, { token: memberInvite.token, userId: memberUser.id });
  const invitation = await caller.members.invite({ role: "viewer", email: "victim-invitee@example.test", shopIds: [shop.id] });

  const upload = (fileName: string) => saveUpload({ orgId, userId: owner.user.id, fileName, stream: fs.createReadStream(path.join(FIXTURES, "orders.csv")) });
  const imported = await caller.imports.confirm({ uploadId: (await upload("victim-imported-orders.csv")).uploadId, shopId: shop.id, kind: "orders" });
  // No procedure writes these, and a clean file leaves them empty: written here so every tenant table has a row.
  await withTenant(handle, { orgId }, async (tx) => {
    await tx.insert(importRowErrors).values({ orgId, importId: imported.importId, seq: 1, row: 7, column: "paid_at", reason: "errors.import.badDate", raw: { paid_at: "victim-bad-date" } });
    await tx.insert(importRowChanges).values({ orgId, importId: imported.importId, rowKey: "victim-000001", shopId: shop.id, op: "update", key: { order_id: "victim-000001" }, before: { status: "paid" } });
    await tx.insert(reasonCategoryOverrides).values({ orgId, reason: "受害原因 victim-reason", category: "quality" });
    await tx.insert(penaltyTypeOverrides).values({ orgId, label: "受害违规 victim-penalty", type: "fake_orders" });
  });
  // The current rules' kinds (飞鸽会话明细, 运单时效明细 …), uploaded like any export.
  for (const kind of ["chat_turns", "waybills", "help_requests", "penalties", "shop_services"] as const) {
    const file = await saveUpload({ orgId, userId: owner.user.id, fileName: `victim-${kind}.csv`, stream: fs.createReadStream(currentDouyinExport("s001", kind)) });
    await caller.imports.confirm({ uploadId: file.uploadId, shopId: shop.id, kind });
  }
  // The creator account's own 达人订单 export (creator_orders, and an import owned by the creator).
  const creatorUpload = await saveUpload({ orgId, userId: owner.user.id, fileName: "victim-creator-orders.csv", stream: fs.createReadStream(CREATOR_ORDERS_FIXTURE) });
  const creatorImported = await caller.imports.confirm({ uploadId: creatorUpload.uploadId, creatorId: creator.id, kind: "creator_orders" });
  // The platform's own scores of the shop from a file (the synced one comes below).
  const platformScoresFile = await saveUpload({ orgId, userId: owner.user.id, fileName: "victim-platform-scores.csv", stream: Readable.from([Buffer.from("date,metric,value,score\n2026-05-11,overall,,87.25\n2026-05-11,product_rating,4.81,100\n")]) });
  await caller.platformScores.import({ shopId: shop.id, uploadId: platformScoresFile.uploadId });
  const waiting = await upload("victim-waiting-orders.csv");
  await caller.voc.saveDictionary({ entries: [{ problemType: "quality", terms: ["受害词victim-term"] }] });
  const template = await caller.imports.saveTemplate({ kind: "orders", name: "受害模板 VictimTemplate", mapping: { order_id: "子订单编号" } });
  // Connected to the platform's open API (a local fake), with one sync run behind it: credentials,
  // cursors, the run and the platform-reported score are the victim's too.
  process.env.KOUBEI_SECRET_KEY ??= "test-sync-secret-key";
  const platform = await startFakePlatform({ seed: 7, shops: 1 });
  let syncRunId = "";
  try {
    const platformShopId = platform.shops[0]?.shopId ?? "";
    await caller.sync.connect({ shopId: shop.id, baseUrl: platform.baseUrl, appKey: platform.appKey, appSecret: platform.appSecret, platformShopId });
    syncRunId = (await runShopSync(handle, systemScope(orgId), shop.id, { trigger: "cli" })).runId ?? "";
  } finally {
    await platform.close();
  }
  const shopNote = await caller.shops.addAnnotation({ entityId: shop.id, day: "2026-04-20", text: "受害备注 victim-note" });
  const creatorNote = await caller.creators.addAnnotation({ entityId: creator.id, day: "2026-04-21", text: "受害达人备注 victim-creator-note" });
  // The directory: a card of its own (public by design, so of a shop whose name is not a secret; the
  // entity's ids are), a shortlist holding it, a saved search (whose silent first match leaves a hit)
  // and a notification.
  const listedShop = await caller.shops.create({ name: "公开店 ListedShop", category: "美妆", externalId: "victim-listed" });
  const card = await caller.directory.list({ kind: "shop", id: listedShop.id, fields: ["overall", "category"], contact: "victim-hidden-contact" });
  await withTenant(handle, { orgId }, (tx) => tx.insert(directoryCardDays).values({ orgId, cardId: card.cardId, day: SCORED_DAY, overall: 4.7 }));
  const shortlist = await caller.directory.createShortlist({ name: "受害候选 VictimShortlist" });
  await caller.directory.addToShortlist({ shortlistId: shortlist.id, cardId: card.cardId, note: "victim-note" });
  const savedSearch = await caller.directory.saveSearch({ name: "受害搜索 VictimSearch", filter: {}, bar: { minScore: 4.6 } });
  const [notification] = await withTenant(handle, { orgId }, (tx) =>
    tx.insert(notifications).values({ orgId, userId: owner.user.id, kind: "directory.match", messageKey: "notifications.directoryMatch", params: { search: "victim-notified" } }).returning(),
  );
  // The playbook library: a copy of a built-in (renamed, so its code is the victim's secret) applied
  // to the shop as a checklist, whose items come with it.
  const playbook = await caller.playbooks.copy({ code: "logistics.carrier-record", newCode: `victim.carrier-${Date.now().toString(36)}` });
  const checklist = await caller.playbooks.applyToEntity({ kind: "shop", id: shop.id, playbook: playbook.code, day: SCORED_DAY, assigneeUserId: owner.user.id });
  // An organisation-wide notification (what the public API lists as alerts) and an API key.
  await withTenant(handle, { orgId }, (tx) =>
    tx.insert(notifications).values({ orgId, userId: null, kind: "directory.match", messageKey: "notifications.directoryMatch", params: { search: "victim-alerted" } }),
  );
  const apiKey = await caller.apiKeys.create({ name: "受害密钥 VictimKey", scope: "write" });
  await caller.scores.setDimensionWeights({ ruleSet: "douyin-shop-v1", category: "美妆", weights: { product: 0.5, logistics: 0.25, service: 0.25 } });
  // Its own cut-offs and weights under the 100-point rules, and a calibration run (inline without a queue; too few snapshots to fit).
  await caller.parameters.save({ ruleSet: "douyin-shop-2026-07", category: "美妆", indicators: { delivery_ontime_rate: { cutoffs: [0.99, 0.97, 0.95, 0.92, 0.85], weight: null } } });
  const calibration = await caller.calibration.start({ ruleSet: "douyin-shop-2026-07", category: "美妆" });
  // Alerts: an endpoint (never called here), a rule on the shop sending to it, its state and a logged delivery, the owner's choices.
  const alertEndpoint = await caller.alerts.createEndpoint({ name: "受害接收端 VictimEndpoint", channel: "webhook", target: "http://127.0.0.1:9/victim-hook" });
  const alertRule = await caller.alerts.createRule({ name: "受害预警 VictimRule", rule: "overall<4.6", entity: { kind: "shop", id: shop.id }, endpointIds: [alertEndpoint.endpoint.id] });
  await caller.alerts.savePreferences({ inApp: true, email: true, mutedRuleIds: [alertRule.id], feishuMention: "victim-mention", wecomMention: null, dingtalkMention: null });
  await withTenant(handle, { orgId }, async (tx) => {
    await tx.insert(alertStates).values({ orgId, ruleId: alertRule.id, entityKind: "shop", entityId: shop.id, active: true, value: 4.2, day: SCORED_DAY, firedAt: new Date() });
    await tx.insert(alertDeliveries).values({ orgId, ruleId: alertRule.id, endpointId: alertEndpoint.endpoint.id, channel: "webhook", entityKind: "shop", entityId: shop.id, day: SCORED_DAY, payload: { note: "victim-delivery" }, status: "failed", attempts: 5, httpStatus: 500, error: "victim-error" });
  });
  // The applied checklist's first item: assigned, commented on, with an evidence file and a recorded start checkpoint.
  const [checklistItem] = await withTenant(handle, { orgId }, (tx) =>
    tx.select({ id: checklistItems.id }).from(checklistItems).where(eq(checklistItems.checklistId, checklist.checklistId)).orderBy(checklistItems.position).limit(1),
  );
  const checklistItemId = checklistItem?.id ?? "";
  await caller.checklists.assign({ itemId: checklistItemId, assigneeUserId: memberUser.id });
  await caller.checklists.comment({ itemId: checklistItemId, body: "受害评论 victim-comment" });
  const [evidenceFile] = await withTenant(handle, { orgId }, async (tx) => {
    // Applying on a scored day may have recorded the start already; either way the table has the victim's row.
    await tx.insert(checklistCheckpoints).values({ orgId, checklistId: checklist.checklistId, offsetDays: 0, day: SCORED_DAY, snapshot: { day: SCORED_DAY, overall: 4.61, dimensions: {}, indicators: {} } }).onConflictDoNothing();
    return tx
      .insert(checklistEvidenceFiles)
      .values({ orgId, itemId: checklistItemId, fileName: "victim-evidence.txt", contentType: "text/plain", byteSize: 15, content: new TextEncoder().encode("victim-evidence"), uploadedBy: owner.user.id })
      .returning();
  });
  // The daily queues: a handled bad review, an own reply template, a pending appeal, an exempt fact and a problem-log entry.
  const [ledgerReview, appealedReview] = await withTenant(handle, { orgId }, (tx) =>
    tx.select({ orderId: reviews.orderId, reviewedAt: reviews.reviewedAt }).from(reviews).where(and(eq(reviews.orgId, orgId), eq(reviews.shopId, shop.id))).orderBy(asc(reviews.reviewedAt)).limit(2),
  );
  if (!ledgerReview || !appealedReview) throw new Error("the victim shop has no reviews");
  const reviewRef = { orderId: ledgerReview.orderId, reviewedAt: ledgerReview.reviewedAt.toISOString() };
  await caller.queues.updateReview({ shopId: shop.id, ...reviewRef, status: "contacted", ownerUserId: owner.user.id, note: "受害台账 victim-ledger-note" });
  const replyTemplate = await caller.queues.saveTemplate({ locale: "zh-CN", title: "受害模板回复 VictimReply", body: "victim-reply-body" });
  const appealFactKey = reviewFactKey(appealedReview.orderId, appealedReview.reviewedAt);
  const appeal = await caller.queues.createAppeal({ shopId: shop.id, subject: "review", factKey: appealFactKey, reason: "victim-appeal-reason", evidenceUrl: "https://victim.example.test/evidence" });
  // An exemption is written by an upheld appeal (which rescores); here directly, so the appeal stays pending for the sweep to aim at.
  await withTenant(handle, { orgId }, (tx) => tx.insert(factExemptions).values({ orgId, shopId: shop.id, factKind: "order", factKey: ledgerReview.orderId, appealId: appeal.id }));
  const problem = await caller.queues.saveProblem({ shopId: shop.id, problemType: "size", cases: 7, owningTeam: "victim-team", fix: "victim-fix", factRefs: [`order:${ledgerReview.orderId}`] });
  // Goals on both kinds, the owner's digest choice, and one delivered brief (its run and delivery rows).
  const shopGoal = await caller.shops.createGoal({ entityId: shop.id, target: { metric: "overall" }, value: 4.8, dueDay: "2099-01-31", note: "受害目标 victim-goal-note" });
  const creatorGoal = await caller.creators.createGoal({ entityId: creator.id, target: { metric: "dimension", code: "service" }, value: 4.7, dueDay: "2099-02-28" });
  await caller.digest.setPreferences({ daily: true, weekly: false, inApp: true, email: false });
  await deliverDigest(handle, orgId, "daily", SCORED_DAY, { baseUrl: "http://koubei.test" });
  // A rescore still owed, as a queued import leaves it; written last, since every inline rescore above clears the marks.
  await withTenant(handle, { orgId }, (tx) => tx.insert(rollupDirty).values({ orgId, entityKind: "shop", entityId: shop.id, sinceDay: "2026-05-01" }));

  const sessionVersion = (await findUserById(handle, owner.user.id))?.sessionVersion ?? 1;
  return {
    orgId,
    orgName: org.name,
    owner: { id: owner.user.id, email: owner.user.email, session: { userId: owner.user.id, sessionVersion } },
    caller,
    shopId: shop.id,
    creatorId: creator.id,
    memberId: memberUser.id,
    invitationId: invitation.id,
    importId: imported.importId,
    creatorImportId: creatorImported.importId,
    /** The sync run, which is also the bundle of the imports it made. */
    syncRunId,
    uploadId: waiting.uploadId,
    templateId: template.id,
    shopAnnotationId: shopNote.id,
    creatorAnnotationId: creatorNote.id,
    listedShopId: listedShop.id,
    cardId: card.cardId,
    shortlistId: shortlist.id,
    savedSearchId: savedSearch.id,
    notificationId: notification?.id ?? "",
    alertEndpointId: alertEndpoint.endpoint.id,
    alertRuleId: alertRule.id,
    checklistItemId,
    evidenceFileId: evidenceFile?.id ?? "",
    playbookId: playbook.id ?? "",
    playbookCode: playbook.code,
    checklistId: checklist.checklistId,
    reviewRef,
    replyTemplateId: replyTemplate.id,
    appealId: appeal.id,
    appealFactKey,
    problemId: problem.id,
    apiKeyId: apiKey.key.id,
    /** The victim's own API key (the sweep checks it still serves its organisation). */
    apiKeySecret: apiKey.secret,
    shopGoalId: shopGoal.id,
    creatorGoalId: creatorGoal.id,
    calibrationRunId: calibration.id,
    /** What must never reach another organisation: every id and name above. */
    secrets: [
      orgId, org.name, owner.user.id, owner.user.email, shop.id, shop.name, "s002", creator.id, creator.name, "victim-author",
      memberUser.id, memberUser.email, memberUser.name, invitation.id, "victim-invitee@example.test", imported.importId, creatorImported.importId, "victim-creator-orders",
      syncRunId, waiting.uploadId, "victim-imported-orders", "victim-platform-scores", "victim-bad-date", "victim-reason", "victim-waiting-orders", "victim-term", "victim-penalty", template.id, template.name,
      shopNote.id, "victim-note", creatorNote.id, "victim-creator-note",
      listedShop.id, "victim-listed", "victim-hidden-contact", shortlist.id, shortlist.name, savedSearch.id, savedSearch.name, notification?.id ?? "-", "victim-notified",
      "受害别名 VictimAlias",
      alertEndpoint.endpoint.id, "VictimEndpoint", "victim-hook", alertRule.id, "VictimRule", "victim-mention", "victim-delivery", "victim-error",
      checklistItemId, evidenceFile?.id ?? "-",
      "受害别名 VictimAlias", playbook.id ?? "-", playbook.code, checklist.checklistId, "victim-comment", "victim-evidence",
      replyTemplate.id, "victim-ledger-note", "VictimReply", "victim-reply-body", appeal.id, "victim-appeal-reason", "victim.example.test", problem.id, "victim-team", "victim-fix",
      "受害别名 VictimAlias", "victim-alerted", apiKey.key.id, apiKey.key.name, apiKey.secret, apiKey.key.prefix,
      shopGoal.id, creatorGoal.id, "victim-goal-note", calibration.id,
    ],
  };
}
