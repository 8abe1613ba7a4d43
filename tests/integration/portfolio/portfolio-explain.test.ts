import { sql } from "drizzle-orm";
import postgres from "postgres";
import { expect, it } from "vitest";
import { rowsOf } from "@/db/security";
import { portfolioViewSchema, type PortfolioPageInput } from "@/lib/contracts/portfolio";
import { withTenant } from "@/server/db/tenant";
import { addDays, todayInShanghai } from "@/server/lib/time";
import { portfolioPageSql, withoutJit } from "@/server/portfolio/page-sql";
import { ownerWithOrg } from "../../helpers/callers";
import { openTestDatabase } from "../../helpers/test-db";
import { seedPortfolio } from "./seed-portfolio";

/**
 * A measurement, not a check: with PORTFOLIO_EXPLAIN=1 (and TEST_DATABASE_URL for PostgreSQL) it
 * seeds 1,200 shops and 50 creator accounts with 90 days of stored scores and prints EXPLAIN
 * ANALYZE timings of a page in several views, with and without planner statistics.
 */
it.runIf(process.env.PORTFOLIO_EXPLAIN)("EXPLAIN ANALYZE of a portfolio page over 1,250 entities × 90 days", async () => {
  const t = await openTestDatabase();
  try {
    const owner = await ownerWithOrg(t.handle, "explain");
    const viewDay = todayInShanghai();
    await seedPortfolio(t.handle, { orgId: owner.org.orgId, viewDay, shops: 1200, creators: 50, days: 90, ownerIds: [owner.user.id] });
    const scope = { orgId: owner.org.orgId, userId: owner.user.id, role: "owner" as const, shopIds: null };
    const views: [string, PortfolioPageInput][] = [
      ["default", {}],
      ["sort change7 desc, page 10", { sort: "change7", direction: "desc", page: 10 }],
      ["band + stale + search", { filters: { bands: ["4.6"], stale: false }, search: "0" }],
      ["sort by a dimension", { sort: "dimension.product" }],
      ["as of 20 days ago", { day: addDays(viewDay, -20) }],
    ];
    const measure = async (label: string) => {
      for (const [name, input] of views) {
        const view = portfolioViewSchema.parse(input);
        const options = { viewDay: view.day ?? viewDay, crossings: [], limit: 50, offset: ((input.page ?? 1) - 1) * 50 };
        let timing = "";
        for (let round = 0; round < 3; round++) {
          const plan = await withTenant(t.handle, { orgId: owner.org.orgId }, async (tx) => {
            await withoutJit(tx);
            return rowsOf<Record<string, string>>(await tx.execute(sql`explain (analyze) ${portfolioPageSql(tx, scope, view, options)}`));
          });
          timing = plan.map((row) => Object.values(row)[0] ?? "").filter((line) => /Planning Time|Execution Time/.test(line)).join(", ");
        }
        console.warn(`${label} | ${name} | ${timing}`);
        expect(timing).toContain("Execution Time");
      }
    };
    await measure("no statistics");
    if (t.ownerUrl) {
      const admin = postgres(t.ownerUrl, { max: 1, onnotice: () => undefined });
      await admin.unsafe("analyze");
      await admin.end();
      await measure("analyzed");
    }
  } finally {
    await t.close();
  }
}, 600_000);
