import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import type { ScoredEntityKind } from "@/lib/contracts/entities";
import type { HurtIndicator } from "@/lib/contracts/voc";
import { getEntity } from "@/server/entities/queries";
import type { OrgScope } from "@/server/lib/scope";
import { GOOD_STARS, INDICATORS, type IndicatorCode } from "@/server/scoring";
import { fivePointRuleSet } from "@/server/scoring/rule-sets";

/**
 * A shop or creator account as the voice-of-the-customer queries see it: which orders are its own
 * (a shop's orders; a creator's, the orders carrying its author id in any shop of the
 * organisation, as the engine loads them) and which indicators its rule set scores.
 */
export type VocEntity = {
  kind: ScoredEntityKind;
  orgId: string;
  ruleSet: string;
  /** The shop itself; null for a creator account, whose orders span shops (and which has no chats). */
  shopId: string | null;
  /** Conditions on the orders table, aliased `o`: the entity's orders, in its organisation. */
  ownOrders: SQL;
  /** The indicator `code` as the entity's rule set names it, or null when the rule set does not score it. */
  indicator(code: IndicatorCode): HurtIndicator | null;
};

/** Valid orders (scoring.md §3): type normal and not cancelled; same test as isValidOrder. */
export const VALID_ORDER = sql`o.order_type = 'normal' and o.status is distinct from 'cancelled'`;

/** A review that keeps at least one good-review rate down: some rating below 好评 (GOOD_STARS). */
export const BAD_REVIEW = sql`least(coalesce(r.product_stars, ${GOOD_STARS}), coalesce(r.logistics_stars, ${GOOD_STARS}), coalesce(r.service_stars, ${GOOD_STARS})) < ${GOOD_STARS}`;

/** Wall-clock Shanghai (UTC+8, no daylight saving) of a timestamptz column, whatever the session's zone. */
export const shanghaiWallClock = (column: SQL) => sql`((${column}) at time zone 'UTC' + interval '8 hours')`;

/** `column` in [from, to): instants sent as ISO text, so both drivers bind them alike. */
export const between = (column: SQL, window: { from: Date; to: Date }) =>
  sql`${column} >= ${window.from.toISOString()}::timestamptz and ${column} < ${window.to.toISOString()}::timestamptz`;

/** Resolves the entity the member may see (not found otherwise, like every entity read). */
export async function vocEntity(tx: Tx, scope: OrgScope, kind: ScoredEntityKind, id: string): Promise<VocEntity> {
  const entity = await getEntity(tx, scope, kind, id);
  const ruleSet = fivePointRuleSet(entity.ruleSet);
  const scored = new Set(ruleSet.dimensions.flatMap((d) => d.indicators.map((i) => i.code)));
  const ownOrders =
    kind === "shop" ? sql`o.org_id = ${scope.orgId} and o.shop_id = ${entity.id}` : sql`o.org_id = ${scope.orgId} and o.author_id = ${entity.externalId}`;
  return {
    kind,
    orgId: scope.orgId,
    ruleSet: entity.ruleSet,
    shopId: kind === "shop" ? entity.id : null,
    ownOrders,
    indicator(code) {
      if (!scored.has(code)) return null;
      const { nameZh, nameEn } = INDICATORS[code];
      const dimension = ruleSet.dimensions.find((d) => d.indicators.some((i) => i.code === code))?.code ?? INDICATORS[code].dimension;
      return { code, nameZh, nameEn, dimension };
    },
  };
}
