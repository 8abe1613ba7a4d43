import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as uploadEvidence } from "@/app/api/checklists/items/[itemId]/evidence/route";
import { GET as downloadEvidence } from "@/app/api/checklists/evidence/[fileId]/route";
import { auditLog, checklistItems } from "@/db/schema";
import { EVIDENCE_FILE_MAX_BYTES } from "@/lib/contracts/checklists";
import { runChecklistsDailyFor } from "@/server/checklists/daily";
import { withTenant } from "@/server/db/tenant";
import { translateError } from "@/server/lib/i18n";
import { ownerWithOrg, trpcCodeOf } from "../../helpers/callers";
import { insertChecklist, LOGISTICS_PLAYBOOK } from "../../helpers/checklists";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { addMember, agencyWithShops, routeEnvFor } from "./setup";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

const START = "2026-05-01";

async function itemsOf(orgId: string, checklistId: string) {
  return withTenant(t.handle, { orgId }, (tx) =>
    tx.select().from(checklistItems).where(and(eq(checklistItems.orgId, orgId), eq(checklistItems.checklistId, checklistId))),
  );
}

const occurrences = (items: { stepKey: string; occurrence: number }[], stepKey: string) =>
  items
    .filter((i) => i.stepKey === stepKey)
    .map((i) => i.occurrence)
    .sort((a, b) => a - b);

function upload(itemId: string, orgId: string, body: BodyInit, headers: Record<string, string> = {}) {
  const request = new Request(`http://koubei.test/api/checklists/items/${itemId}/evidence?org=${orgId}`, {
    method: "POST",
    body,
    headers: { "x-file-name": encodeURIComponent("快递合同 contract.pdf"), "content-type": "application/pdf", ...headers },
  });
  return { send: (env: Awaited<ReturnType<typeof routeEnvFor>>) => uploadEvidence(request, { params: Promise.resolve({ itemId }) }, env) };
}

function download(fileId: string, orgId: string, env: Awaited<ReturnType<typeof routeEnvFor>>) {
  return downloadEvidence(new Request(`http://koubei.test/api/checklists/evidence/${fileId}?org=${orgId}`), { params: Promise.resolve({ fileId }) }, env);
}

describe("recurrence job", () => {
  it("catches up every missed occurrence, creates nothing twice and carries the assignee over", async () => {
    const org = await agencyWithShops(t.handle, "recur");
    const analyst = await addMember(t.handle, org, "analyst");
    const { checklist, itemOf } = await insertChecklist(t.handle, { orgId: org.orgId, entityKind: "shop", entityId: org.shopA.id, definition: LOGISTICS_PLAYBOOK, startDay: START });
    await org.caller.checklists.assign({ itemId: itemOf("daily-check").id, assigneeUserId: analyst.user.id });
    await org.caller.checklists.assign({ itemId: itemOf("weekly-chase").id, assigneeUserId: org.user.id });

    // The start day: occurrence 1 of every step is there already.
    expect((await runChecklistsDailyFor(t.handle, org.orgId, START)).occurrences).toBe(0);
    // No run on 05-02: the run of 05-03 creates the daily occurrences 2 and 3.
    expect((await runChecklistsDailyFor(t.handle, org.orgId, "2026-05-03")).occurrences).toBe(2);
    expect((await runChecklistsDailyFor(t.handle, org.orgId, "2026-05-03")).occurrences).toBe(0);
    let items = await itemsOf(org.orgId, checklist.id);
    expect(occurrences(items, "daily-check")).toEqual([1, 2, 3]);
    expect(occurrences(items, "weekly-chase")).toEqual([1]);
    expect(occurrences(items, "carrier")).toEqual([1]);

    // A week on: daily 4–8 and the second week's occurrence, which opens on 05-08.
    expect((await runChecklistsDailyFor(t.handle, org.orgId, "2026-05-08")).occurrences).toBe(6);
    items = await itemsOf(org.orgId, checklist.id);
    expect(occurrences(items, "daily-check")).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(occurrences(items, "weekly-chase")).toEqual([1, 2]);
    const daily8 = items.find((i) => i.stepKey === "daily-check" && i.occurrence === 8);
    const weekly2 = items.find((i) => i.stepKey === "weekly-chase" && i.occurrence === 2);
    expect(daily8).toMatchObject({ dueDay: "2026-05-08", assigneeUserId: analyst.user.id, status: "todo" });
    expect(weekly2).toMatchObject({ dueDay: "2026-05-14", assigneeUserId: org.user.id });

    // Closed checklists get no more occurrences.
    await org.caller.checklists.close({ id: checklist.id, outcome: "cancelled" });
    expect((await runChecklistsDailyFor(t.handle, org.orgId, "2026-05-20")).occurrences).toBe(0);
  });

  it("stops at the checklist's due day", async () => {
    const org = await agencyWithShops(t.handle, "due");
    const { checklist } = await insertChecklist(t.handle, { orgId: org.orgId, entityKind: "shop", entityId: org.shopA.id, definition: LOGISTICS_PLAYBOOK, startDay: START, dueDay: "2026-05-04" });
    await runChecklistsDailyFor(t.handle, org.orgId, "2026-05-30");
    expect(occurrences(await itemsOf(org.orgId, checklist.id), "daily-check")).toEqual([1, 2, 3, 4]);
  });
});

