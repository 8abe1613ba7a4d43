"use client";

import { useQuery } from "@tanstack/react-query";
import type { RouterOutputs } from "@/components/api-types";
import type { ScoreEntityKind } from "@/components/scores/types";
import { useTRPC } from "@/lib/trpc-client";

export type EntityForecastData = RouterOutputs["shops"]["forecast"];
export type ForecastPoint = NonNullable<EntityForecastData["forecast"]>["days"][number];

/** The stored "if nothing changes" forecast of a shop or creator account (read, never computed, on the page). */
export function useEntityForecast(kind: ScoreEntityKind, id: string) {
  const trpc = useTRPC();
  return useQuery(kind === "shop" ? trpc.shops.forecast.queryOptions({ id }) : trpc.creators.forecast.queryOptions({ id }));
}
