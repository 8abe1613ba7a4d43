import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { afterSales, creatorOrders, orders, shops } from "@/db/schema";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import type { IndicatorFactRow } from "@/lib/contracts/insight";
import { getEntity } from "@/server/entities/queries";
import { badInput } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { addDays, todayInShanghai, type Day } from "@/server/lib/time";
import type { EntityFacts } from "@/server/scoring/facts";
import { listIndicatorFacts, type IndicatorFact } from "@/server/scoring/indicator-facts";
import { packedIndicatorValues } from "@/server/scoring/indicator-series";
import type { IndicatorValue } from "@/server/scoring/indicator-values";
import { INDICATORS, isIndicatorCode, type IndicatorCode } from "@/server/scoring/indicators";
import { fivePointRuleSet, valueParamsOf } from "@/server/scoring/rule-sets";
import { OLDEST_WINDOW_DAYS } from "@/server/scoring/store/indicator-cache";
import { loadCreatorFacts, loadShopFacts } from "@/server/scoring/store/load-facts";
import { emptyPackedRollups } from "@/server/scoring/packed-rollups";
import { loadPackedRollups } from "@/server/scoring/store/rollup-store";
import { windowBounds } from "@/server/scoring/window";
import { factRowOf, type FactNames } from "./fact-detail";

/** The qualifier load-facts.ts puts before a creator's own imported order ids. */
const OWN_ORDERS = "creator";

export type IndicatorFactsRequest = { kind: EntityKind; id: string; indicator: string; day?: Day };

/** The entity's facts as the engine reads them, and the names the drill-down shows beside them. */
async function loadFactsWithNames(tx: Tx, orgId: string, entity: { kind: EntityKind; id: string; externalId: string }): Promise<{ facts: EntityFacts; names: FactNames }> {
  const creator = entity.kind === "creator";
  const facts = creator ? await loadCreatorFacts(tx, orgId, entity) : await loadShopFacts(tx, orgId, entity.id);
  const orderScope = creator ? eq(orders.authorId, entity.externalId) : eq(orders.shopId, entity.id);
  const [products, reasons, shopNames, own] = await Promise.all([
    tx.select({ shopId: orders.shopId, orderId: orders.orderId, productName: orders.productName }).from(orders).where(and(eq(orders.orgId, orgId), orderScope)),
    tx
      .select({ shopId: afterSales.shopId, aftersaleId: afterSales.aftersaleId, reason: afterSales.reason })
      .from(afterSales)
      .innerJoin(orders, and(eq(orders.orgId, afterSales.orgId), eq(orders.shopId, afterSales.shopId), eq(orders.orderId, afterSales.orderId)))
      .where(and(eq(afterSales.orgId, orgId), orderScope)),
    tx.select({ id: shops.id, name: shops.name }).from(shops).where(eq(shops.orgId, orgId)),
    creator
      ? tx
          .select({ orderId: creatorOrders.orderId, productName: creatorOrders.productName, merchant: creatorOrders.merchantShopName, aftersaleId: creatorOrders.aftersaleId, reason: creatorOrders.aftersaleReason })
          .from(creatorOrders)
          .where(and(eq(creatorOrders.orgId, orgId), eq(creatorOrders.creatorId, entity.id)))
      : Promise.resolve([]),
  ]);
  // A creator's order ids are `${shopId}:${orderId}` from the organisation's shops, or
  // `creator:${orderId}` from its own 达人订单 export (load-facts.ts); a shop's are plain.
  const split = (factOrderId: string) => {
    if (!creator) return { shopId: entity.id, orderId: factOrderId };
    const at = factOrderId.indexOf(":");
    return { shopId: factOrderId.slice(0, at), orderId: factOrderId.slice(at + 1) };
  };
  const key = (shopId: string, id: string) => `${shopId}\u0000${id}`;
  const productByOrder = new Map(products.map((p) => [key(p.shopId, p.orderId), p.productName]));
  const reasonByAfterSale = new Map(reasons.map((r) => [key(r.shopId, r.aftersaleId), r.reason]));
  const shopName = new Map(shopNames.map((s) => [s.id, s.name]));
  for (const o of own) {
    productByOrder.set(key(OWN_ORDERS, o.orderId), o.productName);
    reasonByAfterSale.set(key(OWN_ORDERS, o.aftersaleId ?? o.orderId), o.reason);
  }
  const merchantOf = new Map(own.map((o) => [o.orderId, o.merchant]));
  return {
    facts,
    names: {
      orderOf: (factOrderId) => {
        const { shopId, orderId } = split(factOrderId);
        if (!creator) return { orderId, shopName: null };
        return { orderId, shopName: shopId === OWN_ORDERS ? (merchantOf.get(orderId) ?? null) : (shopName.get(shopId) ?? null) };
      },
      productOf: (factOrderId) => {
        const { shopId, orderId } = split(factOrderId);
        return productByOrder.get(key(shopId, orderId)) ?? null;
      },
      reasonOf: (factOrderId, afterSaleId) => {
        const { shopId } = split(factOrderId);
        const id = shopId === OWN_ORDERS ? afterSaleId.slice(afterSaleId.indexOf(":") + 1) : afterSaleId;
        return reasonByAfterSale.get(key(shopId, id)) ?? null;
      },
    },
  };
}

