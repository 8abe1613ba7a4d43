import { SCORED_ENTITY_KINDS } from "@/lib/contracts/entities";
import { listEntities } from "@/server/entities/queries";
import { readForecastRisk } from "@/server/insight/forecast-store";
import type { RiskReader, ThresholdCrossing } from "./risk";

/**
 * The portfolio's risk from the forecasts the rescoring stores for each entity's newest score
 * (server/insight/forecast-store.ts): the first fall below a threshold within the horizon. A view
 * of another earlier day has no forecast, and neither has an organisation none was stored for: "—".
 */
export const portfolioRisks: RiskReader = async (tx, scope, view) => {
  let available = false;
  const crossings: ThresholdCrossing[] = [];
  for (const kind of SCORED_ENTITY_KINDS) {
    const ids = (await listEntities(tx, scope, kind, { includeArchived: false })).map((entity) => entity.id);
    const risks = await readForecastRisk(tx, scope, kind, ids);
    for (const risk of risks.values()) {
      // A forecast starts from the entity's newest score: it answers a view of that day or of the newest scores.
      if (!view.latest && risk.madeForDay !== view.viewDay) continue;
      available = true;
      const fall = risk.firstFall;
      if (fall && fall.inDays <= view.horizonDays) crossings.push({ entityKind: kind, entityId: risk.entityId, thresholdMinScore: fall.minScore, crossingDay: fall.day });
    }
  }
  return { available, crossings };
};
