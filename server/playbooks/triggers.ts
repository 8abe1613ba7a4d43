import { compareAlertValue } from "@/lib/contracts/alerts";
import type { DimensionExplanation, IndicatorExplanation, ScoreExplanation } from "@/lib/contracts/explanation";
import type { EntityForecast } from "@/lib/contracts/outlook";
import type { PlaybookDefinition, PlaybookTrigger } from "@/lib/contracts/playbooks";

/**
 * Whether a playbook's triggers fire on a stored explanation (and the stored forecast made on the
 * same day), and how strongly. Pure: the explanation is what the score page shows, so a suggestion
 * never disagrees with the numbers beside it.
 *
 * Strength is how far past its bound a trigger is, relative to the room it has, from 0 to 1:
 * - percentile below b: (b − P) / b, so the lowest percentiles come first;
 * - value beyond a bound v₀: |v − v₀| / |v₀| (capped at 1), the relative breach;
 * - score below s₀: (s₀ − shown) / (s₀ − the rule set's lowest score);
 * - forecast crossing within n days, first on day k: (n − k + 1) / n, so the nearest fall first.
 * A playbook's strength is its strongest firing trigger; suggestions are sorted on it, ties broken
 * by the lower indicator percentile, then the code.
 */
export type FiredTrigger = {
  trigger: PlaybookTrigger;
  strength: number;
  indicator: IndicatorExplanation | null;
  dimension: DimensionExplanation | null;
  /** The shown score a score trigger compared. */
  score: number | null;
  /** Days until the forecast falls under the threshold, and that day. */
  forecast: { inDays: number; day: string } | null;
};

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

function findIndicator(explanation: ScoreExplanation, code: string): { indicator: IndicatorExplanation; dimension: DimensionExplanation } | null {
  for (const dimension of explanation.dimensions) {
    const indicator = dimension.indicators.find((i) => i.code === code);
    if (indicator) return { indicator, dimension };
  }
  return null;
}

function evaluate(trigger: PlaybookTrigger, explanation: ScoreExplanation, forecast: EntityForecast | null): FiredTrigger | null {
  const none = { indicator: null, dimension: null, score: null, forecast: null };
  switch (trigger.type) {
    case "indicator_percentile_below": {
      const found = findIndicator(explanation, trigger.indicator);
      const percentile = found?.indicator.missing ? null : (found?.indicator.percentile ?? null);
      if (!found || percentile === null || !(percentile < trigger.below)) return null;
      return { ...none, trigger, strength: clamp01((trigger.below - percentile) / trigger.below), ...found };
    }
    case "indicator_value": {
      const found = findIndicator(explanation, trigger.indicator);
      const value = found?.indicator.missing ? null : (found?.indicator.value ?? null);
      if (!found || value === null || !compareAlertValue(value, trigger.op, trigger.value)) return null;
      const scale = Math.abs(trigger.value) > 1e-9 ? Math.abs(trigger.value) : 1;
      return { ...none, trigger, strength: clamp01(Math.abs(value - trigger.value) / scale), ...found };
    }
    case "score_below": {
      const dimension = trigger.target === "overall" ? null : (explanation.dimensions.find((d) => d.code === trigger.target) ?? null);
      const shown = trigger.target === "overall" ? explanation.overallShown : (dimension?.scoreShown ?? null);
      if (shown === null || !(shown < trigger.below)) return null;
      const room = trigger.below - explanation.ruleSet.scoreBounds.min;
      return { ...none, trigger, dimension, score: shown, strength: room > 0 ? clamp01((trigger.below - shown) / room) : 1 };
    }
    case "forecast_below": {
      // A crossing: the score stands at or above the threshold today and falls under it soon.
      if (!forecast || forecast.madeForDay !== explanation.day) return null;
      if (explanation.overallShown === null || explanation.overallShown < trigger.threshold) return null;
      const crossing = forecast.crossings.find((c) => c.direction === "falls_below" && c.minScore === trigger.threshold);
      const dayIndex = forecast.days.findIndex((d) => d.overall !== null && d.overall < trigger.threshold);
      const fall = crossing ?? (dayIndex >= 0 ? { inDays: dayIndex + 1, day: forecast.days[dayIndex]?.day ?? "" } : null);
      if (!fall || fall.inDays > trigger.withinDays) return null;
      return { ...none, trigger, forecast: { inDays: fall.inDays, day: fall.day }, strength: clamp01((trigger.withinDays - fall.inDays + 1) / trigger.withinDays) };
    }
  }
}

/** Every firing trigger of the playbook, strongest first. */
export function firedTriggers(definition: PlaybookDefinition, explanation: ScoreExplanation, forecast: EntityForecast | null): FiredTrigger[] {
  return definition.triggers
    .map((trigger) => evaluate(trigger, explanation, forecast))
    .filter((fired): fired is FiredTrigger => fired !== null)
    .sort(byStrength);
}

const percentileOf = (fired: FiredTrigger) => (fired.indicator?.missing ? null : (fired.indicator?.percentile ?? null)) ?? 1;

export function byStrength(a: FiredTrigger, b: FiredTrigger): number {
  return b.strength - a.strength || percentileOf(a) - percentileOf(b);
}

/** Whether a playbook is meant for this entity: its kind, and its rule sets when it names any. */
export function playbookFits(definition: PlaybookDefinition, kind: "shop" | "creator", ruleSet: string): boolean {
  return definition.entityKinds.includes(kind) && (definition.ruleSets.length === 0 || definition.ruleSets.includes(ruleSet));
}
