import type { RouterOutputs } from "@/components/api-types";
export type { DimensionExplanation, IndicatorExplanation, ScoreExplanation } from "@/lib/contracts/explanation";

export type ScoreEntityKind = "shop" | "creator";
export type EntityScoreData = RouterOutputs["scores"]["shop"];
export type ScoreHistoryPoint = EntityScoreData["history"][number];
export type PortfolioPageData = RouterOutputs["portfolio"]["page"];
export type PortfolioRow = PortfolioPageData["rows"][number];
