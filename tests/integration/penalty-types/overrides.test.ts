import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, penalties, rollupDirty } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { runImport } from "@/server/imports/service";
import { setPenaltyTypeOverride } from "@/server/penalty-types/overrides";
import { createUser } from "@/server/users/service";
import { callerFor, ownerWithOrg, trpcCodeOf } from "../../helpers/callers";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { utf8 } from "../imports/helpers";

/**
 * 处罚类型映射 through the router: administrators set and remove an organisation's penalty label
 * mappings, members only read them, other organisations neither see nor change them; a mapping
 * types the penalties imported after it and re-maps (and rescores) those imported before.
 */
let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

type Owner = Awaited<ReturnType<typeof ownerWithOrg>>;

async function memberCaller(owner: Owner, role: "viewer" | "analyst" | "admin") {
  const invite = await owner.caller.members.invite({ role, shopIds: [] });
  const user = await createUser(t.handle, { email: `penalty-${role}-${Date.now()}@example.test`, password: "correct horse battery", name: role });
  await (await callerFor(t.handle, user.id)).auth.acceptInvitation({ token: invite.token });
  return callerFor(t.handle, user.id, owner.org.orgId);
}

const FILE = "处罚单号,处罚时间,违规类型,申诉结果\np1,2026-05-01 10:00,发布违禁信息,申诉失败\np2,2026-05-03 10:00,刷单,申诉失败\np3,2026-05-02 10:00,发布违禁信息,-\n";

async function importPenalties(owner: Owner, shopId: string) {
  const summary = await runImport(t.handle, { orgId: owner.org.orgId, userId: owner.user.id }, { shopId, kind: "penalties", source: utf8(FILE), fileName: "违规记录.csv" });
  expect(summary.status).toBe("succeeded");
}

async function storedTypes(orgId: string) {
  const rows = await withTenant(t.handle, { orgId }, (tx) => tx.select({ id: penalties.penaltyId, type: penalties.type }).from(penalties).where(eq(penalties.orgId, orgId)));
  return Object.fromEntries(rows.map((r) => [r.id, r.type]));
}

const actions = (orgId: string) =>
  withTenant(t.handle, { orgId }, (tx) => tx.select({ action: auditLog.action, data: auditLog.data }).from(auditLog).where(eq(auditLog.orgId, orgId)));

describe("penaltyTypes router", () => {
  it("lets an admin set, change and remove a mapping, audited; members read it and cannot write", async () => {
    const owner = await ownerWithOrg(t.handle, "penaltyAdmin");
    const admin = await memberCaller(owner, "admin");
    const viewer = await memberCaller(owner, "viewer");
    const analyst = await memberCaller(owner, "analyst");

    expect(await admin.penaltyTypes.set({ label: "发布违禁信息", type: "false_advertising" })).toMatchObject({ label: "发布违禁信息", type: "false_advertising", penaltiesChanged: 0, shopsToRescore: 0 });
    // The same label spelt with stray and full-width spaces is the same mapping, replaced rather than doubled.
    await admin.penaltyTypes.set({ label: "发布　违禁信息 ", type: "fake_orders" });
    expect(await viewer.penaltyTypes.list()).toEqual([{ label: "发布　违禁信息", type: "fake_orders", defaultType: "other" }]);

    expect(await trpcCodeOf(viewer.penaltyTypes.set({ label: "刷单", type: "other" }))).toBe("FORBIDDEN");
    expect(await trpcCodeOf(analyst.penaltyTypes.set({ label: "刷单", type: "other" }))).toBe("FORBIDDEN");
    expect(await trpcCodeOf(viewer.penaltyTypes.remove({ label: "发布违禁信息" }))).toBe("FORBIDDEN");
    expect(await trpcCodeOf(admin.penaltyTypes.set({ label: "  ", type: "other" }))).toBe("BAD_REQUEST");
    expect(await trpcCodeOf(admin.penaltyTypes.set({ label: "刷单", type: "not_a_type" as never }))).toBe("BAD_REQUEST");

    expect(await admin.penaltyTypes.remove({ label: "发布违禁信息" })).toMatchObject({ label: "发布　违禁信息", type: null });
    expect(await owner.caller.penaltyTypes.list()).toEqual([]);
    expect(await trpcCodeOf(admin.penaltyTypes.remove({ label: "发布违禁信息" }))).toBe("NOT_FOUND");

    const logged = (await actions(owner.org.orgId)).filter((row) => row.action.startsWith("penaltyTypes."));
    expect(logged.map((row) => row.action)).toEqual(["penaltyTypes.set", "penaltyTypes.set", "penaltyTypes.remove"]);
    expect(logged[1]?.data).toMatchObject({ label: "发布　违禁信息", type: "fake_orders", before: "false_advertising" });
  });

  it("keeps each organisation's mappings to itself", async () => {
    const victim = await ownerWithOrg(t.handle, "penaltyVictim");
    const other = await ownerWithOrg(t.handle, "penaltyOther");
    await victim.caller.penaltyTypes.set({ label: "受害违规", type: "fake_reviews" });

    expect(await other.caller.penaltyTypes.list()).toEqual([]);
    expect(await trpcCodeOf(other.caller.penaltyTypes.remove({ label: "受害违规" }))).toBe("NOT_FOUND");
    // The other organisation's own mapping of the same label is its own row.
    await other.caller.penaltyTypes.set({ label: "受害违规", type: "other" });
    // Naming the victim's organisation without belonging to it is refused.
    const intruder = await callerFor(t.handle, other.user.id, victim.org.orgId);
    expect(await trpcCodeOf(intruder.penaltyTypes.list())).toMatch(/FORBIDDEN|NOT_FOUND/);
    expect(await trpcCodeOf(intruder.penaltyTypes.set({ label: "受害违规", type: "other" }))).toMatch(/FORBIDDEN|NOT_FOUND/);
    expect(await trpcCodeOf(intruder.penaltyTypes.remove({ label: "受害违规" }))).toMatch(/FORBIDDEN|NOT_FOUND/);

    expect(await victim.caller.penaltyTypes.list()).toEqual([{ label: "受害违规", type: "fake_reviews", defaultType: "other" }]);
    expect(await other.caller.penaltyTypes.list()).toEqual([{ label: "受害违规", type: "other", defaultType: "other" }]);
  });
});

