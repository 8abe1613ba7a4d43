import type { Tx } from "@/db/client";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import { getEntity } from "@/server/entities/queries";
import type { OrgScope } from "@/server/lib/scope";
import { getRuleSetView } from "@/server/scoring/rule-sets";
import { scoreScaleOf, shownScoreOf } from "@/server/scoring/score-display";
import { readEntityForecast } from "./forecast-store";

/** The score's outlook (forecast, what-if, gap to threshold): the use cases the routers call. */
export { whatIf } from "./what-if";
export { gapToThreshold } from "./gap";
export { readForecastRisk, type ForecastRisk } from "./forecast-store";

/** The stored "if nothing changes" forecast of one entity, each day also as shown, with its rule set's scale (null forecast: none stored yet). */
export async function entityForecast(tx: Tx, scope: OrgScope, kind: EntityKind, id: string) {
  const entity = await getEntity(tx, scope, kind, id);
  // Only the 5-point rule sets forecast; any rule set's scale shows "none stored".
  const ruleSet = getRuleSetView(entity.ruleSet);
  const forecast = await readEntityForecast(tx, scope, kind, entity.id);
  const shown = (overall: number | null) => (overall === null ? null : shownScoreOf(ruleSet, overall).shown);
  return {
    forecast: forecast && { ...forecast, currentShown: shown(forecast.currentOverall), days: forecast.days.map((d) => ({ ...d, overallShown: shown(d.overall) })) },
    scale: scoreScaleOf(ruleSet),
  };
}