describe("assignment", () => {
  it("assigns members who can see the entity and refuses the others with a translated error", async () => {
    const org = await agencyWithShops(t.handle, "assign");
    const limitedToA = await addMember(t.handle, org, "analyst", [org.shopA.id]);
    const outsider = await ownerWithOrg(t.handle, "outsider");
    const onA = await insertChecklist(t.handle, { orgId: org.orgId, entityKind: "shop", entityId: org.shopA.id, definition: LOGISTICS_PLAYBOOK, startDay: START });
    const onB = await insertChecklist(t.handle, { orgId: org.orgId, entityKind: "shop", entityId: org.shopB.id, definition: LOGISTICS_PLAYBOOK, startDay: START });
    const onCreator = await insertChecklist(t.handle, { orgId: org.orgId, entityKind: "creator", entityId: org.creator.id, definition: LOGISTICS_PLAYBOOK, startDay: START });

    await org.caller.checklists.assign({ itemId: onA.itemOf("carrier").id, assigneeUserId: limitedToA.user.id });
    const refused = await org.caller.checklists.assign({ itemId: onB.itemOf("carrier").id, assigneeUserId: limitedToA.user.id }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "BAD_REQUEST", message: "errors.assigneeWithoutAccess" });
    expect(translateError("zh-CN", "errors.assigneeWithoutAccess")).toBe("该成员无权查看此店铺或达人账号，不能负责其中的事项。");
    expect(await trpcCodeOf(org.caller.checklists.assign({ itemId: onCreator.itemOf("carrier").id, assigneeUserId: limitedToA.user.id }))).toBe("BAD_REQUEST");
    expect(await trpcCodeOf(org.caller.checklists.assign({ itemId: onA.itemOf("carrier").id, assigneeUserId: outsider.user.id }))).toBe("BAD_REQUEST");

    const view = await org.caller.checklists.get({ id: onB.checklist.id });
    expect(view.assignable.map((m) => m.userId)).not.toContain(limitedToA.user.id);
    expect((await org.caller.checklists.get({ id: onA.checklist.id })).assignable.map((m) => m.userId)).toContain(limitedToA.user.id);

    const audits = await withTenant(t.handle, { orgId: org.orgId }, (tx) =>
      tx.select().from(auditLog).where(and(eq(auditLog.orgId, org.orgId), eq(auditLog.action, "checklist.item.assign"))),
    );
    expect(audits.map((a) => a.data)).toEqual([expect.objectContaining({ to: limitedToA.user.id })]);
  });
});

