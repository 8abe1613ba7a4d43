import { insertJsonRows } from "@/db/insert-json-rows";
import { directoryCardDays, directoryCards, creators, savedSearches, shortlistItems, shortlists, shops } from "@/db/schema";
import type { DbHandle, Tx } from "@/db/client";
import type { CardField } from "@/lib/contracts/directory";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import { withTenant } from "@/server/db/tenant";
import { trendOf } from "@/server/directory/card-values";
import { addDays, type Day } from "@/server/lib/time";
import { createOrganisation } from "@/server/orgs/service";
import { getRuleSet } from "@/server/scoring/rule-sets";
import { seededRandom, type Random } from "./random";

/**
 * The directory on first start: several demo organisations (agencies, brands, MCNs) each publish a
 * few dozen shop and creator cards, written straight into their tables (entity rows, cards and 30
 * days of card values; no facts, no scoring), deterministic from a seed. The demo user also owns a
 * creator team (达人团队) whose home is the directory, with a shortlist and a saved search.
 */

export const DEMO_MCN_NAME = "演示达人团队 Demo MCN";
const HISTORY_DAYS = 30;
const DEFAULT_FIELDS: CardField[] = ["overall", "dimensions", "goodReviewRate", "category", "trend", "ruleSet"];

const PUBLISHERS = [
  { name: "演示代理商 · 星河电商 Demo", kind: "agency", shops: 70, creators: 0 },
  { name: "演示品牌 · 花间集 Demo", kind: "brand", shops: 45, creators: 0 },
  { name: "演示代理商 · 长风运营 Demo", kind: "agency", shops: 60, creators: 10 },
  { name: "演示MCN · 光合传媒 Demo", kind: "creator_team", shops: 0, creators: 70 },
  { name: "演示MCN · 小满文化 Demo", kind: "creator_team", shops: 0, creators: 50 },
] as const;

const CATEGORIES = ["beauty", "apparel", "food_drink", "personal_care", "mother_baby_pet", "digital", "home_textiles", "daily_goods", "fresh", "sports_outdoor"];
const SHOP_WORDS = ["花漾", "云裳", "鲜果", "暖阳", "青禾", "星辰", "木棉", "山茶", "海盐", "初见", "橘子", "蓝鲸", "竹语", "晨曦", "麦田", "锦瑟"];
const SHOP_TYPES = ["旗舰店", "专营店", "官方店", "小铺", "严选", "工坊"];
const CREATOR_WORDS = ["小鹿", "阿May", "大胃王", "甜甜", "老王", "桃子", "阿杰", "一一", "橙子", "奶糖", "大伟", "小雨"];
const CREATOR_TYPES = ["穿搭", "美妆", "好物", "探店", "家居", "育儿", "数码", "测评"];

type DemoEntity = { kind: EntityKind; name: string; category: string; externalId?: string };

/** A shop of the demo directory that is also a merchant the demo creator sold for (its 合作商家 show the card). */
export type DemoMerchant = { shopId: string; name: string };

function entitiesOf(random: Random, index: number, counts: { shops: number; creators: number }, merchants: readonly DemoMerchant[]): DemoEntity[] {
  const made: DemoEntity[] = [];
  for (let i = 0; i < counts.shops; i++) {
    const name = `${random.pick(SHOP_WORDS)}${random.pick(SHOP_TYPES)} ${index + 1}-${i + 1}`;
    const category = random.pick(CATEGORIES);
    const merchant = index === 0 ? merchants[i] : undefined;
    made.push(merchant ? { kind: "shop", name: merchant.name, category, externalId: merchant.shopId } : { kind: "shop", name, category });
  }
  for (let i = 0; i < counts.creators; i++) made.push({ kind: "creator", name: `${random.pick(CREATOR_WORDS)}${random.pick(CREATOR_TYPES)} ${index + 1}-${i + 1}`, category: random.pick(CATEGORIES) });
  return made;
}

const clampScore = (score: number) => Math.round(Math.min(5, Math.max(3, score)) * 100) / 100;

