import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { users } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { systemScope } from "@/server/lib/scope";
import { addDays, todayInShanghai } from "@/server/lib/time";
import { createOrganisation } from "@/server/orgs/service";
import { scheduleRescore, type RescoreQueue } from "@/server/scoring/rescore";
import { createEntity } from "@/server/entities/service";
import { createUser } from "@/server/users/service";
import { generateShopFacts } from "./generate-facts";
import { insertShopFacts } from "./insert-facts";

export const DEMO_EMAIL = "demo@koubei.local";
export const DEMO_PASSWORD = "koubei-demo-2026";
export const DEMO_HISTORY_DAYS = 120;
export const DEMO_ORG_NAME = "演示代理商 Demo Agency";

const NAMED_SHOPS = [
  { name: "云裳女装旗舰店", category: "apparel" },
  { name: "花漾美妆专营店", category: "beauty" },
  { name: "鲜果时光生鲜", category: "fresh" },
];
const APPAREL_NAMES = ["棉麻小铺", "都市白领衬衫", "暖冬羽绒", "童趣童装", "运动风尚", "简约男装", "汉服雅集", "牛仔工坊", "丝巾物语", "针织时光", "职场套装", "休闲卫衣", "内衣优选", "袜子大王", "睡衣家居", "大码女装", "少女心裙装", "复古衬衫", "亲子装", "户外冲锋衣", "羊毛衫专营", "夏日T恤"];
const BEAUTY_NAMES = ["国货彩妆", "护肤实验室", "香氛小馆"];

/** The demo agency's shops: 23 in 服饰内衣 (a full peer cohort), a few in other categories. */
export function demoShops() {
  return [
    ...NAMED_SHOPS,
    ...APPAREL_NAMES.map((name) => ({ name, category: "apparel" })),
    ...BEAUTY_NAMES.map((name) => ({ name, category: "beauty" })),
  ].map((s, i) => ({ ...s, externalId: `demo-shop-${String(i + 1).padStart(3, "0")}` }));
}

export const DEMO_CREATORS = [
  { name: "穿搭小鹿", externalId: "demo-author-1", category: "apparel" },
  { name: "美妆阿May", externalId: "demo-author-2", category: "beauty" },
  { name: "吃货大胃王", externalId: "demo-author-3", category: "food_drink" },
];

/**
 * Seeds the demo organisation once, with 120 days of generated facts (the benchmark generator at
 * small size), and has it scored like any other change of facts: in the background when the job
 * queue runs (the app serves at once; the history fills in within a minute), else before it
 * returns. Later starts find the demo user and leave everything alone.
 */
export async function seedDemoOrganisation(
  handle: DbHandle,
  now: Date = new Date(),
  queue: RescoreQueue = { boss: null },
): Promise<{ created: boolean; orgId: string | null }> {
  const existing = await withTenant(handle, { orgId: null }, (tx) => tx.select({ id: users.id }).from(users).where(eq(users.email, DEMO_EMAIL)));
  if (existing.length > 0) return { created: false, orgId: null };
  const user = await createUser(handle, { email: DEMO_EMAIL, password: DEMO_PASSWORD, name: "演示用户 Demo" });
  const org = await createOrganisation(handle, { name: DEMO_ORG_NAME, kind: "agency", ownerUserId: user.id });
  const scope = systemScope(org.orgId);
  const lastDay = addDays(todayInShanghai(now), -1);
  const firstDay = addDays(lastDay, -(DEMO_HISTORY_DAYS - 1));
  await withTenant(handle, { orgId: org.orgId, userId: user.id }, async (tx) => {
    for (const creator of DEMO_CREATORS) await createEntity(tx, scope, "creator", creator);
    const authorIds = DEMO_CREATORS.map((c) => c.externalId);
    let index = 0;
    for (const shop of demoShops()) {
      const created = await createEntity(tx, scope, "shop", shop);
      const facts = generateShopFacts({ seed: 1000 + index++, keyPrefix: shop.externalId, firstDay, days: DEMO_HISTORY_DAYS, ordersPerDay: 4, authorIds, notAfter: now });
      await insertShopFacts(tx, org.orgId, created.id, facts);
    }
  });
  await scheduleRescore(handle, { orgId: org.orgId, today: todayInShanghai(now) }, queue);
  return { created: true, orgId: org.orgId };
}
