import type { DbHandle } from "@/db/client";
import { DEFAULT_STORE_TYPE, type StoreType } from "@/lib/contracts/facts";
import { DEFAULT_RULE_SET, TODAYS_SHOP_RULE_SET, type RULE_SET_NAMES_BY_KIND } from "@/lib/contracts/rule-sets";
import { memberships } from "@/db/schema";
import { createApiKey } from "@/server/api-keys/service";
import { withTenant } from "@/server/db/tenant";
import { systemScope } from "@/server/lib/scope";
import { addDays, todayInShanghai } from "@/server/lib/time";
import { createOrganisation } from "@/server/orgs/service";
import { scheduleRescore, type RescoreQueue } from "@/server/scoring/rescore";
import { addAnnotation } from "@/server/entities/annotations";
import { createEntity } from "@/server/entities/service";
import { passwordHasher } from "@/server/auth/password-hash";
import { createUser, findUserByEmail } from "@/server/users/service";
import { replacePasswordHash } from "@/server/users/session-version";
import { DEMO_EMAIL, fixedDemoPassword, generateDemoPassword, PUBLISHED_DEMO_PASSWORD } from "./settings";
import { generateShopFacts } from "./generate-facts";
import { insertShopFacts } from "./insert-facts";
import { generateCreatorOrders } from "./creator-orders";
import { insertCreatorOrders } from "./insert-creator-orders";
import { seedDemoChecklists } from "./checklists";
import { listDemoAgencyCards, seedDemoDirectory } from "./directory";
import { seedDemoAlerts } from "./alerts";
import { DEMO_SLOW_SHIPPER, DEMO_SLOW_SHIPPER_QUALITY } from "./playbooks";
import { seedDemoQueues } from "./queues";
import { seedDemoGoals, seedDemoGoalsOnceScored } from "./goals";
import { logger } from "@/server/lib/logger";

export { DEMO_EMAIL } from "./settings";
/** A colleague of the demo owner, so the portfolio shows shops with different owners; nobody signs in as it. */
export const DEMO_COLLEAGUE_EMAIL = "demo-colleague@koubei.local";
/** The aliases an agency gives its best-known clients. */
const DEMO_ALIASES: Record<string, string> = { 云裳女装旗舰店: "云裳（重点客户）", 花漾美妆专营店: "花漾", 鲜果时光生鲜: "鲜果", 国货彩妆: "国货彩妆 · 新签" };
export const DEMO_HISTORY_DAYS = 120;
export const DEMO_ORG_NAME = "演示代理商 Demo Agency";
/** How many of the demo agency's shops it lists in the directory (with its creator accounts). */
const DEMO_LISTED_SHOPS = 10;

const NAMED_SHOPS = [
  { name: "云裳女装旗舰店", category: "apparel" },
  { name: "花漾美妆专营店", category: "beauty" },
  { name: "鲜果时光生鲜", category: "fresh" },
];
/** 店铺类型 of the shops that are not ordinary ones (the 100-point rules protect flagships up to 300 orders, others up to 500). */
const STORE_TYPES: Readonly<Record<string, StoreType>> = {
  云裳女装旗舰店: "flagship",
  花漾美妆专营店: "specialty",
  运动风尚: "franchise",
  暖冬羽绒: "flagship",
  羊毛衫专营: "specialty",
  牛仔工坊: "franchise",
  国货彩妆: "franchise",
};
const APPAREL_NAMES = ["棉麻小铺", "都市白领衬衫", "暖冬羽绒", "童趣童装", "运动风尚", "简约男装", "汉服雅集", "牛仔工坊", "丝巾物语", "针织时光", "职场套装", "休闲卫衣", "内衣优选", "袜子大王", "睡衣家居", "大码女装", "少女心裙装", "复古衬衫", "亲子装", "户外冲锋衣", "羊毛衫专营", "夏日T恤"];
const BEAUTY_NAMES = ["国货彩妆", "护肤实验室", "香氛小馆"];
/**
 * The one demo shop on today's 100-point rules (the others keep the 5-point ones, which every
 * 5-point tool, forecast and goal of the demo reads): its page and portfolio row show the
 * 100-point score, stage, thresholds and risk column on first sign-in. Last in the list, so the
 * other shops keep their generated facts and it is not among the listed directory cards.
 */
export const DEMO_TODAYS_RULES_SHOP = { name: "今日规则试点店", category: "apparel", ruleSet: TODAYS_SHOP_RULE_SET };