describe("permissions", () => {
  it("viewers read only, an assignee updates their own items, and a limited member sees only their shops' checklists", async () => {
    const org = await agencyWithShops(t.handle, "perm");
    const viewer = await addMember(t.handle, org, "viewer");
    const limitedToA = await addMember(t.handle, org, "analyst", [org.shopA.id]);
    const onA = await insertChecklist(t.handle, { orgId: org.orgId, entityKind: "shop", entityId: org.shopA.id, definition: LOGISTICS_PLAYBOOK, startDay: START });
    const onB = await insertChecklist(t.handle, { orgId: org.orgId, entityKind: "shop", entityId: org.shopB.id, definition: LOGISTICS_PLAYBOOK, startDay: START });

    const daily = onA.itemOf("daily-check").id;
    expect((await viewer.caller.checklists.get({ id: onA.checklist.id })).canWrite).toBe(false);
    expect(await trpcCodeOf(viewer.caller.checklists.assign({ itemId: daily, assigneeUserId: viewer.user.id }))).toBe("FORBIDDEN");
    expect(await trpcCodeOf(viewer.caller.checklists.setStatus({ itemId: daily, status: "done" }))).toBe("FORBIDDEN");
    expect(await trpcCodeOf(viewer.caller.checklists.comment({ itemId: daily, body: "我来" }))).toBe("FORBIDDEN");
    expect(await trpcCodeOf(viewer.caller.checklists.close({ id: onA.checklist.id, outcome: "done" }))).toBe("FORBIDDEN");

    await org.caller.checklists.assign({ itemId: daily, assigneeUserId: viewer.user.id });
    await viewer.caller.checklists.setStatus({ itemId: daily, status: "in_progress" });
    await viewer.caller.checklists.comment({ itemId: daily, body: "已检查 checked" });
    const mine = (await viewer.caller.checklists.get({ id: onA.checklist.id })).steps.flatMap((s) => s.items).find((i) => i.id === daily);
    expect(mine).toMatchObject({ status: "in_progress", canUpdate: true, comments: [expect.objectContaining({ body: "已检查 checked" })] });
    expect(await trpcCodeOf(viewer.caller.checklists.setStatus({ itemId: onA.itemOf("carrier").id, status: "in_progress" }))).toBe("FORBIDDEN");

    expect((await limitedToA.caller.checklists.list()).map((c) => c.id)).toEqual([onA.checklist.id]);
    expect(await trpcCodeOf(limitedToA.caller.checklists.get({ id: onB.checklist.id }))).toBe("NOT_FOUND");
    expect(await trpcCodeOf(limitedToA.caller.checklists.setStatus({ itemId: onB.itemOf("daily-check").id, status: "done" }))).toBe("NOT_FOUND");
    expect((await org.caller.checklists.list()).map((c) => c.id).sort()).toEqual([onA.checklist.id, onB.checklist.id].sort());
    expect((await org.caller.checklists.forEntity({ kind: "shop", id: org.shopB.id })).map((c) => c.id)).toEqual([onB.checklist.id]);
  });
});

describe("status and evidence", () => {
  it("needs the evidence a step asks for before an item is done, and refuses changes once closed", async () => {
    const org = await agencyWithShops(t.handle, "status");
    const { checklist, itemOf } = await insertChecklist(t.handle, { orgId: org.orgId, entityKind: "shop", entityId: org.shopA.id, definition: LOGISTICS_PLAYBOOK, startDay: START });
    const c = org.caller.checklists;
    const noNote = await c.setStatus({ itemId: itemOf("carrier").id, status: "done" }).catch((e: unknown) => e);
    expect(noNote).toMatchObject({ code: "BAD_REQUEST", message: "errors.evidenceRequired.note" });
    expect(translateError("en", "errors.evidenceRequired.note")).toBe("This step asks for a note as evidence before it is done.");
    await c.setStatus({ itemId: itemOf("carrier").id, status: "done", evidenceNote: "选了中通：揽收率 98%" });
    expect(await trpcCodeOf(c.setStatus({ itemId: itemOf("weekly-chase").id, status: "done" }))).toBe("BAD_REQUEST");
    expect(await trpcCodeOf(c.setStatus({ itemId: itemOf("weekly-chase").id, status: "done", evidenceUrl: "javascript:alert(1)" }))).toBe("BAD_REQUEST");
    await c.setStatus({ itemId: itemOf("weekly-chase").id, status: "done", evidenceUrl: "https://example.test/parcels" });
    await c.setStatus({ itemId: itemOf("daily-check").id, status: "skipped" });
    expect(await trpcCodeOf(c.setStatus({ itemId: itemOf("proof").id, status: "done" }))).toBe("BAD_REQUEST");

    const env = await routeEnvFor(t.handle, org.user.id);
    const uploaded = await upload(itemOf("proof").id, org.orgId, new Uint8Array([37, 80, 68, 70])).send(env);
    expect(uploaded.status).toBe(200);
    await c.setStatus({ itemId: itemOf("proof").id, status: "done" });

    const view = await c.get({ id: checklist.id });
    const byStep = Object.fromEntries(view.steps.map((s) => [s.key, s.items[0]]));
    expect(byStep.carrier).toMatchObject({ status: "done", evidenceNote: "选了中通：揽收率 98%" });
    expect(byStep["weekly-chase"]).toMatchObject({ status: "done", evidenceUrl: "https://example.test/parcels" });
    expect(byStep.proof?.files).toEqual([expect.objectContaining({ fileName: "快递合同 contract.pdf", contentType: "application/pdf", byteSize: 4 })]);
    // Reopening clears the completion.
    await c.setStatus({ itemId: itemOf("carrier").id, status: "todo" });
    expect((await c.get({ id: checklist.id })).steps[0]?.items[0]).toMatchObject({ status: "todo", completedAt: null });

    await c.close({ id: checklist.id, outcome: "done" });
    expect(await trpcCodeOf(c.setStatus({ itemId: itemOf("carrier").id, status: "done", evidenceNote: "x" }))).toBe("CONFLICT");
    expect(await trpcCodeOf(c.close({ id: checklist.id, outcome: "cancelled" }))).toBe("CONFLICT");
    const actions = (await withTenant(t.handle, { orgId: org.orgId }, (tx) => tx.select().from(auditLog).where(eq(auditLog.orgId, org.orgId)))).map((a) => a.action);
    expect(actions.filter((a) => a === "checklist.item.status")).toHaveLength(5);
    expect(actions).toContain("checklist.close");
  });
});

