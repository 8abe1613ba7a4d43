"use client";

import { useQuery } from "@tanstack/react-query";
import type { RouterOutputs } from "@/components/api-types";
import type { ScoreEntityKind } from "@/components/scores/types";
import { useTRPC } from "@/lib/trpc-client";

export type EntityForecastData = RouterOutputs["shops"]["forecast"];
export type ForecastPoint = NonNullable<EntityForecastData["forecast"]>["days"][number];

/** The forecast is written after a rescore's history days: until one newer than the shown score is there, look again. */
const WAITING_REFETCH_MS = 15_000;

/** The stored "if nothing changes" forecast of a shop or creator account (read, never computed, on the page). */
export function useEntityForecast(kind: ScoreEntityKind, id: string, scoreComputedAt: Date | string | null, enabled = true) {
  const trpc = useTRPC();
  const options = kind === "shop" ? trpc.shops.forecast.queryOptions({ id }) : trpc.creators.forecast.queryOptions({ id });
  const scoredAt = scoreComputedAt === null ? 0 : new Date(scoreComputedAt).getTime();
  return useQuery({
    ...options,
    enabled,
    refetchInterval: (query) => {
      const forecast = query.state.data?.forecast;
      if (forecast === undefined) return false;
      return forecast === null || new Date(forecast.computedAt).getTime() < scoredAt ? WAITING_REFETCH_MS : false;
    },
  });
}
