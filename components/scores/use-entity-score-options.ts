"use client";

import { useTRPC } from "@/lib/trpc-client";
import type { ScoreEntityKind } from "./types";
import { useAsOfDay } from "./use-as-of-day";

/**
 * The score read of an entity page (as of `?date=` or the latest). The page asks for it together
 * with the entity itself, so both travel in one batched request; the score panel reads the same
 * cache entry.
 */
export function useEntityScoreOptions(kind: ScoreEntityKind, id: string) {
  const trpc = useTRPC();
  const [asOf] = useAsOfDay();
  const input = { id, day: asOf ?? undefined };
  return kind === "shop" ? trpc.scores.shop.queryOptions(input) : trpc.scores.creator.queryOptions(input);
}
