import type { Threshold } from "@/lib/contracts/explanation";
import { AppError } from "@/server/lib/errors";
import { DIMENSION_NAMES } from "../indicators";
import type { WindowSpec } from "../window";
import type { PointsRuleSet } from "./points-schema";
import type { RuleSet } from "./schema";

/**
 * What every rule set shows the app, whichever engine scores it (the 5-point roll-ups, or the
 * current rules measured from facts): its scale and bands, the order minimum, the main window
 * and its dimensions. Stored scores, the portfolio, history, goals and alerts read only this;
 * what-if, the outlook and indicator drill-downs need the 5-point rule set itself
 * (`fivePointRuleSet`).
 */
export type RuleSetView = {
  name: string;
  labelZh: string;
  labelEn: string;
  entityKind: "shop" | "creator";
  family: "five-point" | PointsRuleSet["family"];
  scoreBounds: { min: number; max: number };
  thresholds: Threshold[];
  displayDecimals: number;
  eligibility: { minValidOrders: number };
  windows: { main: WindowSpec };
  dimensions: readonly { code: string; nameZh: string; nameEn: string; weight: number; indicators: readonly { code: string; weight: number }[] }[];
};

export function viewOfFivePoint(ruleSet: RuleSet): RuleSetView {
  return {
    name: ruleSet.name,
    labelZh: ruleSet.labelZh,
    labelEn: ruleSet.labelEn,
    entityKind: ruleSet.entityKind,
    family: "five-point",
    scoreBounds: ruleSet.scoreBounds,
    thresholds: ruleSet.thresholds,
    displayDecimals: ruleSet.displayDecimals,
    eligibility: ruleSet.eligibility,
    windows: { main: ruleSet.windows.main },
    dimensions: ruleSet.dimensions.map((d) => ({ ...d, ...DIMENSION_NAMES[d.code] })),
  };
}

export function viewOfPoints(ruleSet: PointsRuleSet): RuleSetView {
  return {
    name: ruleSet.name,
    labelZh: ruleSet.labelZh,
    labelEn: ruleSet.labelEn,
    entityKind: ruleSet.entityKind,
    family: ruleSet.family,
    scoreBounds: ruleSet.scoreBounds,
    thresholds: ruleSet.scale.thresholds,
    displayDecimals: ruleSet.scale.displayDecimals,
    eligibility: { minValidOrders: ruleSet.stage?.minValidOrders ?? ruleSet.eligibility?.minDeliveredOrders ?? 0 },
    windows: { main: { fromDaysBefore: ruleSet.windowDays, toDaysBefore: 1 } },
    dimensions: ruleSet.dimensions,
  };
}

/** Refused where a tool works on the 5-point rules' internals and the entity is scored under the current rules. */
export const notUnderCurrentRules = (name: string) => new AppError("BAD_INPUT", "errors.notUnderCurrentRules", { params: { ruleSet: name } });
