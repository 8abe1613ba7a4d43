import type { Tx } from "@/db/client";
import type { DigestKind, DigestMessage, DigestSection } from "@/lib/contracts/digest";
import type { GoalProgress } from "@/lib/contracts/goals";
import type { Message } from "@/lib/contracts/message";
import type { PortfolioRow } from "@/lib/contracts/portfolio";
import { portfolioViewSchema } from "@/lib/contracts/portfolio";
import { listChecklists } from "@/server/checklists/queries";
import { visibleGoalProgress } from "@/server/goals/service";
import type { OrgScope } from "@/server/lib/scope";
import { addDays, todayInShanghai, type Day } from "@/server/lib/time";
import { portfolioViewRows } from "@/server/portfolio/page";
import { portfolioRisks } from "@/server/portfolio/risk-source";
import { afterSalesQueue } from "@/server/queues/after-sales";
import { pickupQueue } from "@/server/queues/pickup";
import { reviewLedger } from "@/server/queues/review-ledger";

/** How many entities the scores section names (the biggest moves); the rest are counted. */
export const DIGEST_SCORE_LINES = 10;

export type BuildDigestRequest = { kind: DigestKind; day: Day; orgName: string };

/** A name written in both languages, picked by the reader's catalogue. */
const bilingual = (zh: string, en: string): Message => ({ key: "digest.bilingual", params: { zh, en } });

const fixed = (value: number, decimals: number) => value.toFixed(decimals);
const signed = (value: number, decimals: number) => (value > 0 ? `+${fixed(value, decimals)}` : fixed(value, decimals));

/** The shown change since the day before (daily) or a week before (weekly), from the portfolio's own shown numbers. */
function changeOf(row: PortfolioRow, kind: DigestKind): number | null {
  if (kind === "weekly") return row.change7;
  const [before, now] = row.sparkline.slice(-2);
  if (before === null || before === undefined || now === null || now === undefined) return null;
  return Number((now - before).toFixed(row.scale.displayDecimals));
}

function scoreLines(rows: readonly PortfolioRow[], kind: DigestKind): Message[] {
  const scored = rows.flatMap((row) => (row.overall ? [{ row, overall: row.overall, change: changeOf(row, kind) }] : []));
  scored.sort((a, b) => Math.abs(b.change ?? 0) - Math.abs(a.change ?? 0) || a.row.name.localeCompare(b.row.name));
  const lines = scored.slice(0, DIGEST_SCORE_LINES).map(({ row, overall, change }): Message => {
    const score = fixed(overall.shown, row.scale.displayDecimals);
    if (change === null) return { key: "digest.line.scoreNoChange", params: { name: row.name, score } };
    return { key: "digest.line.score", params: { name: row.name, score, change: signed(change, row.scale.displayDecimals) } };
  });
  if (scored.length > DIGEST_SCORE_LINES) lines.push({ key: "digest.line.more", params: { count: scored.length - DIGEST_SCORE_LINES } });
  return lines;
}

function riskLines(rows: readonly PortfolioRow[]): Message[] {
  return rows.flatMap((row) =>
    row.risk && row.risk.threshold.minScore !== null
      ? [{ key: "digest.line.risk", params: { name: row.name, threshold: fixed(row.risk.threshold.minScore, row.scale.displayDecimals), day: row.risk.crossingDay } }]
      : [],
  );
}

function goalValue(goal: GoalProgress, value: number | null): string {
  if (value === null) return "—";
  if (goal.unit === "rate") return `${fixed(value * 100, 2)}%`;
  return fixed(value, goal.decimals);
}

/** Goals past their due day are told for a week, then left to the goal page. */
function goalLines(goals: readonly GoalProgress[], day: Day): Message[] {
  return goals
    .filter((g) => g.dueDay >= addDays(day, -7))
    .map((goal) => ({
      key: `digest.line.goal.${goal.status}`,
      params: {
        name: goal.entityName,
        metric: bilingual(goal.nameZh, goal.nameEn),
        current: goalValue(goal, goal.current),
        target: goalValue(goal, goal.target),
        due: goal.dueDay,
      },
    }));
}