/** Cards and their days for entities of one organisation: a gentle random walk ending on a freshness day. */
async function publish(tx: Tx, orgId: string, random: Random, entities: DemoEntity[], today: Day): Promise<string[]> {
  const cardIds: string[] = [];
  for (const kind of ["shop", "creator"] as const) {
    const ofKind = entities.filter((e) => e.kind === kind);
    if (ofKind.length === 0) continue;
    const table = kind === "shop" ? shops : creators;
    const ruleSetName = kind === "shop" ? "douyin-shop-v1" : "douyin-creator-v1";
    const ruleSet = getRuleSet(ruleSetName);
    const rows = await tx
      .insert(table)
      .values(ofKind.map((e, i) => ({ orgId, externalId: e.externalId ?? `demo-dir-${kind}-${i + 1}`, name: e.name, categoryCode: e.category, ruleSet: ruleSetName })))
      .returning({ id: table.id, name: table.name, externalId: table.externalId, categoryCode: table.categoryCode });
    const cards = [];
    const days = [];
    for (const entity of rows) {
      const level = random.normal(4.5, 0.28);
      const drift = random.normal(0, 0.004);
      const rate = Math.min(0.995, Math.max(0.75, random.normal(0.92, 0.04)));
      const lastDay = addDays(today, -random.int(0, 3));
      const fields = random.chance(0.15) ? DEFAULT_FIELDS.filter((f) => f !== "dimensions") : [...DEFAULT_FIELDS, ...(random.chance(0.3) ? (["contact"] as const) : [])];
      const shows = new Set<CardField>(fields);
      const cardId = crypto.randomUUID();
      const history = Array.from({ length: HISTORY_DAYS }, (_, back) => ({ day: addDays(lastDay, -back), overall: clampScore(level - drift * back + random.normal(0, 0.01)) }));
      for (const [back, point] of history.entries()) {
        const before = history[back + 29]?.overall ?? clampScore(level - drift * (back + 30));
        const change = Number((point.overall - before).toFixed(6));
        const value = {
          orgId,
          cardId,
          day: point.day,
          overall: point.overall,
          product: shows.has("dimensions") ? clampScore(point.overall + random.normal(0, 0.15)) : null,
          logistics: shows.has("dimensions") ? clampScore(point.overall + random.normal(0, 0.15)) : null,
          service: shows.has("dimensions") ? clampScore(point.overall + random.normal(0, 0.15)) : null,
          goodReviewRate: Math.round(Math.min(0.999, Math.max(0.7, rate + random.normal(0, 0.003))) * 10_000) / 10_000,
          trend30: change,
          trend90: Number((change * 3).toFixed(6)),
          trend: trendOf(change, ruleSet),
        };
        days.push(value);
        const { orgId: _owner, cardId: _card, ...values } = value;
        if (back === 0) cards.push({ ...values, orgId, id: cardId, entityKind: kind, entityId: entity.id, name: entity.name, platformId: entity.externalId, fields, categoryCode: entity.categoryCode, ruleSet: ruleSetName, contact: shows.has("contact") ? `微信 demo-bd-${cards.length + 1}` : null });
      }
      cardIds.push(cardId);
    }
    await insertJsonRows(tx, directoryCards, cards);
    await insertJsonRows(tx, directoryCardDays, days);
  }
  return cardIds;
}

/** Seeds the demo directory once (the caller runs it with the demo organisation). Returns the demo MCN's id. */
export async function seedDemoDirectory(handle: DbHandle, options: { ownerUserId: string; today: Day; merchants: readonly DemoMerchant[] }): Promise<string> {
  const random = seededRandom(2026);
  const published: string[] = [];
  for (const [index, publisher] of PUBLISHERS.entries()) {
    const org = await createOrganisation(handle, { name: publisher.name, kind: publisher.kind, ownerUserId: null, demo: true });
    published.push(...(await withTenant(handle, { orgId: org.orgId }, (tx) => publish(tx, org.orgId, random, entitiesOf(random, index, publisher, options.merchants), options.today))));
  }
  const mcn = await createOrganisation(handle, { name: DEMO_MCN_NAME, kind: "creator_team", ownerUserId: options.ownerUserId, demo: true });
  await withTenant(handle, { orgId: mcn.orgId, userId: options.ownerUserId }, async (tx) => {
    const [list] = await tx.insert(shortlists).values({ orgId: mcn.orgId, name: "美妆候选 Beauty candidates", createdBy: options.ownerUserId }).returning({ id: shortlists.id });
    if (list)
      await tx.insert(shortlistItems).values(published.slice(0, 3).map((cardId, i) => ({ orgId: mcn.orgId, shortlistId: list.id, cardId, status: i === 0 ? ("talking" as const) : ("to_contact" as const) })));
    await tx.insert(savedSearches).values({ orgId: mcn.orgId, userId: options.ownerUserId, name: "美妆 ≥ 4.8 · 好评 ≥ 95%", filter: { category: "beauty", minScore: 4.8, minGoodReviewRate: 0.95 }, bar: { minScore: 4.6, minGoodReviewRate: 0.9 } });
  });
  return mcn.orgId;
}

/** The demo agency lists some of its own scored shops and creators; their values arrive with its rescore. */
export async function listDemoAgencyCards(tx: Tx, orgId: string, entities: { kind: EntityKind; id: string; name: string }[]): Promise<void> {
  if (entities.length === 0) return;
  await tx.insert(directoryCards).values(entities.map((e) => ({ orgId, entityKind: e.kind, entityId: e.id, name: e.name, fields: [...DEFAULT_FIELDS, "indicators" as const] })));
}
