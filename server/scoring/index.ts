/**
 * The scoring core's public surface: pure functions over plain data (scoring.md). The DB layer
 * loads facts, stores roll-ups and cached values, and persists scores; nothing here touches it.
 *
 *   facts ──buildDailyRollups──▶ RollupRow[] ──computeIndicatorValues(day)──▶ IndicatorValues
 *   all entities' values ──scoreDay({ ruleSet, entities })──▶ EntityScore[] ──buildExplanation──▶ §8
 */
export * from "./facts";
export * from "./rollups";
export * from "./indicators";
export * from "./window";
export * from "./indicator-values";
export * from "./recency-weight";
export * from "./percentile";
export * from "./curve";
export * from "./score-day";
export * from "./explain";
export * from "./rule-sets";
