import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PortfolioPageInput, PortfolioRow, PortfolioSortKey } from "@/lib/contracts/portfolio";
import { PORTFOLIO_SORT_KEYS } from "@/lib/contracts/portfolio";
import { withTenant } from "@/server/db/tenant";
import { addDays, todayInShanghai } from "@/server/lib/time";
import { portfolioPage } from "@/server/portfolio/page";
import type { RiskReader } from "@/server/portfolio/risk";
import { getRuleSet } from "@/server/scoring/rule-sets";
import { shownScoreOf } from "@/server/scoring/score-display";
import { createUser } from "@/server/users/service";
import { callerFor, ownerWithOrg } from "../../helpers/callers";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { SEED_CATEGORIES, seededInsufficient, seededLastDataDay, seededOverall, seedPortfolio, type SeededEntity } from "./seed-portfolio";

const SHOPS = 1_200;
const CREATORS = 30;
const viewDay = todayInShanghai();

let t: TestDatabase;
let owner: Awaited<ReturnType<typeof ownerWithOrg>>;
let colleague: { id: string };
let client: { id: string; caller: Awaited<ReturnType<typeof callerFor>> };
let entities: SeededEntity[];

const ruleSetOf = (e: SeededEntity) => getRuleSet(e.kind === "shop" ? "douyin-shop-v1" : "douyin-creator-v1");
/** The shown score the page must show for an entity `back` days before the view day (the engine's own rounding). */
const shownOf = (e: SeededEntity, back = 0) => (seededInsufficient(e.index) ? null : shownScoreOf(ruleSetOf(e), seededOverall(e.index, -back)));
const ownerOf = (i: number) => (i % 3 === 0 ? null : [owner.user.id, colleague.id][i % 2]);

beforeAll(async () => {
  t = await openTestDatabase();
  owner = await ownerWithOrg(t.handle, "portfolio");
  const join = async (name: string, shopIds: string[]) => {
    const invite = await owner.caller.members.invite({ role: "viewer", shopIds });
    const user = await createUser(t.handle, { email: `${name}-${Date.now()}@example.test`, password: "password123", name });
    await (await callerFor(t.handle, user.id)).auth.acceptInvitation({ token: invite.token });
    return user;
  };
  colleague = await join("同事 Colleague", []);
  entities = await seedPortfolio(t.handle, { orgId: owner.org.orgId, viewDay, shops: SHOPS, creators: CREATORS, days: 31, ownerIds: [owner.user.id, colleague.id] });
  const granted = entities.filter((e) => e.kind === "shop").slice(0, 3).map((e) => e.id);
  const clientUser = await join("客户 Client", granted);
  client = { id: clientUser.id, caller: await callerFor(t.handle, clientUser.id, owner.org.orgId) };
}, 300_000);
afterAll(async () => {
  await t?.close();
});

const page = (input: PortfolioPageInput) => owner.caller.portfolio.page(input);

/** Every row of a view, page by page. */
async function allRows(input: PortfolioPageInput): Promise<PortfolioRow[]> {
  const rows: PortfolioRow[] = [];
  for (let n = 1; ; n++) {
    const result = await page({ ...input, page: n, pageSize: 100 });
    rows.push(...result.rows);
    if (rows.length >= result.total || result.rows.length === 0) return rows;
  }
}

/** The value a sort key orders by, as the row shows it. */
const SORT_VALUE: Record<PortfolioSortKey, (r: PortfolioRow) => string | number | null> = {
  name: (r) => r.name,
  kind: (r) => r.kind,
  alias: (r) => r.alias,
  owner: (r) => r.owner?.name ?? null,
  category: (r) => r.category.code,
  ruleSet: (r) => r.ruleSet,
  overall: (r) => r.overall?.shown ?? null,
  "dimension.product": (r) => r.dimensions.find((d) => d.code === "product")?.score?.shown ?? null,
  "dimension.logistics": (r) => r.dimensions.find((d) => d.code === "logistics")?.score?.shown ?? null,
  "dimension.service": (r) => r.dimensions.find((d) => d.code === "service")?.score?.shown ?? null,
  change7: (r) => r.change7,
  change30: (r) => r.change30,
  risk: (r) => r.risk?.crossingDay ?? null,
  state: (r) => (r.state === "scored" ? 0 : r.state === "insufficient_data" ? 1 : null),
  freshness: (r) => [r.freshness.orders, r.freshness.reviews, r.freshness.chats].filter((d) => d !== null).sort().at(-1) ?? null,
};