function staleLines(rows: readonly PortfolioRow[]): Message[] {
  return rows.flatMap((row): Message[] => {
    if (!row.freshness.stale) return [];
    const f = row.freshness;
    const last = [f.orders, f.reviews, f.afterSales, f.complaints, f.chats].filter((d): d is string => d !== null).sort().at(-1);
    return [last ? { key: "digest.line.stale", params: { name: row.name, day: last } } : { key: "digest.line.noData", params: { name: row.name } }];
  });
}

const DAY_MS = 86_400_000;

/**
 * Today's work, as the checklists and the daily queues stand now: open checklists with overdue
 * items, pickups past or near their deadline, after-sales the platform will close on its own within
 * a day, bad reviews nobody has handled. Live state, so only a brief for today tells it.
 */
async function workLines(tx: Tx, scope: OrgScope, day: Day): Promise<Message[]> {
  if (day < todayInShanghai()) return [];
  const now = new Date();
  const lines: Message[] = [];
  const open = await listChecklists(tx, scope, { status: "open", today: day });
  if (open.length > 0) lines.push({ key: "digest.line.checklists", params: { open: open.length, overdue: open.reduce((sum, c) => sum + c.itemsOverdue, 0) } });
  const pickup = await pickupQueue(tx, scope, {}, now);
  const late = pickup.filter((r) => r.msLeft <= 0).length;
  const soon = pickup.filter((r) => r.msLeft > 0 && r.msLeft <= DAY_MS).length;
  if (late + soon > 0) lines.push({ key: "digest.line.pickup", params: { late, soon } });
  const closing = (await afterSalesQueue(tx, scope, {}, now)).filter((r) => r.msLeft <= DAY_MS).length;
  if (closing > 0) lines.push({ key: "digest.line.afterSales", params: { count: closing } });
  const unhandled = (await reviewLedger(tx, scope, { status: "new" }, now)).length;
  if (unhandled > 0) lines.push({ key: "digest.line.badReviews", params: { count: unhandled } });
  return lines;
}

/**
 * The brief (daily) or digest (weekly) one member receives for a day: scores and their change,
 * entities the forecast puts at risk, goals, stale data — only what the member's scope sees, from
 * the portfolio's and the goals' own reads. Channel-neutral: message keys, rendered per language later.
 */
export async function buildDigest(tx: Tx, scope: OrgScope, request: BuildDigestRequest): Promise<DigestMessage> {
  const { kind, day } = request;
  // Today's view reads the newest scores and their forecast, as the portfolio's home does.
  const view = portfolioViewSchema.parse({ day: day >= todayInShanghai() ? undefined : day, sort: "name", direction: "asc" });
  const rows: PortfolioRow[] = [];
  for await (const chunk of portfolioViewRows(tx, scope, view, { risks: portfolioRisks, today: day })) rows.push(...chunk);
  const goals = await visibleGoalProgress(tx, scope, { today: day });

  const sections: DigestMessage["sections"] = [];
  const add = (section: DigestSection, lines: Message[]) => {
    if (lines.length > 0) sections.push({ section, heading: { key: `digest.section.${section}.${kind}` }, lines });
  };
  const risks = riskLines(rows);
  const goalMessages = goalLines(goals, day);
  const stale = staleLines(rows);
  add("scores", scoreLines(rows, kind));
  add("risks", risks);
  add("goals", goalMessages);
  add("stale", stale);
  add("work", await workLines(tx, scope, day));
  return {
    kind,
    day,
    orgId: scope.orgId,
    title: { key: `digest.title.${kind}`, params: { org: request.orgName, day } },
    summary: {
      key: "digest.summary",
      params: {
        entities: rows.length,
        atRisk: risks.length,
        goalsAtRisk: goals.filter((g) => g.status === "at_risk" || g.status === "missed").length,
        goalsOnTrack: goals.filter((g) => g.status === "on_track").length,
        stale: stale.length,
      },
    },
    sections,
    link: `/o/${scope.orgId}/digest?kind=${kind}&day=${day}`,
  };
}
