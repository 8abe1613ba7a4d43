import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, entityForecasts } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { addDays, todayInShanghai } from "@/server/lib/time";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { ownerWithOrg } from "../../helpers/callers";
import { memberOf, storeHistory } from "./goal-fixtures";

/**
 * Goals on hand-made score histories (stored summaries, as the history backfill writes them):
 * progress and status from the trend and the stored forecast, the portfolio's column and tile,
 * who may set goals, and the audit trail.
 */
let t: TestDatabase;
let owner: Awaited<ReturnType<typeof ownerWithOrg>>;
let rising: { id: string; ruleSet: string };
let flat: { id: string; ruleSet: string };
const today = todayInShanghai();
const due = addDays(today, 20);
// +0.01 a day: 4.50 fifteen days ago, 4.64 today, 4.84 on the due day.
const risingHistory = Array.from({ length: 15 }, (_, i) => Number((4.5 + 0.01 * i).toFixed(2)));

beforeAll(async () => {
  t = await openTestDatabase();
  owner = await ownerWithOrg(t.handle, "goals");
  rising = await owner.caller.shops.create({ name: "上升店 Rising", category: "美妆", externalId: "goal-rising" });
  flat = await owner.caller.shops.create({ name: "平稳店 Flat", category: "美妆", externalId: "goal-flat" });
  const orgId = owner.org.orgId;
  await storeHistory(t.handle, { orgId, kind: "shop", entityId: rising.id, ruleSet: rising.ruleSet }, today, risingHistory, risingHistory.map((_, i) => 0.9 + 0.002 * i));
  await storeHistory(t.handle, { orgId, kind: "shop", entityId: flat.id, ruleSet: flat.ruleSet }, today, [4.61, 4.6, 4.62, 4.6, 4.61, 4.6, 4.6, 4.61, 4.6, 4.6]);
}, 120_000);
afterAll(async () => t?.close());

describe("goal progress and status", () => {
  it("measures from the start value, draws the history, and judges a rising score on track and a flat one at risk", async () => {
    const onTrack = await owner.caller.shops.createGoal({ entityId: rising.id, target: { metric: "overall" }, value: 4.8, dueDay: due, note: "冲 4.8" });
    expect(onTrack).toMatchObject({ status: "on_track", basis: "trend", startDay: today, startValue: 4.64, current: 4.64, target: 4.8, unit: "score", decimals: 2 });
    expect(onTrack.history.map((p) => p.value)).toEqual(risingHistory);
    expect(onTrack.projected).toBeCloseTo(4.84, 6);

    const atRisk = await owner.caller.shops.createGoal({ entityId: flat.id, target: { metric: "overall" }, value: 4.8, dueDay: due });
    expect(atRisk).toMatchObject({ status: "at_risk", basis: "trend", startValue: 4.6 });

    const listed = await owner.caller.shops.goals({ entityId: rising.id });
    expect(listed.map((g) => [g.id, g.status])).toEqual([[onTrack.id, "on_track"]]);
  });

  it("reads an indicator's values from the stored summaries and judges it against its own direction", async () => {
    const goal = await owner.caller.shops.createGoal({ entityId: rising.id, target: { metric: "indicator", code: "good_review_rate" }, value: 0.95, dueDay: due });
    expect(goal).toMatchObject({ unit: "rate", better: "higher", status: "on_track", nameZh: "好评率" });
    expect(goal.startValue).toBeCloseTo(0.928, 9);
    expect(goal.forecast).toEqual([]);
    await owner.caller.shops.deleteGoal({ id: goal.id });
  });

  it("turns at risk when the stored forecast falls behind the path to the target", async () => {
    const orgId = owner.org.orgId;
    const days = Array.from({ length: 14 }, (_, i) => ({ day: addDays(today, i + 1), state: "scored", overall: 4.63 - 0.005 * i, dimensions: {}, band: null }));
    await withTenant(t.handle, { orgId }, (tx) =>
      tx.insert(entityForecasts).values({ orgId, entityKind: "shop", entityId: rising.id, ruleSet: rising.ruleSet, madeForDay: today, currentOverall: 4.64, days, crossings: [] }),
    );
    const [goal] = await owner.caller.shops.goals({ entityId: rising.id });
    expect(goal).toMatchObject({ status: "at_risk", basis: "forecast" });
    expect(goal?.forecast).toHaveLength(14);
    await withTenant(t.handle, { orgId }, (tx) => tx.delete(entityForecasts).where(and(eq(entityForecasts.orgId, orgId), eq(entityForecasts.entityId, rising.id))));
  });

  it("shows each shop's goal on the portfolio and counts the goals at risk", async () => {
    const page = await owner.caller.portfolio.page({});
    expect(page.tiles.goalsAtRisk).toBe(1);
    const byName = new Map(page.rows.map((r) => [r.name, r.goal?.status ?? null]));
    expect(byName.get("上升店 Rising")).toBe("on_track");
    expect(byName.get("平稳店 Flat")).toBe("at_risk");
  });

  it("refuses a metric the rule set lacks and a due day in the past", async () => {
    await expect(owner.caller.shops.createGoal({ entityId: rising.id, target: { metric: "indicator", code: "no_such_indicator" }, value: 1, dueDay: due })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(owner.caller.shops.createGoal({ entityId: rising.id, target: { metric: "overall" }, value: 4.8, dueDay: addDays(today, -1) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("who may set goals", () => {
  it("lets a viewer read goals but not set them, and keeps a limited member to its own shops", async () => {
    const viewer = await memberOf(t.handle, owner, "viewer");
    const [goal] = await viewer.caller.shops.goals({ entityId: rising.id });
    expect(goal?.status).toBe("on_track");
    await expect(viewer.caller.shops.createGoal({ entityId: rising.id, target: { metric: "overall" }, value: 4.9, dueDay: due })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(viewer.caller.shops.deleteGoal({ id: goal?.id ?? "" })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const limited = await memberOf(t.handle, owner, "analyst", [flat.id]);
    await expect(limited.caller.shops.goals({ entityId: rising.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(limited.caller.shops.updateGoal({ id: goal?.id ?? "", value: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(limited.caller.shops.deleteGoal({ id: goal?.id ?? "" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const own = await limited.caller.shops.createGoal({ entityId: flat.id, target: { metric: "overall" }, value: 4.7, dueDay: due });
    const edited = await limited.caller.shops.updateGoal({ id: own.id, value: 4.65, note: "先到 4.65" });
    expect(edited).toMatchObject({ target: 4.65, note: "先到 4.65" });
    const page = await limited.caller.portfolio.page({});
    expect(page.rows.map((r) => r.name)).toEqual(["平稳店 Flat"]);
    // A goal of a shop is not reachable through the creators' router either.
    await expect(owner.caller.creators.deleteGoal({ id: own.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await limited.caller.shops.deleteGoal({ id: own.id });
  });

  it("writes an audit row for every goal change, in the change's transaction", async () => {
    const orgId = owner.org.orgId;
    const rows = await withTenant(t.handle, { orgId }, (tx) => tx.select().from(auditLog).where(and(eq(auditLog.orgId, orgId), like(auditLog.action, "goal.%"))));
    const actions = rows.map((r) => r.action).sort();
    expect(actions).toEqual(["goal.create", "goal.create", "goal.create", "goal.create", "goal.delete", "goal.delete", "goal.update"]);
    expect(rows.find((r) => r.action === "goal.update")?.data).toMatchObject({ before: { target: 4.7 }, after: { target: 4.65, note: "先到 4.65" } });
  });
});
