import { noForecast, type RiskReader } from "./risk";

/**
 * Where the portfolio's risk comes from: the one line to change when the stored forecasts
 * (server/forecast) land.
 */
export const portfolioRisks: RiskReader = noForecast;
