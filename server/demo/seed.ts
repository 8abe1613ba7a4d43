import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { users } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { systemScope } from "@/server/lib/scope";
import { createOrganisation } from "@/server/orgs/service";
import { createShop } from "@/server/shops/service";
import { createUser } from "@/server/users/service";

export const DEMO_EMAIL = "demo@koubei.local";
export const DEMO_PASSWORD = "koubei-demo-2026";

export const DEMO_SHOPS = [
  { name: "云裳女装旗舰店", category: "apparel", externalId: "demo-shop-001" },
  { name: "花漾美妆专营店", category: "beauty", externalId: "demo-shop-002" },
  { name: "鲜果时光生鲜", category: "fresh", externalId: "demo-shop-003" },
];

/** Seeds the demo organisation once; later starts find the demo user and leave everything alone. */
export async function seedDemoOrganisation(handle: DbHandle): Promise<{ created: boolean; orgId: string | null }> {
  const existing = await withTenant(handle, { orgId: null }, (tx) =>
    tx.select({ id: users.id }).from(users).where(eq(users.email, DEMO_EMAIL)),
  );
  if (existing.length > 0) return { created: false, orgId: null };
  const user = await createUser(handle, { email: DEMO_EMAIL, password: DEMO_PASSWORD, name: "演示用户 Demo" });
  const org = await createOrganisation(handle, { name: "演示代理商 Demo Agency", kind: "agency", ownerUserId: user.id });
  await withTenant(handle, { orgId: org.orgId, userId: user.id }, async (tx) => {
    for (const shop of DEMO_SHOPS) await createShop(tx, systemScope(org.orgId), shop);
  });
  return { created: true, orgId: org.orgId };
}
