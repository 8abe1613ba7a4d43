import type { Tx } from "@/db/client";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import type { OrgScope } from "@/server/lib/scope";
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
 * What the portfolio needs of the score forecast (stored after each rescore): the first fall below
 * a threshold within the horizon, for every entity the member may see. Forecasts are stored for
 * the newest scores only, so a view of an earlier day (`latest` false) has none. `available` is
 * false when no forecast applies at all, so the page shows "—" rather than "nobody at risk".
 */
export type RiskReader = (
  tx: Tx,
  scope: OrgScope,
  view: { viewDay: Day; latest: boolean; horizonDays: number },
) => Promise<{ available: boolean; crossings: ThresholdCrossing[] }>;

/** Until the forecast is wired in: nothing is known about risk. */
export const noForecast: RiskReader = () => Promise.resolve({ available: false, crossings: [] });
