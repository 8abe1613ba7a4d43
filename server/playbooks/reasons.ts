import type { IndicatorExplanation } from "@/lib/contracts/explanation";
import { message, type Message } from "@/lib/contracts/message";
import type { FiredTrigger } from "./triggers";

/**
 * Why a playbook is suggested, as a message rendered in the reader's language: "物流体验 · 平均物流到货时长
 * beats 2% of 服饰内衣 peers; 78 h vs peer median 52 h". Names come from the explanation (the rule
 * set's own), Chinese first with English beside them in the English catalogue; category names from
 * the catalogue table.
 */
export type CategoryNames = ReadonlyMap<string, { nameZh: string; nameEn: string }>;

const round1 = (x: number) => Math.round(x * 10) / 10;

/** An indicator's value as the reason shows it: rates in percent, durations in hours. */
export function valueMessage(indicator: Pick<IndicatorExplanation, "kind">, value: number): Message {
  return indicator.kind === "rate" ? message("playbooks.values.rate", { percent: round1(value * 100) }) : message("playbooks.values.hours", { hours: round1(value) });
}

function cohortMessage(indicator: IndicatorExplanation, categories: CategoryNames): Message {
  if (indicator.fallback || indicator.cohortCategory === null) return message("playbooks.reasons.cohortAll");
  const known = categories.get(indicator.cohortCategory);
  return message("playbooks.reasons.cohortCategory", { category: named(known ?? { nameZh: indicator.cohortCategory, nameEn: indicator.cohortCategory }) });
}

/** A rule set's or the catalogue's name: Chinese, with the English beside it in the English catalogue. */
const named = (x: { nameZh: string; nameEn: string }): Message => message("playbooks.reasons.named", { zh: x.nameZh, en: x.nameEn });

function withMedian(first: Message, indicator: IndicatorExplanation, median: number | null): Message {
  if (median === null || indicator.value === null) return first;
  const second = message("playbooks.reasons.median", { value: valueMessage(indicator, indicator.value), median: valueMessage(indicator, median) });
  return message("playbooks.reasons.pair", { first, second });
}

/** The reason of the strongest firing trigger; `median` is the cohort's median of its indicator when known. */
export function reasonMessage(fired: FiredTrigger, categories: CategoryNames, median: number | null): Message {
  const { trigger, indicator, dimension } = fired;
  if (trigger.type === "indicator_percentile_below" && indicator && dimension) {
    const percent = Math.round((indicator.percentile ?? 0) * 100);
    const first = message("playbooks.reasons.percentile", { dimension: named(dimension), indicator: named(indicator), percent, cohort: cohortMessage(indicator, categories) });
    return withMedian(first, indicator, median);
  }
  if (trigger.type === "indicator_value" && indicator && indicator.value !== null) {
    const first = message("playbooks.reasons.value", {
      indicator: named(indicator),
      value: valueMessage(indicator, indicator.value),
      op: trigger.op,
      bound: valueMessage(indicator, trigger.value),
    });
    return withMedian(first, indicator, median);
  }
  if (trigger.type === "score_below") {
    const target = dimension ? named(dimension) : message("playbooks.reasons.overall");
    return message("playbooks.reasons.score", { target, score: fired.score ?? 0, below: trigger.below });
  }
  if (trigger.type === "forecast_below" && fired.forecast) {
    return message("playbooks.reasons.forecast", { threshold: trigger.threshold, inDays: fired.forecast.inDays, day: fired.forecast.day });
  }
  return message("playbooks.reasons.generic");
}
