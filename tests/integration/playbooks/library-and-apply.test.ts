import { and, asc, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, checklistItems, checklists } from "@/db/schema";
import type { Role } from "@/lib/contracts/members";
import { withTenant } from "@/server/db/tenant";
import { acceptInvitation } from "@/server/invitations/service";
import { findBuiltinPlaybook } from "@/server/playbooks/builtins";
import { createUser } from "@/server/users/service";
import { callerFor, ownerWithOrg } from "../../helpers/callers";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { codeOf } from "../directory/helpers";

let t: TestDatabase;
let owner: Awaited<ReturnType<typeof ownerWithOrg>>;
let shop: { id: string };
let otherShop: { id: string };
let creator: { id: string };
let people = 0;

async function member(role: Role, shopIds: string[] = []) {
  const user = await createUser(t.handle, { email: `pb-member-${++people}-${Date.now()}@example.test`, password: "correct horse battery", name: `member ${people}` });
  const invite = await owner.caller.members.invite({ role, shopIds });
  await acceptInvitation(t.handle, { token: invite.token, userId: user.id });
  return { userId: user.id, caller: await callerFor(t.handle, user.id, owner.org.orgId) };
}

beforeAll(async () => {
  t = await openTestDatabase();
  owner = await ownerWithOrg(t.handle, "playbooks");
  shop = await owner.caller.shops.create({ name: "方案店", category: "服饰内衣", externalId: "pb-s1" });
  otherShop = await owner.caller.shops.create({ name: "另一家店", category: "服饰内衣", externalId: "pb-s2" });
  creator = await owner.caller.creators.create({ name: "方案达人", category: "服饰内衣", externalId: "pb-author" });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe("the organisation's library", () => {
  it("lists every built-in to a viewer, who may read but not copy, write or apply", async () => {
    const viewer = await member("viewer");
    const library = await viewer.caller.playbooks.list();
    expect(library.entries.filter((e) => e.source === "builtin").map((e) => e.code)).toContain("logistics.carrier-record");
    expect(library.indicators.map((i) => i.code)).toContain("pickup_24h_rate");
    expect((await viewer.caller.playbooks.get({ code: "product.incoming-inspection" })).definition.steps.length).toBeGreaterThan(0);
    expect(await codeOf(viewer.caller.playbooks.suggest({ kind: "shop", id: shop.id }))).toBe("OK");
    expect(await codeOf(viewer.caller.playbooks.copy({ code: "logistics.carrier-record" }))).toBe("FORBIDDEN");
    expect(await codeOf(viewer.caller.playbooks.applyToEntity({ kind: "shop", id: shop.id, playbook: "logistics.carrier-record", day: "2026-05-12" }))).toBe("FORBIDDEN");
  });

  it("filters by dimension, indicator and kind of entity", async () => {
    const logistics = await owner.caller.playbooks.list({ dimension: "logistics" });
    expect(logistics.entries.length).toBeGreaterThan(0);
    expect(logistics.entries.every((e) => e.definition.dimension === "logistics")).toBe(true);
    const pickup = await owner.caller.playbooks.list({ indicator: "pickup_24h_rate" });
    expect(pickup.entries.every((e) => e.definition.indicators.includes("pickup_24h_rate"))).toBe(true);
    const creators = await owner.caller.playbooks.list({ entityKind: "creator" });
    expect(creators.entries.map((e) => e.code)).toContain("creator.product-selection");
    expect(creators.entries.map((e) => e.code)).not.toContain("service.chat-workbench");
  });

  it("copies a built-in (keeping its code and version), edits the copy to version 2, archives it, and audits each change", async () => {
    const analyst = await member("analyst");
    const builtin = findBuiltinPlaybook("logistics.ship-within-48h");
    const copy = await analyst.caller.playbooks.copy({ code: "logistics.ship-within-48h" });
    expect(copy).toMatchObject({ source: "org", code: "logistics.ship-within-48h-copy", version: 1, basedOnCode: "logistics.ship-within-48h", basedOnVersion: builtin?.version });
    expect((await analyst.caller.playbooks.copy({ code: "logistics.ship-within-48h" })).code).toBe("logistics.ship-within-48h-copy-2");

    const { code: _code, version: _version, ...draft } = copy.definition;
    const edited = await analyst.caller.playbooks.update({ id: copy.id ?? "", definition: { ...draft, titleZh: "48小时发货（本店版）", steps: draft.steps.slice(0, 2) } });
    expect(edited).toMatchObject({ version: 2, code: copy.code });
    expect(edited.definition).toMatchObject({ version: 2, code: copy.code, titleZh: "48小时发货（本店版）" });
    expect(edited.definition.steps).toHaveLength(2);

    await analyst.caller.playbooks.archive({ id: copy.id ?? "", archived: true });
    expect((await analyst.caller.playbooks.list()).entries.map((e) => e.code)).not.toContain(copy.code);
    expect((await analyst.caller.playbooks.list({ includeArchived: true })).entries.map((e) => e.code)).toContain(copy.code);

    const audits = await withTenant(t.handle, { orgId: owner.org.orgId }, (tx) =>
      tx.select().from(auditLog).where(and(eq(auditLog.orgId, owner.org.orgId), like(auditLog.action, "playbook.%"), eq(auditLog.target, copy.id ?? ""))).orderBy(asc(auditLog.at)),
    );
    expect(audits.map((a) => a.action)).toEqual(["playbook.copy", "playbook.update", "playbook.archive"]);
  });

  it("refuses a code a built-in or another playbook has, an indicator the engine lacks, and another organisation's playbook", async () => {
    const base = findBuiltinPlaybook("product.feedback-loop");
    if (!base) throw new Error("missing built-in");
    const { version: _v, ...draft } = base;
    expect(await codeOf(owner.caller.playbooks.create({ definition: draft }))).toBe("CONFLICT");
    expect(await codeOf(owner.caller.playbooks.create({ definition: { ...draft, code: "ours.feedback", indicators: ["made_up_rate"] } }))).toBe("BAD_REQUEST");
    const ours = await owner.caller.playbooks.create({ definition: { ...draft, code: "ours.feedback" } });
    expect(ours).toMatchObject({ source: "org", version: 1, basedOnCode: null });
    expect(await codeOf(owner.caller.playbooks.create({ definition: { ...draft, code: "ours.feedback" } }))).toBe("CONFLICT");

    const stranger = await ownerWithOrg(t.handle, "stranger");
    expect(await codeOf(stranger.caller.playbooks.update({ id: ours.id ?? "", definition: draft }))).toBe("NOT_FOUND");
    expect(await codeOf(stranger.caller.playbooks.get({ code: "ours.feedback" }))).toBe("NOT_FOUND");
  });
});

describe("applying a playbook", () => {
  const itemsOf = (checklistId: string) =>
    withTenant(t.handle, { orgId: owner.org.orgId }, (tx) =>
      tx.select().from(checklistItems).where(and(eq(checklistItems.orgId, owner.org.orgId), eq(checklistItems.checklistId, checklistId))).orderBy(asc(checklistItems.position)),
    );

  it("makes occurrence 1 of every step, due by the step's cadence from the scored day, with the definition frozen", async () => {
    const applied = await owner.caller.playbooks.applyToEntity({ kind: "shop", id: shop.id, playbook: "logistics.carrier-record", day: "2026-05-12" });
    const definition = findBuiltinPlaybook("logistics.carrier-record");
    expect(applied).toMatchObject({ startDay: "2026-05-12", items: definition?.steps.length });
    const items = await itemsOf(applied.checklistId);
    // once: 14 days after the start; weekly: the end of the first week (daily and monthly steps: below and in the next case).
    expect(items.map((i) => [i.stepKey, i.cadence, i.occurrence, i.dueDay, i.status])).toEqual([
      ["carrier-table", "once", 1, "2026-05-26", "todo"],
      ["choose-carriers", "once", 1, "2026-05-26", "todo"],
      ["contract-sla", "once", 1, "2026-05-26", "todo"],
      ["weekly-review", "weekly", 1, "2026-05-18", "todo"],
    ]);
    const daily = await owner.caller.playbooks.applyToEntity({ kind: "shop", id: shop.id, playbook: "logistics.ship-within-48h-copy-2", day: "2026-05-12" });
    expect((await itemsOf(daily.checklistId)).find((i) => i.cadence === "daily")?.dueDay).toBe("2026-05-12");
    const [row] = await withTenant(t.handle, { orgId: owner.org.orgId }, (tx) => tx.select().from(checklists).where(eq(checklists.id, applied.checklistId)));
    expect(row).toMatchObject({ playbookCode: "logistics.carrier-record", playbookVersion: definition?.version, status: "open", startDay: "2026-05-12", dueDay: null, reason: null });
    expect(row?.playbook).toEqual(definition);
    expect(await codeOf(owner.caller.playbooks.applyToEntity({ kind: "shop", id: shop.id, playbook: "logistics.carrier-record", day: "2026-05-12" }))).toBe("CONFLICT");
  });

  it("dates once steps on the checklist's due day, and refuses a due day before the start", async () => {
    const applied = await owner.caller.playbooks.applyToEntity({ kind: "shop", id: shop.id, playbook: "product.incoming-inspection", day: "2026-05-12", dueDay: "2026-05-20" });
    expect((await itemsOf(applied.checklistId)).map((i) => [i.cadence, i.dueDay])).toEqual([
      ["once", "2026-05-20"],
      ["weekly", "2026-05-18"],
      ["monthly", "2026-06-10"],
    ]);
    expect(await codeOf(owner.caller.playbooks.applyToEntity({ kind: "shop", id: shop.id, playbook: "product.listing-accuracy", day: "2026-05-12", dueDay: "2026-05-11" }))).toBe("BAD_REQUEST");
  });

  it("assigns items only to a member with access to the entity", async () => {
    const granted = await member("analyst", [shop.id]);
    const elsewhere = await member("analyst", [otherShop.id]);
    const outsider = await ownerWithOrg(t.handle, "outsider");
    const apply = (assigneeUserId: string, playbook = "service.chat-workbench") => owner.caller.playbooks.applyToEntity({ kind: "shop", id: shop.id, playbook, day: "2026-05-12", assigneeUserId });
    expect(await codeOf(apply(elsewhere.userId))).toBe("BAD_REQUEST");
    expect(await codeOf(apply(outsider.user.id))).toBe("BAD_REQUEST");
    const applied = await apply(granted.userId);
    expect(new Set((await itemsOf(applied.checklistId)).map((i) => i.assigneeUserId))).toEqual(new Set([granted.userId]));
    // Creator accounts belong to the whole organisation: a member limited to shops cannot be given their work.
    expect(await codeOf(owner.caller.playbooks.applyToEntity({ kind: "creator", id: creator.id, playbook: "creator.product-selection", day: "2026-05-12", assigneeUserId: granted.userId }))).toBe("BAD_REQUEST");
    expect(await codeOf(owner.caller.playbooks.applyToEntity({ kind: "creator", id: creator.id, playbook: "creator.product-selection", day: "2026-05-12", assigneeUserId: owner.user.id }))).toBe("OK");
  });

  it("lets a limited member apply to their granted shop only, refuses a playbook for the other kind, and applies the organisation's copy in place of its built-in", async () => {
    const limited = await member("analyst", [shop.id]);
    expect(await codeOf(limited.caller.playbooks.applyToEntity({ kind: "shop", id: otherShop.id, playbook: "service.after-sales-first", day: "2026-05-12" }))).toBe("NOT_FOUND");
    expect(await codeOf(limited.caller.playbooks.applyToEntity({ kind: "shop", id: shop.id, playbook: "service.after-sales-first", day: "2026-05-12" }))).toBe("OK");
    expect(await codeOf(owner.caller.playbooks.applyToEntity({ kind: "shop", id: shop.id, playbook: "creator.merchant-logistics", day: "2026-05-12" }))).toBe("BAD_REQUEST");

    const copy = await owner.caller.playbooks.copy({ code: "logistics.delay-care", newCode: "ours.delay-care" });
    expect(await codeOf(owner.caller.playbooks.applyToEntity({ kind: "shop", id: otherShop.id, playbook: "logistics.delay-care", day: "2026-05-12" }))).toBe("NOT_FOUND");
    const applied = await owner.caller.playbooks.applyToEntity({ kind: "shop", id: otherShop.id, playbook: copy.code, day: "2026-05-12" });
    const audits = await withTenant(t.handle, { orgId: owner.org.orgId }, (tx) => tx.select().from(auditLog).where(and(eq(auditLog.orgId, owner.org.orgId), eq(auditLog.target, applied.checklistId))));
    expect(audits.map((a) => a.action)).toEqual(["checklist.apply"]);
  });
});