/** The demo agency's shops: 23 in 服饰内衣 (a full peer cohort), a few in other categories, one on today's rules. */
export function demoShops(): DemoShop[] {
  return [
    ...NAMED_SHOPS,
    ...APPAREL_NAMES.map((name) => ({ name, category: "apparel" })),
    ...BEAUTY_NAMES.map((name) => ({ name, category: "beauty" })),
    DEMO_TODAYS_RULES_SHOP,
  ].map((s, i) => ({ ruleSet: DEFAULT_RULE_SET.shop, ...s, storeType: STORE_TYPES[s.name] ?? DEFAULT_STORE_TYPE, externalId: `demo-shop-${String(i + 1).padStart(3, "0")}` }));
}
export type DemoShop = { name: string; category: string; ruleSet: (typeof RULE_SET_NAMES_BY_KIND)["shop"][number]; storeType: StoreType; externalId: string };

export const DEMO_CREATORS = [
  { name: "穿搭小鹿", externalId: "demo-author-1", category: "apparel" },
  { name: "美妆阿May", externalId: "demo-author-2", category: "beauty" },
  { name: "吃货大胃王", externalId: "demo-author-3", category: "food_drink" },
];

/** Notes on the first demo shop's score history (days before the last day of facts). */
const DEMO_ANNOTATIONS = [
  { daysAgo: 55, text: "换了快递：中通 → 顺丰（switched carrier）" },
  { daysAgo: 20, text: "客服排班调整，夜间也有人值守（support hours extended）" },
];

/** Merchants the first demo creator sells for outside the agency's shops: its 合作商家 table. */
export const DEMO_CREATOR_MERCHANTS = [
  { shopId: "20571234", name: "森屿女装工作室", products: ["法式碎花连衣裙", "高腰阔腿牛仔裤"] },
  { shopId: "20584410", name: "暖居家纺官方店", products: ["四件套 纯棉 1.8m", "乳胶枕 一对"] },
  { shopId: "20610077", name: "小鹿零食铺", products: ["坚果礼盒 6 罐", "芒果干 500g"] },
];

export type DemoSeedResult = {
  created: boolean;
  orgId: string | null;
  /** The owner's password when this call set it (creation, a fixed one, a published one replaced), else null: it is stored hashed only. */
  password: string | null;
};

/**
 * Seeds the demo organisation once, with 120 days of generated facts (the benchmark generator at
 * small size), and has it scored like any other change of facts: in the background when the job
 * queue runs (the app serves at once; the history fills in within a minute), else before it
 * returns. The owner's password is generated (or KOUBEI_DEMO_PASSWORD) and returned for the
 * console; only its hash is stored. Later starts leave everything alone, except that they set
 * KOUBEI_DEMO_PASSWORD when given and replace the password older versions published.
 */
