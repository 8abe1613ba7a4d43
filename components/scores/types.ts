import type { RouterOutputs } from "@/components/api-types";
import type { DimensionExplanation, IndicatorExplanation, ScoreExplanation } from "@/server/scoring/explain";

export type { DimensionExplanation, IndicatorExplanation, ScoreExplanation };

export type ScoreEntityKind = "shop" | "creator";
export type EntityScoreData = RouterOutputs["scores"]["shop"];
export type ScoreHistoryPoint = EntityScoreData["history"][number];
export type PortfolioRow = RouterOutputs["scores"]["portfolio"][number];
export type Threshold = ScoreExplanation["ruleSet"]["thresholds"][number];
