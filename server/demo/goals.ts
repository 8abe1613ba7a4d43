import { and, eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { digestPreferences, goals, memberships, scoreSnapshots } from "@/db/schema";
import type { GoalProgress } from "@/lib/contracts/goals";
import { withTenant } from "@/server/db/tenant";
import { listEntities } from "@/server/entities/queries";
import { currentMetricValue, goalProgress, type GoalRow } from "@/server/goals/progress";
import { createGoal } from "@/server/goals/service";
import { getRuleSet } from "@/server/scoring/rule-sets";
import { logger } from "@/server/lib/logger";
import type { OrgScope } from "@/server/lib/scope";
import { addDays, todayInShanghai, type Day } from "@/server/lib/time";

/** How far ahead the demo's goals are due: the at-risk one inside the forecast, the on-track one beyond it. */
const AT_RISK_DUE_DAYS = 7;
const ON_TRACK_DUE_DAYS = 60;

/**
 * Gives the demo organisation two goals on its shops' real scores: one at risk (a climb no shop makes
 * in a week) and one on track (a step up that a shop's rising trend reaches). The scores are
 * generated, so the on-track goal goes to the first shop whose progress, judged before it is stored, says on track.
 * Does nothing once the organisation has goals, or while it has no scores yet.
 */
export async function seedDemoGoals(handle: DbHandle, orgId: string, today: Day = todayInShanghai()): Promise<GoalProgress[]> {
  return withTenant(handle, { orgId }, async (tx) => {
    const [existing] = await tx.select({ id: goals.id }).from(goals).where(eq(goals.orgId, orgId)).limit(1);
    if (existing) return [];
    const [owner] = await tx.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.role, "owner"))).limit(1);
    const scope: OrgScope = { orgId, userId: owner?.userId ?? null, role: "owner", shopIds: null };
    const shops = await listEntities(tx, scope, "shop", { includeArchived: false });
    const overall = { metric: "overall" } as const;
    const current = new Map<string, number>();
    for (const shop of shops) {
      const value = await currentMetricValue(tx, scope, "shop", shop, overall, today);
      if (value !== null) current.set(shop.id, value);
    }
    if (current.size === 0) return [];
    const decimals = getRuleSet(shops[0]?.ruleSet ?? "").displayDecimals;
    const [lowestId, lowestValue] = [...current.entries()].sort((a, b) => a[1] - b[1])[0] ?? ["", 0];
    const seeded: GoalProgress[] = [];
    // Judged before it is stored: the first shop whose trend reaches one step up in 60 days.
    const onTrackDue = addDays(today, ON_TRACK_DUE_DAYS);
    for (const shop of shops) {
      const value = current.get(shop.id);
      if (value === undefined || shop.id === lowestId) continue;
      const step = Number((value + 10 ** -decimals).toFixed(decimals));
      const draft: GoalRow = { orgId, id: shop.id, entityKind: "shop", entityId: shop.id, metric: "overall", code: null, target: step, startDay: today, startValue: value, dueDay: onTrackDue, note: "", createdBy: null, createdAt: new Date(), updatedAt: new Date() };
      if ((await goalProgress(tx, scope, draft, shop, today)).status !== "on_track") continue;
      seeded.push(await createGoal(tx, scope, "shop", { entityId: shop.id, target: overall, value: step, dueDay: onTrackDue, note: "演示目标：稳步提升 demo goal" }, { today }));
      break;
    }
    const climb = Number((lowestValue + 0.3).toFixed(decimals));
    seeded.push(await createGoal(tx, scope, "shop", { entityId: lowestId, target: overall, value: climb, dueDay: addDays(today, AT_RISK_DUE_DAYS), note: "演示目标：一周内冲高 demo goal" }, { today }));
    // The demo owner reads the daily brief in the app (its preview is on the 简报 page).
    if (owner) await tx.insert(digestPreferences).values({ orgId, userId: owner.userId, daily: true, weekly: true, inApp: true, email: false }).onConflictDoNothing();
    return seeded;
  });
}

/** Whether the organisation has any stored score of the day (the demo's background scoring has reached it). */
async function scoredOn(handle: DbHandle, orgId: string, day: Day): Promise<boolean> {
  const [row] = await withTenant(handle, { orgId }, (tx) => tx.select({ day: scoreSnapshots.day }).from(scoreSnapshots).where(and(eq(scoreSnapshots.orgId, orgId), eq(scoreSnapshots.day, day))).limit(1));
  return row !== undefined;
}

/** With the job queue the demo is scored in the background: its goals are set once today's scores are stored (checked every few seconds, for ten minutes). */
export async function seedDemoGoalsOnceScored(handle: DbHandle, orgId: string, options: { intervalMs?: number; attempts?: number } = {}): Promise<void> {
  const attempts = options.attempts ?? 120;
  for (let i = 0; i < attempts; i++) {
    const today = todayInShanghai();
    if (await scoredOn(handle, orgId, today)) {
      const seeded = await seedDemoGoals(handle, orgId, today);
      logger.info({ goals: seeded.map((g) => g.status) }, "demo goals set");
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 5_000));
  }
}