export async function seedDemoOrganisation(
  handle: DbHandle,
  now: Date = new Date(),
  queue: RescoreQueue = { boss: null },
): Promise<DemoSeedResult> {
  const fixed = fixedDemoPassword();
  const found = await findUserByEmail(handle, DEMO_EMAIL);
  if (found) return { created: false, orgId: null, password: await renewDemoPassword(handle, found, fixed) };
  const password = fixed ?? generateDemoPassword();
  const user = await createUser(handle, { email: DEMO_EMAIL, password, name: "演示用户 Demo" });
  const org = await createOrganisation(handle, { name: DEMO_ORG_NAME, kind: "agency", ownerUserId: user.id, demo: true });
  const scope = systemScope(org.orgId);
  const colleague = await createUser(handle, { email: DEMO_COLLEAGUE_EMAIL, password: generateDemoPassword(), name: "运营 小周" });
  await withTenant(handle, { orgId: org.orgId }, (tx) => tx.insert(memberships).values({ orgId: org.orgId, userId: colleague.id, role: "analyst" }));
  // Every third shop is the colleague's, every fifth nobody's yet: the portfolio's owner column and filter have something to show.
  const ownerOf = (index: number) => (index % 5 === 4 ? null : index % 3 === 1 ? colleague.id : user.id);
  const lastDay = addDays(todayInShanghai(now), -1);
  const firstDay = addDays(lastDay, -(DEMO_HISTORY_DAYS - 1));
  await withTenant(handle, { orgId: org.orgId, userId: user.id }, async (tx) => {
    const listed: { kind: "shop" | "creator"; id: string; name: string }[] = [];
    for (const creator of DEMO_CREATORS) listed.push({ kind: "creator", ...(await createEntity(tx, scope, "creator", creator)) });
    // The first creator's own 达人订单 export, as if imported: orders sold for other merchants.
    const [first] = listed;
    if (first) {
      const own = generateCreatorOrders({ seed: 7, firstDay, days: DEMO_HISTORY_DAYS, ordersPerDay: 3, merchants: DEMO_CREATOR_MERCHANTS, notAfter: now });
      await insertCreatorOrders(tx, org.orgId, first.id, own);
    }
    const authorIds = DEMO_CREATORS.map((c) => c.externalId);
    const shopIds: string[] = [];
    let index = 0;
    for (const shop of demoShops()) {
      const created = await createEntity(tx, scope, "shop", { ...shop, alias: DEMO_ALIASES[shop.name] ?? null, ownerUserId: ownerOf(index) });
      shopIds.push(created.id);
      if (index < DEMO_LISTED_SHOPS) listed.push({ kind: "shop", id: created.id, name: created.name });
      const quality = shop.name === DEMO_SLOW_SHIPPER ? DEMO_SLOW_SHIPPER_QUALITY : undefined;
      // With the current rules' facts too (their own random stream: the 5-point numbers are as before).
      const facts = generateShopFacts({ seed: 1000 + index++, keyPrefix: shop.externalId, firstDay, days: DEMO_HISTORY_DAYS, ordersPerDay: 4, authorIds, notAfter: now, quality, current: true });
      await insertShopFacts(tx, org.orgId, created.id, facts);
      // The first shop's history shows what annotations are for.
      if (index === 1) {
        for (const note of DEMO_ANNOTATIONS) {
          await addAnnotation(tx, { ...scope, userId: user.id }, "shop", { entityId: created.id, day: addDays(lastDay, -note.daysAgo), text: note.text });
        }
      }
    }
    // Today's queues (今日待办), before the rescore below: the upheld appeal's exemption is scored with everything else.
    await seedDemoQueues(tx, { ...scope, userId: user.id }, { shopIds, ownerUserId: user.id, colleagueUserId: colleague.id, now });
    // Listed before the rescore below: their values arrive with it.
    await listDemoAgencyCards(tx, org.orgId, listed);
    // Alert rules too: the rescore evaluates them, so the bell has something on first sign-in.
    await seedDemoAlerts(tx, { ...scope, userId: user.id }, colleague.id);
    // Applied playbooks with a few weeks of history; their effect checkpoints are recorded by the rescore below.
    await seedDemoChecklists(tx, { ...scope, userId: user.id }, {
      shopIds: shopIds.slice(0, 3),
      creatorId: listed.find((e) => e.kind === "creator")?.id ?? null,
      ownerUserId: user.id,
      colleagueUserId: colleague.id,
      today: todayInShanghai(now),
    });
    // A read-only key for the public API (its secret is not kept): settings list it, the audit log its creation.
    await createApiKey(tx, { ...scope, userId: user.id }, { name: "演示报表脚本 Demo reporting", scope: "read" });
  });
  await seedDemoDirectory(handle, { ownerUserId: user.id, today: todayInShanghai(now), merchants: DEMO_CREATOR_MERCHANTS });
  await scheduleRescore(handle, { orgId: org.orgId, today: todayInShanghai(now) }, queue);
  // Goals need scores: set now when the rescore ran inline, else once the background scoring stored today's.
  if (queue.boss) void seedDemoGoalsOnceScored(handle, org.orgId).catch((error: unknown) => logger.warn({ err: error }, "demo goals not set"));
  else await seedDemoGoals(handle, org.orgId, todayInShanghai(now));
  return { created: true, orgId: org.orgId, password };
}

/** A fixed password when it is not already the owner's; a new one in place of the published one; else none. */
async function renewDemoPassword(handle: DbHandle, owner: { id: string; passwordHash: string }, fixed: string | null): Promise<string | null> {
  let password: string | null = null;
  if (fixed) password = (await passwordHasher.verify(owner.passwordHash, fixed)) ? null : fixed;
  else if (await passwordHasher.verify(owner.passwordHash, PUBLISHED_DEMO_PASSWORD)) password = generateDemoPassword();
  if (!password) return null;
  const passwordHash = await passwordHasher.hash(password);
  await withTenant(handle, { orgId: null }, (tx) => replacePasswordHash(tx, owner.id, passwordHash));
  return password;
}
