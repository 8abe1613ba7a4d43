import fs from "node:fs";
import path from "node:path";
import type { DbHandle } from "@/db/client";
import { directoryCardDays, importRowChanges, importRowErrors, notifications, reasonCategoryOverrides, rollupDirty } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { generateShopFacts } from "@/server/demo/generate-facts";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { saveUpload } from "@/server/imports/uploads";
import { acceptInvitation } from "@/server/invitations/service";
import { rescoreOrganisation } from "@/server/scoring/rescore";
import { deliverDigest } from "@/server/digest/deliver";
import { startFakePlatform } from "@/server/sync/fake-platform/server";
import { runShopSync } from "@/server/sync/run";
import { systemScope } from "@/server/lib/scope";
import { createUser, findUserById } from "@/server/users/service";
import { ownerWithOrg } from "../../helpers/callers";
import { DOUYIN_EXPORTS_DIR } from "../../helpers/sample-paths";
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
  });
  // The creator account's own 达人订单 export (creator_orders, and an import owned by the creator).
  const creatorUpload = await saveUpload({ orgId, userId: owner.user.id, fileName: "victim-creator-orders.csv", stream: fs.createReadStream(CREATOR_ORDERS_FIXTURE) });
  const creatorImported = await caller.imports.confirm({ uploadId: creatorUpload.uploadId, creatorId: creator.id, kind: "creator_orders" });
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
  await caller.scores.setDimensionWeights({ ruleSet: "douyin-shop-v1", category: "美妆", weights: { product: 0.5, logistics: 0.25, service: 0.25 } });
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
    shopGoalId: shopGoal.id,
    creatorGoalId: creatorGoal.id,
    /** What must never reach another organisation: every id and name above. */
    secrets: [
      orgId, org.name, owner.user.id, owner.user.email, shop.id, shop.name, "s002", creator.id, creator.name, "victim-author",
      memberUser.id, memberUser.email, memberUser.name, invitation.id, "victim-invitee@example.test", imported.importId, creatorImported.importId, "victim-creator-orders",
      syncRunId, waiting.uploadId, "victim-imported-orders", "victim-bad-date", "victim-reason", "victim-waiting-orders", "victim-term", template.id, template.name,
      shopNote.id, "victim-note", creatorNote.id, "victim-creator-note",
      listedShop.id, "victim-listed", "victim-hidden-contact", shortlist.id, shortlist.name, savedSearch.id, savedSearch.name, notification?.id ?? "-", "victim-notified",
      "受害别名 VictimAlias",
      shopGoal.id, creatorGoal.id, "victim-goal-note",
    ],
  };
}
