import type { Victim } from "./victim-org";

/**
 * For every procedure of the router, the inputs an attacker tries against the victim: the
 * victim's real ids wherever the procedure takes one. A procedure added to the router without a
 * case here fails the sweep, so nobody can add one and forget to ask whether it leaks.
 */
export type ProcedureCase = (victim: Victim) => unknown[];

let signUps = 0;
let playbookCodes = 0;
const noInput: ProcedureCase = () => [undefined];
const byId = (pick: (v: Victim) => string): ProcedureCase => (v) => [{ id: pick(v) }];

export const procedureCases: Record<string, ProcedureCase> = {
  // Invitation tokens are bearer secrets: holding one is meant to let you in, so none is used here.
  "auth.signUp": () => [{ email: `intruder-${++signUps}-${Date.now()}@example.test`, password: "correct horse battery", name: "intruder" }],
  "auth.me": noInput,
  "auth.describeInvitation": () => [{ token: "not-a-real-token" }],
  "auth.acceptInvitation": () => [{ token: "not-a-real-token" }],
  // Act on the caller alone: they end the attacker's own sessions (the sweep signs it in again) or ask about its own password.
  "auth.signOut": noInput,
  "auth.changePassword": () => [{ currentPassword: "not the password", newPassword: "taken over 123" }],
  // A reset mail can be asked for any address, the victim's included: the answer is the same for all and the link goes to the victim's inbox.
  "auth.requestPasswordReset": (v) => [{ email: v.owner.email }],
  "auth.resetPassword": () => [{ token: "not-a-real-token", newPassword: "taken over 123" }],
  "catalog.categories": noInput,
  "catalog.ruleSets": noInput,

  "orgs.create": () => [{ name: "intruder org", kind: "agency" }],
  "orgs.current": noInput,
  "orgs.update": () => [{}, { benchmarking: false }],
  "orgs.delete": (v) => [{ confirmName: v.orgName }],

  "members.list": noInput,
  "members.changeRole": (v) => [{ userId: v.memberId, role: "viewer" }, { userId: v.owner.id, role: "viewer" }],
  "members.remove": (v) => [{ userId: v.memberId }, { userId: v.owner.id }],
  "members.setShopGrants": (v) => [{ userId: v.memberId, limited: false, shopIds: [] }, { userId: v.memberId, limited: true, shopIds: [v.shopId] }],
  "members.invitations": noInput,
  "members.invite": (v) => [{ role: "viewer", shopIds: [v.shopId] }],
  "members.revokeInvitation": byId((v) => v.invitationId),
  "members.resetLink": (v) => [{ userId: v.memberId }, { userId: v.owner.id }],

  "shops.list": () => [{ includeArchived: true }],
  "shops.get": byId((v) => v.shopId),
  "shops.create": () => [{ name: "intruder shop", category: "beauty" }],
  "shops.update": (v) => [{ id: v.shopId, name: "taken over" }],
  "shops.setArchived": (v) => [{ id: v.shopId, archived: true }],
  "shops.addAnnotation": (v) => [{ entityId: v.shopId, day: "2026-04-22", text: "intruder note" }],
  "shops.updateAnnotation": (v) => [{ id: v.shopAnnotationId, day: "2026-04-22", text: "taken over" }],
  "shops.deleteAnnotation": byId((v) => v.shopAnnotationId),
  "shops.forecast": byId((v) => v.shopId),
  "shops.whatIf": (v) => [{ id: v.shopId, changes: [] }, { id: v.shopId, changes: [{ indicator: "good_review_rate", value: 1 }] }],
  "shops.gap": (v) => [{ id: v.shopId, target: 4.8 }],
  "shops.goals": (v) => [{ entityId: v.shopId }],
  "shops.createGoal": (v) => [{ entityId: v.shopId, target: { metric: "overall" }, value: 4.9, dueDay: "2099-12-31" }],
  "shops.updateGoal": (v) => [{ id: v.shopGoalId, value: 1, note: "taken over" }, { id: v.creatorGoalId, value: 1 }],
  "shops.deleteGoal": byId((v) => v.shopGoalId),

  "creators.list": () => [{ includeArchived: true }],
  "creators.get": byId((v) => v.creatorId),
  "creators.create": () => [{ name: "intruder creator", category: "beauty" }],
  "creators.update": (v) => [{ id: v.creatorId, name: "taken over" }],
  "creators.setArchived": (v) => [{ id: v.creatorId, archived: true }],
  "creators.addAnnotation": (v) => [{ entityId: v.creatorId, day: "2026-04-22", text: "intruder note" }],
  "creators.updateAnnotation": (v) => [{ id: v.creatorAnnotationId, day: "2026-04-22", text: "taken over" }],
  "creators.deleteAnnotation": byId((v) => v.creatorAnnotationId),
  "creators.forecast": byId((v) => v.creatorId),
  "creators.whatIf": (v) => [{ id: v.creatorId, changes: [] }, { id: v.creatorId, changes: [{ indicator: "good_review_rate", value: 1 }] }],
  "creators.gap": (v) => [{ id: v.creatorId, target: 4.8 }],
  "creators.goals": (v) => [{ entityId: v.creatorId }],
  "creators.createGoal": (v) => [{ entityId: v.creatorId, target: { metric: "overall" }, value: 4.9, dueDay: "2099-12-31" }],
  "creators.updateGoal": (v) => [{ id: v.creatorGoalId, value: 1, note: "taken over" }, { id: v.shopGoalId, value: 1 }],
  "creators.deleteGoal": byId((v) => v.creatorGoalId),
  "creators.merchants": byId((v) => v.creatorId),

  "scores.shop": (v) => [{ id: v.shopId }, { id: v.shopId, day: "2026-05-12" }],
  "scores.creator": (v) => [{ id: v.creatorId }, { id: v.creatorId, day: "2026-05-12" }],
  "scores.compareShop": (v) => [{ id: v.shopId, ruleSet: "douyin-shop-2026-07" }, { id: v.shopId, ruleSet: "tiktok-shop-sps", to: "2026-05-12", days: 35 }],
  "scores.dimensionWeights": noInput,
  "scores.setDimensionWeights": () => [{ ruleSet: "douyin-shop-v1", category: "美妆", weights: { product: 0.2, logistics: 0.4, service: 0.4 } }],
  "parameters.get": () => [{ ruleSet: "douyin-shop-2026-07", category: "美妆" }, { ruleSet: "douyin-shop-2026-09", category: "food_drink" }],
  "parameters.categories": noInput,
  "parameters.save": () => [{ ruleSet: "douyin-shop-2026-07", category: "美妆", indicators: { delivery_ontime_rate: { cutoffs: [0.5, 0.4, 0.3, 0.2, 0.1], weight: null } } }],
  "penaltyTypes.list": noInput,
  // Setting answers with the label it was given: an attacker's own label, so the answer is not mistaken for a leak.
  "penaltyTypes.set": () => [{ label: "intruder label", type: "other" }],
  // The victim's own label: from the attacker's organisation it is one that does not exist there.
  "penaltyTypes.remove": () => [{ label: "受害违规 victim-penalty" }],
  // A run started from the attacker's own organisation reads only its own snapshots (none).
  "calibration.start": () => [{ ruleSet: "douyin-shop-2026-07", category: "美妆" }],
  "calibration.get": (v) => [{ id: v.calibrationRunId }],
  "calibration.latest": () => [{ ruleSet: "douyin-shop-2026-07", category: "美妆" }],
  "calibration.adopt": (v) => [{ id: v.calibrationRunId }],

  "portfolio.page": (v) => [{}, { search: v.shopId }, { filters: { owner: v.owner.id, grantee: v.owner.id } }],

  "insight.indicatorFacts": (v) => [
    { kind: "shop", id: v.shopId, indicator: "good_review_rate" },
    { kind: "creator", id: v.creatorId, indicator: "quality_return_rate", day: "2026-05-20", show: "hurting", search: "victim" },
  ],

  "imports.preview": (v) => [{ uploadId: v.uploadId, shopId: v.shopId }, { uploadId: v.uploadId, creatorId: v.creatorId, kind: "creator_orders" }],
  "imports.confirm": (v) => [{ uploadId: v.uploadId, shopId: v.shopId, kind: "orders" }, { uploadId: v.uploadId, creatorId: v.creatorId, kind: "creator_orders" }],
  "imports.get": (v) => [{ importId: v.importId }, { importId: v.creatorImportId }],
  "imports.list": (v) => [{ shopId: v.shopId }, { creatorId: v.creatorId }, undefined, { bundleId: v.syncRunId }, { source: "sync" }],
  "imports.rejectedRows": (v) => [{ importId: v.importId }],
  "imports.undo": (v) => [{ importId: v.importId }, { importId: v.creatorImportId }],
  "imports.undoBundle": (v) => [{ bundleId: v.syncRunId }],
  "imports.templates": () => [{ kind: "orders" }],
  "imports.saveTemplate": () => [{ kind: "orders", name: "intruder template", mapping: { order_id: "x" } }],
  "imports.deleteTemplate": (v) => [{ templateId: v.templateId }],
  "imports.bulkPreview": (v) => [{ uploadId: v.uploadId }],
  "imports.bulkConfirm": (v) => [{ uploadId: v.uploadId }],

  "sync.status": (v) => [{ shopId: v.shopId }],
  "sync.connect": (v) => [{ shopId: v.shopId, baseUrl: "http://127.0.0.1:9/", appKey: "intruder", appSecret: "intruder-secret", platformShopId: "intruder-shop" }],
  "sync.setPaused": (v) => [{ shopId: v.shopId, paused: true }],
  "sync.syncNow": (v) => [{ shopId: v.shopId }],
  "sync.scoreComparison": (v) => [{ shopId: v.shopId }],
  "platformScores.import": (v) => [{ shopId: v.shopId, uploadId: v.uploadId }],
  "platformScores.comparison": (v) => [{ shopId: v.shopId }, { shopId: v.shopId, day: "2026-05-12" }],

  "voc.problems": (v) => [{ kind: "shop", id: v.shopId }, { kind: "creator", id: v.creatorId }],
  "voc.problemItems": (v) => [{ kind: "shop", id: v.shopId, problemType: "quality", month: "2026-04" }, { kind: "creator", id: v.creatorId, problemType: "other", month: "2026-04" }],
  "voc.drillDowns": (v) => [{ kind: "shop", id: v.shopId }, { kind: "creator", id: v.creatorId }],
  "voc.dictionary": noInput,
  "voc.saveDictionary": () => [{ entries: [{ problemType: "quality", terms: ["intruder-term"] }] }],
  "voc.resetDictionary": noInput,
  // The directory's cards are public by design (published fields only): the victim's own card may be
  // seen, never its entity's ids, hidden fields, shortlists, saved searches or notifications.
  "playbooks.list": () => [undefined, { includeArchived: true }, { indicator: "avg_delivery_hours" }],
  "playbooks.get": (v) => [{ code: v.playbookCode }, { code: "logistics.carrier-record" }],
  // Codes are unique per organisation: each call writes a new one, so a second call is not refused for a clash of its own making.
  "playbooks.copy": () => [{ code: "logistics.carrier-record" }, { code: "logistics.carrier-record", newCode: `intruder.copy-${++playbookCodes}` }],
  "playbooks.create": () => [{ definition: { code: `intruder.plan-${++playbookCodes}`, titleZh: "入侵", titleEn: "intruder", descriptionZh: "", descriptionEn: "", dimension: "logistics", indicators: [], entityKinds: ["shop"], ruleSets: [], triggers: [], steps: [{ key: "a", textZh: "入侵", textEn: "intruder", cadence: "once", ownerRole: "analyst", evidence: "note" }] } }],
  "playbooks.update": (v) => [{ id: v.playbookId, definition: { titleZh: "接管", titleEn: "taken over", descriptionZh: "", descriptionEn: "", dimension: "logistics", indicators: [], entityKinds: ["shop"], ruleSets: [], triggers: [], steps: [{ key: "a", textZh: "接管", textEn: "taken over", cadence: "once", ownerRole: "analyst", evidence: "note" }] } }],
  "playbooks.archive": (v) => [{ id: v.playbookId, archived: true }],
  "playbooks.suggest": (v) => [{ kind: "shop", id: v.shopId }, { kind: "shop", id: v.shopId, day: "2026-05-12" }, { kind: "creator", id: v.creatorId }],
  "playbooks.applyToEntity": (v) => [
    { kind: "shop", id: v.shopId, playbook: "logistics.delay-care", day: "2026-05-12" },
    { kind: "shop", id: v.shopId, playbook: v.playbookCode, fromSuggestion: true },
    { kind: "creator", id: v.creatorId, playbook: "creator.product-selection", assigneeUserId: v.owner.id },
  ],

  "directory.search": () => [{}, { kind: "shop", sort: "name" }, { date: "2026-05-12" }],
  "directory.compare": (v) => [{ cardIds: [v.cardId] }],
  "directory.entityCard": (v) => [{ kind: "shop", id: v.listedShopId }, { kind: "creator", id: v.creatorId }],
  "directory.list": (v) => [{ kind: "shop", id: v.listedShopId, fields: ["overall", "goodReviewRate"] }, { kind: "creator", id: v.creatorId, fields: ["overall"] }],
  "directory.unlist": (v) => [{ kind: "shop", id: v.listedShopId }],
  "directory.shortlists": noInput,
  "directory.shortlist": byId((v) => v.shortlistId),
  "directory.createShortlist": () => [{ name: "intruder list" }],
  "directory.renameShortlist": (v) => [{ id: v.shortlistId, name: "taken over" }],
  "directory.deleteShortlist": byId((v) => v.shortlistId),
  "directory.addToShortlist": (v) => [{ shortlistId: v.shortlistId, cardId: v.cardId }],
  "directory.updateShortlistItem": (v) => [{ shortlistId: v.shortlistId, cardId: v.cardId, status: "dropped", note: "taken over" }],
  "directory.removeFromShortlist": (v) => [{ shortlistId: v.shortlistId, cardId: v.cardId }],
  "directory.savedSearches": noInput,
  "directory.saveSearch": () => [{ name: "intruder search", filter: {}, bar: { minScore: 4.6 } }],
  "directory.deleteSavedSearch": byId((v) => v.savedSearchId),

  "queues.pickup": (v) => [{}, { shopId: v.shopId }, { kind: "creator", entityId: v.creatorId }],
  "queues.afterSales": (v) => [{}, { shopId: v.shopId }, { kind: "shop", entityId: v.shopId }],
  "queues.reviews": (v) => [{}, { shopId: v.shopId }, { kind: "creator", entityId: v.creatorId, status: "contacted" }],
  "queues.updateReview": (v) => [{ shopId: v.shopId, ...v.reviewRef, status: "resolved", note: "taken over" }],
  "queues.templates": noInput,
  "queues.saveTemplate": (v) => [{ id: v.replyTemplateId, locale: "en", title: "taken over", body: "taken over" }, { locale: "en", title: "intruder", body: "intruder" }],
  "queues.deleteTemplate": byId((v) => v.replyTemplateId),
  "queues.appeals": (v) => [{}, { shopId: v.shopId }, { kind: "creator", entityId: v.creatorId, outcome: "pending" }],
  "queues.createAppeal": (v) => [{ shopId: v.shopId, subject: "review", factKey: v.appealFactKey, reason: "intruder" }],
  "queues.decideAppeal": (v) => [{ id: v.appealId, outcome: "upheld" }],
  "queues.problems": (v) => [{}, { shopId: v.shopId }],
  "queues.saveProblem": (v) => [{ id: v.problemId, shopId: v.shopId, problemType: "size", cases: 1, owningTeam: "taken over", fix: "taken over" }],
  "queues.deleteProblem": byId((v) => v.problemId),

  "notifications.list": noInput,
  "notifications.unreadCount": noInput,
  "notifications.markRead": (v) => [{ ids: [v.notificationId] }, {}],

  "alerts.rules": noInput,
  "alerts.createRule": (v) => [
    { name: "intruder rule", rule: "overall<5", entity: { kind: "shop", id: v.shopId } },
    { name: "intruder rule", rule: "overall<5", entity: { kind: "creator", id: v.creatorId } },
    { name: "intruder rule", rule: "overall<5", endpointIds: [v.alertEndpointId] },
  ],
  "alerts.updateRule": (v) => [{ id: v.alertRuleId, name: "taken over" }, { id: v.alertRuleId, rule: "overall<0", enabled: false }],
  "alerts.deleteRule": byId((v) => v.alertRuleId),
  "alerts.endpoints": noInput,
  "alerts.createEndpoint": () => [{ name: "intruder endpoint", channel: "webhook", target: "http://127.0.0.1:9/intruder" }],
  "alerts.updateEndpoint": (v) => [{ id: v.alertEndpointId, name: "taken over" }, { id: v.alertEndpointId, enabled: false }],
  "alerts.deleteEndpoint": byId((v) => v.alertEndpointId),
  "alerts.testEndpoint": byId((v) => v.alertEndpointId),
  "alerts.deliveries": noInput,
  "alerts.preferences": noInput,
  // A foreign rule id among the muted ones is dropped, never stored or echoed.
  "alerts.savePreferences": (v) => [{ inApp: true, email: true, mutedRuleIds: [v.alertRuleId], feishuMention: null, wecomMention: null, dingtalkMention: null }],
  "checklists.get": byId((v) => v.checklistId),
  "checklists.list": (v) => [undefined, { status: "open", entityKind: "shop", ownerUserId: v.owner.id }],
  "checklists.forEntity": (v) => [{ kind: "shop", id: v.shopId }, { kind: "creator", id: v.creatorId }],
  "checklists.myTasks": () => [undefined, { today: "2026-05-12" }],
  "checklists.effects": noInput,
  "checklists.assign": (v) => [{ itemId: v.checklistItemId, assigneeUserId: v.owner.id }, { itemId: v.checklistItemId, assigneeUserId: null }],
  "checklists.setDue": (v) => [{ itemId: v.checklistItemId, dueDay: "2026-06-01" }],
  "checklists.setStatus": (v) => [{ itemId: v.checklistItemId, status: "skipped" }, { itemId: v.checklistItemId, status: "done", evidenceNote: "taken over" }],
  "checklists.comment": (v) => [{ itemId: v.checklistItemId, body: "intruder comment" }],
  "checklists.close": (v) => [{ id: v.checklistId, outcome: "cancelled" }],
  "apiKeys.list": noInput,
  "apiKeys.create": () => [{ name: "intruder key", scope: "write" }],
  "apiKeys.revoke": byId((v) => v.apiKeyId),
  "audit.page": (v) => [{}, { actorUserId: v.owner.id }, { action: "apiKey.", sort: "actor", direction: "asc" }, { from: "2026-01-01", to: "2030-01-01", page: 2, pageSize: 10 }],
  "audit.filterOptions": noInput,

  // The public API's procedures (served at /api/v1 with keys; swept here with sessions, and with keys in tenant-isolation.test.ts).
  "api.shops.list": () => [{}, { includeArchived: "true" }],
  "api.shops.score": (v) => [{ id: v.shopId }, { id: v.shopId, day: "2026-05-12" }],
  "api.shops.history": (v) => [{ id: v.shopId }, { id: v.shopId, from: "2026-04-01", to: "2026-05-12" }],
  "api.creators.list": () => [{}, { includeArchived: "true" }],
  "api.creators.score": (v) => [{ id: v.creatorId }, { id: v.creatorId, day: "2026-05-12" }],
  "api.creators.history": (v) => [{ id: v.creatorId }, { id: v.creatorId, from: "2026-04-01", to: "2026-05-12" }],
  "api.startImport": (v) => [
    { shopId: v.shopId, kind: "orders", fileName: "intruder.csv", contentBase64: Buffer.from("order_id\n1\n").toString("base64") },
    { creatorId: v.creatorId, kind: "creator_orders", fileName: "intruder.csv", contentBase64: Buffer.from("order_id\n1\n").toString("base64") },
  ],
  "api.alerts": () => [{}, { limit: 200 }],
  // The brief is built from the caller's own organisation and scope; preferences are the caller's own.
  "digest.preview": () => [{}, { kind: "weekly", day: "2026-05-12" }],
  "digest.preferences": noInput,
  "digest.setPreferences": () => [{ daily: false, weekly: false, inApp: false, email: false }],
};
