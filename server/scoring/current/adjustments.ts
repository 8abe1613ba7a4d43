import type { PointsRuleSet } from "../rule-sets/points-schema";
import type { ShopService } from "@/lib/contracts/facts";
import type { CurrentShop } from "./facts";
import type { CurrentBonus, CurrentDeduction, CurrentScore } from "./result";
import { happened, inSpan, type ShopContext, type Span } from "./shop-context";

/** Non-revoked penalty records of the window, of any type (the growth stage's 60). */
const penaltiesIn = (ctx: ShopContext, window: Span) => ctx.shop.facts.penalties.filter((p) => p.revoked !== true && inSpan(p.occurredAt, window));

export const penaltyEvents = (ctx: ShopContext, window: Span): number => penaltiesIn(ctx, window).length;

/** The service was on at some moment of the window. */
function serviceOnDuring(shop: CurrentShop, service: ShopService, window: Span): boolean {
  return shop.facts.services.some((s) => s.service === service && s.enabledAt < window.to && (s.disabledAt === null || s.disabledAt > window.from));
}

const validPaidIn = (ctx: ShopContext, window: Span) => ctx.validOrders.filter((o) => inSpan(o.paidAt, window));

const matches = (shop: CurrentShop, categories: readonly string[]) => shop.categoryNames.some((name) => categories.includes(name));

/**
 * Bonuses of the rule set the shop earned in the window. A dimension bonus is added to that
 * dimension's score here (capped), and reports what it added; the others add to the total.
 */
export function bonusesOf(ruleSet: PointsRuleSet, ctx: ShopContext, window: Span, dimensions: CurrentScore["dimensions"]): CurrentBonus[] {
  const earned: CurrentBonus[] = [];
  for (const bonus of ruleSet.bonuses) {
    switch (bonus.rule) {
      case "remote_delivery": {
        const signedWithoutAfterSale = ctx.validOrders.some(
          (o) => o.remote === true && inSpan(happened(o.deliveredAt, ctx.asOf), window) && !ctx.firstAfterSale.has(o.orderId),
        );
        if (!serviceOnDuring(ctx.shop, "remote_delivery", window) || !signedWithoutAfterSale) break;
        const dimension = bonus.addTo === "total" ? undefined : dimensions[bonus.addTo];
        if (!dimension) {
          earned.push({ code: bonus.code, points: bonus.points });
          break;
        }
        const raised = Math.min(bonus.dimensionCap, dimension.score + bonus.points);
        const applied = raised - dimension.score;
        dimension.score = raised;
        earned.push({ code: bonus.code, points: bonus.points, dimension: bonus.addTo, applied });
        break;
      }
      case "next_day_share": {
        const signed = ctx.validOrders.filter((o) => inSpan(happened(o.deliveredAt, ctx.asOf), window));
        const nextDay = signed.filter((o) => o.nextDay === true).length;
        if (signed.length > 0 && nextDay / signed.length >= bonus.minShare) earned.push({ code: bonus.code, points: bonus.points });
        break;
      }
      case "insured_orders": {
        const used = validPaidIn(ctx, window).some((o) => o[bonus.orderFlag] === true);
        if (used && serviceOnDuring(ctx.shop, bonus.service, window)) earned.push({ code: bonus.code, points: bonus.points });
        break;
      }
      case "onsite_install": {
        if (!matches(ctx.shop, bonus.categories)) break;
        const paid = validPaidIn(ctx, window);
        const installed = paid.filter((o) => o.onsiteInstall === true).length;
        if (installed >= bonus.minOrders && installed / paid.length >= bonus.minShare) earned.push({ code: bonus.code, points: bonus.points });
        break;
      }
    }
  }
  return earned;
}

/** Deductions for the window's non-revoked penalties: per event up to a cap, or once per group. */
export function deductionsOf(ruleSet: PointsRuleSet, ctx: ShopContext, window: Span): CurrentDeduction[] {
  const penalties = penaltiesIn(ctx, window);
  const deductions: CurrentDeduction[] = [];
  for (const rule of ruleSet.deductions) {
    const events = penalties.filter((p) => rule.types.includes(p.type)).length;
    if (events === 0) continue;
    const points = rule.once ? rule.points : Math.min(events * rule.points, rule.cap ?? Infinity);
    deductions.push({ code: rule.code, events, points });
  }
  return deductions;
}
