import type { Tx } from "@/db/client";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import type { Day } from "@/server/lib/time";

/** How far ahead the portfolio warns: "falls under 4.6 within 7 days if nothing changes". */
export const RISK_HORIZON_DAYS = 7;

/** The first day an entity's forecast score falls below a threshold it holds on the view day. */
export type ThresholdCrossing = {
  entityKind: EntityKind;
  entityId: string;
  /** The lowest shown score of the band the entity is about to lose. */
  thresholdMinScore: number;
  crossingDay: Day;
};

/**
 * What the portfolio needs of the score forecast (stored after each rescore by server/forecast):
 * the crossings within the horizon after the view day, for every entity of the organisation.
 * `available` is false when no forecast is stored at all, so the page shows "—" rather than
 * "nobody at risk".
 */
export type RiskReader = (tx: Tx, orgId: string, viewDay: Day, horizonDays: number) => Promise<{ available: boolean; crossings: ThresholdCrossing[] }>;

/** Until the forecast is wired in: nothing is known about risk. */
export const noForecast: RiskReader = () => Promise.resolve({ available: false, crossings: [] });