describe("a mapping and the penalties", () => {
  it("types the penalties imported after it, re-maps those imported before and rescores their shops", async () => {
    const owner = await ownerWithOrg(t.handle, "penaltyFacts");
    const orgId = owner.org.orgId;
    const before = await owner.caller.shops.create({ name: "先导入 Before", category: "服饰内衣" });
    await importPenalties(owner, before.id);
    expect(await storedTypes(orgId)).toEqual({ p1: "other", p2: "fake_orders", p3: "other" });

    // Through the router: the stored penalties of the label change, and the rescore runs (inline here: no queue).
    expect(await owner.caller.penaltyTypes.set({ label: "发布违禁信息", type: "false_advertising" })).toMatchObject({ penaltiesChanged: 2, shopsToRescore: 1 });
    expect(await storedTypes(orgId)).toEqual({ p1: "false_advertising", p2: "fake_orders", p3: "false_advertising" });
    // The rescore ran after the commit and took the marks with it.
    expect(await withTenant(t.handle, { orgId }, (tx) => tx.select().from(rollupDirty).where(eq(rollupDirty.orgId, orgId)))).toEqual([]);

    // A shop imported after the mapping gets the mapped type at import.
    const after = await owner.caller.shops.create({ name: "后导入 After", category: "服饰内衣" });
    await importPenalties(owner, after.id);
    const rows = await withTenant(t.handle, { orgId }, (tx) =>
      tx.select({ type: penalties.type, typeText: penalties.typeText }).from(penalties).where(and(eq(penalties.orgId, orgId), eq(penalties.shopId, after.id), eq(penalties.penaltyId, "p1"))),
    );
    expect(rows).toEqual([{ type: "false_advertising", typeText: "发布违禁信息" }]);

    // In the writing transaction, both shops are marked from the day of their earliest changed penalty (Asia/Shanghai).
    const marks = await withTenant(t.handle, { orgId }, async (tx) => {
      await tx.delete(rollupDirty).where(eq(rollupDirty.orgId, orgId));
      const change = await setPenaltyTypeOverride(tx, { orgId, userId: owner.user.id }, { label: "发布违禁信息", type: "fraudulent_shipping" });
      expect(change).toMatchObject({ penaltiesChanged: 4, shopsToRescore: 2 });
      return tx.select({ shopId: rollupDirty.entityId, sinceDay: rollupDirty.sinceDay }).from(rollupDirty).where(eq(rollupDirty.orgId, orgId));
    });
    expect(marks.sort((a, b) => a.shopId.localeCompare(b.shopId))).toEqual([before.id, after.id].sort().map((shopId) => ({ shopId, sinceDay: "2026-05-01" })));

    // Removing the mapping sends the label back to the default table (a label it does not know is `other`); 刷单 was never touched.
    expect(await owner.caller.penaltyTypes.remove({ label: "发布违禁信息" })).toMatchObject({ penaltiesChanged: 4, shopsToRescore: 2 });
    expect(await storedTypes(orgId)).toEqual({ p1: "other", p2: "fake_orders", p3: "other" });
  });
});
