import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/server/db/tenant";
import { portfolioPage } from "@/server/portfolio/page";
import { createUser } from "@/server/users/service";
import { todayInShanghai } from "@/server/lib/time";
import { callerFor, ownerWithOrg } from "../../helpers/callers";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { seedPortfolio, type SeededEntity } from "./seed-portfolio";

let t: TestDatabase;
let owner: Awaited<ReturnType<typeof ownerWithOrg>>;
let entities: SeededEntity[];
const viewDay = todayInShanghai();

beforeAll(async () => {
  t = await openTestDatabase();
  owner = await ownerWithOrg(t.handle, "portfolio");
  entities = await seedPortfolio(t.handle, { orgId: owner.org.orgId, viewDay, shops: 60, creators: 10, days: 31, ownerIds: [owner.user.id] });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe("portfolio page", () => {
  it("smoke", async () => {
    const page = await withTenant(t.handle, { orgId: owner.org.orgId }, (tx) => portfolioPage(tx, { orgId: owner.org.orgId, userId: owner.user.id, role: "owner", shopIds: null }, {}));
    console.log(JSON.stringify(page.rows[0], null, 1), page.total, JSON.stringify(page.tiles));
    expect(page.total).toBe(70);
  });
});