/**
 * The indicator as the engine computes it for the day from the stored roll-ups: the numbers the
 * score explains, for any day, stored in the history or not.
 */
async function indicatorFromRollups(tx: Tx, orgId: string, kind: EntityKind, entityId: string, code: IndicatorCode, day: Day, ruleSetName: string): Promise<IndicatorValue | null> {
  const rows = await loadPackedRollups(tx, { orgId, kind, entityIds: [entityId], from: addDays(day, -OLDEST_WINDOW_DAYS), to: addDays(day, -1) });
  return packedIndicatorValues(rows.get(entityId) ?? emptyPackedRollups(0), day, valueParamsOf(fivePointRuleSet(ruleSetName))).indicators[code];
}

export type IndicatorFactsResult = {
  entity: { kind: EntityKind; id: string; name: string; externalId: string; ruleSet: string };
  day: Day;
  indicator: {
    code: IndicatorCode;
    nameZh: string;
    nameEn: string;
    kind: "rate" | "mean";
    better: "higher" | "lower";
    windowFirstDay: Day;
    windowLastDay: Day;
    /** Whether the entity's rule set scores this indicator. */
    inRuleSet: boolean;
    value: number | null;
    numerator: number | null;
    denominator: number | null;
  };
  /** The engine's lines, for callers that need the raw contributions (the CLI). */
  lines: IndicatorFact[];
  rows: IndicatorFactRow[];
};

/**
 * Every fact behind one indicator of a shop or creator account on a day (default: today), as
 * the explanation counts it, with the indicator's own numbers beside them.
 */
export async function indicatorFacts(tx: Tx, scope: OrgScope, request: IndicatorFactsRequest): Promise<IndicatorFactsResult> {
  if (!isIndicatorCode(request.indicator)) throw badInput("unknownIndicator", "indicator", { value: request.indicator });
  const code = request.indicator;
  const entity = await getEntity(tx, scope, request.kind, request.id);
  const ruleSet = fivePointRuleSet(entity.ruleSet);
  const day = request.day ?? todayInShanghai();
  const definition = INDICATORS[code];
  const computed = await indicatorFromRollups(tx, scope.orgId, request.kind, entity.id, code, day, entity.ruleSet);
  const { facts, names } = await loadFactsWithNames(tx, scope.orgId, { kind: request.kind, id: entity.id, externalId: entity.externalId });
  const lines = listIndicatorFacts(facts, code, day, valueParamsOf(ruleSet));
  const bounds = windowBounds(day, ruleSet.windows[definition.window]);
  return {
    entity: { kind: request.kind, id: entity.id, name: entity.name, externalId: entity.externalId, ruleSet: entity.ruleSet },
    day,
    indicator: {
      code,
      nameZh: definition.nameZh,
      nameEn: definition.nameEn,
      kind: definition.kind,
      better: definition.better,
      windowFirstDay: bounds.first,
      windowLastDay: bounds.last,
      inRuleSet: ruleSet.dimensions.some((d) => d.indicators.some((i) => i.code === code)),
      value: computed?.value ?? null,
      numerator: computed?.numerator ?? null,
      denominator: computed?.denominator ?? null,
    },
    lines,
    rows: lines.map((line) => factRowOf(line, code, computed?.value ?? null, names)),
  };
}