function assertOrdered(rows: readonly PortfolioRow[], key: PortfolioSortKey, direction: "asc" | "desc") {
  const values = rows.map(SORT_VALUE[key]);
  const firstNull = values.indexOf(null);
  if (firstNull >= 0) expect(values.slice(firstNull).every((v) => v === null), `${key}: nulls last`).toBe(true);
  const present = values.filter((v) => v !== null);
  for (let i = 1; i < present.length; i++) {
    const [a, b] = [present[i - 1], present[i]] as [string | number, string | number];
    // Shown values are rounded: two rows may show the same value in either order of their stored ones.
    const inOrder = direction === "asc" ? a <= b : a >= b;
    expect(inOrder, `${key} ${direction} at ${i}: ${a} then ${b}`).toBe(true);
  }
}

describe("the portfolio page over 1,230 entities", () => {
  it("pages through every visible entity once, in order, with the total", async () => {
    const first = await page({ pageSize: 100 });
    expect(first.total).toBe(SHOPS + CREATORS);
    expect(first.viewDay).toBe(viewDay);
    const rows = await allRows({});
    expect(rows).toHaveLength(SHOPS + CREATORS);
    expect(new Set(rows.map((r) => r.id)).size).toBe(SHOPS + CREATORS);
    // By shown score, lowest first, the unscored last, ties by name: exactly the engine's rounding of the stored scores.
    const expected = [...entities]
      .map((e) => ({ name: e.name, shown: shownOf(e)?.shown ?? null, stored: seededInsufficient(e.index) ? null : seededOverall(e.index, 0) }))
      .sort((a, b) => (a.stored === null || b.stored === null ? (a.stored === b.stored ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.stored === null ? 1 : -1) : a.stored - b.stored || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
    expect(rows.map((r) => r.name)).toEqual(expected.map((e) => e.name));
    expect(rows.map((r) => r.overall?.shown ?? null)).toEqual(expected.map((e) => e.shown));
    const beyond = await page({ page: 100, pageSize: 100 });
    expect(beyond.rows).toEqual([]);
    expect(beyond.total).toBe(SHOPS + CREATORS);
  });

  it("sorts by every column both ways, on the server, across pages", async () => {
    for (const sort of PORTFOLIO_SORT_KEYS) {
      for (const direction of ["asc", "desc"] as const) {
        const one = await page({ sort, direction, pageSize: 100, page: 1 });
        const two = await page({ sort, direction, pageSize: 100, page: 2 });
        const joined = [...one.rows, ...two.rows];
        expect(new Set(joined.map((r) => r.id)).size, `${sort} ${direction}: pages overlap`).toBe(200);
        assertOrdered(joined, sort, direction);
      }
    }
  }, 120_000);

  it("shows a row as the engine does: dimensions, changes, sparkline, thresholds, state and freshness", async () => {
    const shop = entities.find((e) => e.kind === "shop" && !seededInsufficient(e.index) && e.index % 4 === 1);
    const starved = entities.find((e) => seededInsufficient(e.index));
    if (!shop || !starved) throw new Error("seed has no such entity");
    const [row] = (await page({ search: shop.name })).rows;
    const ruleSet = ruleSetOf(shop);
    expect(row?.overall).toEqual(shownOf(shop));
    expect(row?.change7).toBe(Number(((shownOf(shop)?.shown ?? 0) - (shownOf(shop, 7)?.shown ?? 0)).toFixed(2)));
    expect(row?.change30).toBe(Number(((shownOf(shop)?.shown ?? 0) - (shownOf(shop, 30)?.shown ?? 0)).toFixed(2)));
    expect(row?.sparkline).toEqual(Array.from({ length: 30 }, (_, i) => shownOf(shop, 29 - i)?.shown ?? null));
    expect(row?.dimensions.map((d) => d.code)).toEqual(["product", "logistics", "service"]);
    expect(row?.dimensions.every((d) => d.score !== null)).toBe(true);
    const shown = row?.overall?.shown ?? 0;
    const mins = ruleSet.thresholds.map((th) => th.minScore).filter((m): m is number => m !== null);
    expect(row?.nextAbove?.minScore ?? null).toBe(mins.filter((m) => m > shown).sort((a, b) => a - b)[0] ?? null);
    expect(row?.freshness.orders).toBe(seededLastDataDay(viewDay, shop.index));
    expect(row?.freshness.afterSales).toBeNull();
    expect(row?.freshness.stale).toBe(seededLastDataDay(viewDay, shop.index) < addDays(viewDay, -3));
    expect(row?.owner?.userId ?? null).toBe(ownerOf(shop.index));
    const [starvedRow] = (await page({ search: starved.name })).rows;
    expect(starvedRow).toMatchObject({ state: "insufficient_data", overall: null, missingValidOrders: ruleSetOf(starved).eligibility.minValidOrders - 12 });
  });

  it("filters by kind, category, owner, client grant, rule set, band, score range, staleness and state, and searches", async () => {
    const count = async (input: PortfolioPageInput) => (await page({ ...input, pageSize: 1 })).total;
    const scored = entities.filter((e) => !seededInsufficient(e.index));
    expect(await count({ filters: { kind: "creator" } })).toBe(CREATORS);
    expect(await count({ filters: { ruleSet: "douyin-creator-v1" } })).toBe(CREATORS);
    expect(await count({ filters: { category: "beauty" } })).toBe(entities.filter((e) => SEED_CATEGORIES[e.index % 3] === "beauty").length);
    expect(await count({ filters: { owner: colleague.id } })).toBe(entities.filter((e) => ownerOf(e.index) === colleague.id).length);
    expect(await count({ filters: { owner: "none" } })).toBe(entities.filter((e) => ownerOf(e.index) === null).length);
    expect(await count({ filters: { grantee: client.id } })).toBe(3);
    for (const band of ["4.8", "4.6", "4.4", "floor"]) {
      const expected = scored.filter((e) => String(shownOf(e)?.band?.minScore ?? "floor") === band).length;
      expect(await count({ filters: { bands: [band] } }), `band ${band}`).toBe(expected);
    }
    const inRange = scored.filter((e) => (shownOf(e)?.shown ?? 0) >= 4.5 && (shownOf(e)?.shown ?? 0) <= 4.7).length;
    expect(await count({ filters: { scoreMin: 4.5, scoreMax: 4.7 } })).toBe(inRange);
    const rangeRows = await allRows({ filters: { scoreMin: 4.5, scoreMax: 4.7 } });
    expect(rangeRows.every((r) => (r.overall?.shown ?? 0) >= 4.5 && (r.overall?.shown ?? 0) <= 4.7)).toBe(true);
    expect(await count({ filters: { stale: true } })).toBe(entities.filter((e) => seededLastDataDay(viewDay, e.index) < addDays(viewDay, -3)).length);
    expect(await count({ filters: { insufficient: true } })).toBe(entities.filter((e) => seededInsufficient(e.index)).length);
    expect(await count({ search: "别名12" })).toBe(entities.filter((e) => e.index % 4 === 0 && String(e.index).startsWith("12")).length);
    expect(await count({ search: "shop-7" })).toBe(entities.filter((e) => e.kind === "shop" && String(e.index).startsWith("7")).length);
    expect(await count({ filters: { kind: "shop", category: "apparel", stale: false } })).toBe(
      entities.filter((e) => e.kind === "shop" && e.index % 3 === 0 && seededLastDataDay(viewDay, e.index) >= addDays(viewDay, -3)).length,
    );
  });

  it("shows everything as of an earlier day", async () => {
    const day = addDays(viewDay, -10);
    const result = await page({ day, pageSize: 100, sort: "name" });
    expect(result.viewDay).toBe(day);
    for (const row of result.rows) {
      const entity = entities.find((e) => e.id === row.id);
      if (!entity) throw new Error("unknown row");
      expect(row.scoreDay).toBe(day);
      expect(row.overall).toEqual(shownOf(entity, 10));
      // Data newer than the view day is not there yet.
      expect(row.freshness.orders === null || row.freshness.orders < day).toBe(true);
    }
    // A day after the newest stored one: each entity shows its newest score, with its changes from that day.
    const later = await page({ day: addDays(viewDay, 1), pageSize: 100, sort: "name" });
    const latest = await page({ pageSize: 100, sort: "name" });
    expect(later.rows.map((r) => [r.scoreDay, r.overall, r.change7, r.change30, r.sparkline])).toEqual(
      latest.rows.map((r) => [viewDay, r.overall, r.change7, r.change30, r.sparkline]),
    );
    // Before the first stored day nobody has a score.
    const before = await page({ day: addDays(viewDay, -40), pageSize: 5 });
    expect(before.rows.every((r) => r.overall === null && r.scoreDay === null)).toBe(true);
  });

  it("counts the tiles over the whole portfolio: bands, movers, stale, unscored", async () => {
    const { tiles } = await page({ filters: { kind: "creator" } });
    const scored = entities.filter((e) => !seededInsufficient(e.index));
    for (const band of tiles.bands) {
      expect(band.count, `band ${band.key}`).toBe(scored.filter((e) => String(shownOf(e)?.band?.minScore ?? "floor") === band.key).length);
    }
    expect(tiles.unscored).toBe(entities.length - scored.length);
    expect(tiles.stale).toBe(entities.filter((e) => seededLastDataDay(viewDay, e.index) < addDays(viewDay, -3)).length);
    const byChange = scored
      .map((e) => ({ name: e.name, change: seededOverall(e.index, 0) - seededOverall(e.index, -7) }))
      .sort((a, b) => b.change - a.change || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    expect(tiles.moversUp.map((m) => m.name)).toEqual(byChange.filter((m) => m.change > 0).slice(0, 3).map((m) => m.name));
    const falls = byChange.filter((m) => m.change < 0).sort((a, b) => a.change - b.change || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    expect(tiles.moversDown.map((m) => m.name)).toEqual(falls.slice(0, 3).map((m) => m.name));
    expect(tiles.riskAvailable).toBe(false);
  });

  it("marks, filters and counts entities at risk from the forecast reader", async () => {
    const [a, b] = entities.filter((e) => e.kind === "shop" && !seededInsufficient(e.index));
    if (!a || !b) throw new Error("seed too small");
    const risks: RiskReader = () =>
      Promise.resolve({
        available: true,
        crossings: [
          { entityKind: "shop", entityId: a.id, thresholdMinScore: 4.4, crossingDay: addDays(viewDay, 3) },
          { entityKind: "shop", entityId: b.id, thresholdMinScore: 4.6, crossingDay: addDays(viewDay, 6) },
          // A later crossing of the same entity: the first one counts.
          { entityKind: "shop", entityId: a.id, thresholdMinScore: 4.6, crossingDay: addDays(viewDay, 5) },
        ],
      });
    const scope = { orgId: owner.org.orgId, userId: owner.user.id, role: "owner" as const, shopIds: null };
    const atRisk = await withTenant(t.handle, { orgId: owner.org.orgId }, (tx) => portfolioPage(tx, scope, { filters: { atRisk: true }, sort: "risk" }, { risks }));
    expect(atRisk.total).toBe(2);
    expect(atRisk.tiles).toMatchObject({ atRisk: 2, riskAvailable: true });
    expect(atRisk.rows.map((r) => [r.id, r.risk?.threshold.minScore, r.risk?.crossingDay])).toEqual([
      [a.id, 4.4, addDays(viewDay, 3)],
      [b.id, 4.6, addDays(viewDay, 6)],
    ]);
  });

  it("limits a member with shop grants to those shops, and no creator account", async () => {
    const result = await client.caller.portfolio.page({ pageSize: 100 });
    expect(result.total).toBe(3);
    expect(result.rows.every((r) => r.kind === "shop")).toBe(true);
    expect(result.tiles.bands.reduce((n, b) => n + b.count, 0) + result.tiles.unscored).toBe(3);
    expect((await client.caller.portfolio.page({ filters: { kind: "creator" } })).total).toBe(0);
  });
});