describe("evidence files", () => {
  it("are uploaded up to the cap, downloaded as safe attachments, and refused across organisations", async () => {
    const org = await agencyWithShops(t.handle, "files");
    const other = await ownerWithOrg(t.handle, "files-other");
    const limitedToB = await addMember(t.handle, org, "analyst", [org.shopB.id]);
    const { itemOf } = await insertChecklist(t.handle, { orgId: org.orgId, entityKind: "shop", entityId: org.shopA.id, definition: LOGISTICS_PLAYBOOK, startDay: START });
    const env = await routeEnvFor(t.handle, org.user.id);
    const response = await upload(itemOf("proof").id, org.orgId, new TextEncoder().encode("<script>alert(1)</script>"), {
      "x-file-name": encodeURIComponent('../../evil"\r\nx.html'),
      "content-type": "text/html",
    }).send(env);
    expect(response.status).toBe(200);
    const { file } = (await response.json()) as { file: { id: string; fileName: string; contentType: string } };
    expect(file).toMatchObject({ fileName: "evilx.html", contentType: "application/octet-stream" });

    const got = await download(file.id, org.orgId, env);
    expect(got.status).toBe(200);
    expect(got.headers.get("content-disposition")).toBe(`attachment; filename="evilx.html"; filename*=UTF-8''evilx.html`);
    expect(got.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await got.text()).toBe("<script>alert(1)</script>");

    const tooBig = await upload(itemOf("proof").id, org.orgId, new Uint8Array(EVIDENCE_FILE_MAX_BYTES + 1)).send(env);
    expect(tooBig.status).toBe(400);

    const otherEnv = await routeEnvFor(t.handle, other.user.id);
    expect((await download(file.id, other.org.orgId, otherEnv)).status).toBe(404);
    expect((await download(file.id, org.orgId, otherEnv)).status).toBe(403);
    expect((await upload(itemOf("proof").id, other.org.orgId, new Uint8Array([1])).send(otherEnv)).status).toBe(404);
    expect((await download(file.id, org.orgId, await routeEnvFor(t.handle, limitedToB.user.id))).status).toBe(404);
  });
});

describe("my tasks", () => {
  it("buckets the member's open items into overdue, today, this week and later", async () => {
    const org = await agencyWithShops(t.handle, "tasks");
    const limitedToA = await addMember(t.handle, org, "analyst", [org.shopA.id]);
    const { itemOf } = await insertChecklist(t.handle, { orgId: org.orgId, entityKind: "shop", entityId: org.shopA.id, definition: LOGISTICS_PLAYBOOK, startDay: START });
    for (const step of ["carrier", "daily-check", "weekly-chase", "proof"]) await org.caller.checklists.assign({ itemId: itemOf(step).id, assigneeUserId: limitedToA.user.id });
    await org.caller.checklists.setDue({ itemId: itemOf("proof").id, dueDay: "2026-06-30" });
    await org.caller.checklists.setDue({ itemId: itemOf("carrier").id, dueDay: "2026-05-05" });
    // daily-check due 05-01 (overdue on 05-03), weekly due 05-07 (this week), carrier 05-05 (this week), proof later.
    const tasks = await limitedToA.caller.checklists.myTasks({ today: "2026-05-03" });
    expect(tasks.map((r) => [r.textEn, r.bucket, r.dueDay])).toEqual([
      ["Daily check of shipping and tracking upload", "overdue", "2026-05-01"],
      ["Choose carriers by pickup record", "week", "2026-05-05"],
      ["Chase undelivered parcels weekly", "week", "2026-05-07"],
      ["Upload the carrier contract", "later", "2026-06-30"],
    ]);
    await limitedToA.caller.checklists.setStatus({ itemId: itemOf("daily-check").id, status: "done" });
    expect((await limitedToA.caller.checklists.myTasks({ today: "2026-05-07" })).map((r) => r.bucket)).toEqual(["overdue", "today", "later"]);
    // The owner has nothing assigned.
    expect(await org.caller.checklists.myTasks({ today: "2026-05-03" })).toEqual([]);
  });
});
