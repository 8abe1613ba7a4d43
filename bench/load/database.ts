/**
 * The load benchmark's database: a fresh PostgreSQL database the server reaches as a
 * non-superuser role (it refuses a superuser), seeded with an agency of scored shops and the
 * users the clients sign in as.
 */
import { randomBytes } from "node:crypto";
import type { DbHandle } from "@/db/client";
import { memberships } from "@/db/schema";
import { generateShopFacts } from "@/server/demo/generate-facts";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { withTenant } from "@/server/db/tenant";
import { createEntity } from "@/server/entities/service";
import { systemScope } from "@/server/lib/scope";
import { addDays, todayInShanghai } from "@/server/lib/time";
import { createOrganisation } from "@/server/orgs/service";
import { scheduleRescore } from "@/server/scoring/rescore";
import { createUser } from "@/server/users/service";
import { openTestDatabase, TEST_APP_ROLE } from "../../tests/helpers/test-db";

const HISTORY_DAYS = 60;

export type LoadDatabase = { appUrl: string; ownerUrl: string; handle: DbHandle; drop(): Promise<void> };
export type LoadSeed = {
  orgId: string;
  users: { email: string; password: string }[];
  shopIds: string[];
  importShops: { unloaded: string; loaded: string; hostile: string };
};

/** The tests' fresh PostgreSQL database (migrated, reached as their non-superuser role), its URLs for the server. */
export async function createLoadDatabase(adminUrl: string): Promise<LoadDatabase> {
  process.env.TEST_DATABASE_URL = adminUrl;
  const t = await openTestDatabase({ peerMinOrgs: 1 });
  if (!t.ownerUrl) throw new Error("no owner url");
  const app = new URL(t.ownerUrl);
  app.username = TEST_APP_ROLE;
  app.password = "";
  return { appUrl: app.toString(), ownerUrl: t.ownerUrl, handle: t.handle, drop: () => t.close() };
}

/**
 * Seeds before the server starts: `shopCount` shops with HISTORY_DAYS of generated
 * facts, scored inline (no job queue yet), plus three empty shops for the imports; `userCount`
 * analysts besides the owner, who uploads.
 */
export async function seedLoadDatabase(db: LoadDatabase, options: { shopCount: number; userCount: number }): Promise<LoadSeed> {
  const { handle } = db;
  const password = randomBytes(12).toString("base64url");
  const owner = await createUser(handle, { email: "owner@load.bench", password, name: "Load owner" });
  const org = await createOrganisation(handle, { name: "Load bench agency", kind: "agency", ownerUserId: owner.id });
  const users = [{ email: "owner@load.bench", password }];
  for (let i = 1; i < options.userCount; i++) {
    const email = `analyst${i}@load.bench`;
    const user = await createUser(handle, { email, password, name: `Analyst ${i}` });
    await withTenant(handle, { orgId: org.orgId, userId: owner.id }, (tx) => tx.insert(memberships).values({ orgId: org.orgId, userId: user.id, role: "analyst" }));
    users.push({ email, password });
  }
  const now = new Date();
  const lastDay = addDays(todayInShanghai(now), -1);
  const firstDay = addDays(lastDay, -(HISTORY_DAYS - 1));
  const scope = systemScope(org.orgId);
  const shopIds: string[] = [];
  const importShops = await withTenant(handle, { orgId: org.orgId, userId: owner.id }, async (tx) => {
    for (let i = 0; i < options.shopCount; i++) {
      const externalId = `load-shop-${String(i + 1).padStart(3, "0")}`;
      const shop = await createEntity(tx, scope, "shop", { name: `负载测试店铺 ${i + 1}`, externalId, category: "apparel" });
      const facts = generateShopFacts({ seed: 5000 + i, keyPrefix: externalId, firstDay, days: HISTORY_DAYS, ordersPerDay: 6, notAfter: now });
      await insertShopFacts(tx, org.orgId, shop.id, facts);
      shopIds.push(shop.id);
    }
    const empty = async (externalId: string) => (await createEntity(tx, scope, "shop", { name: externalId, externalId, category: "apparel" })).id;
    return { unloaded: await empty("import-unloaded"), loaded: await empty("import-loaded"), hostile: await empty("hostile-uploads") };
  });
  await scheduleRescore(handle, { orgId: org.orgId }, { boss: null });
  return { orgId: org.orgId, users, shopIds, importShops };
}
