"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/lib/trpc-client";

/**
 * The rule set a shop page compares its history under (none until one is chosen) and that
 * comparison, recomputed by the server for the days up to the page's day (`asOf`, or the latest).
 * A comparison does not change once computed for a day, so it is not refetched on focus.
 */
export function useRuleSetComparison(shopId: string | null, asOf: string | null) {
  const trpc = useTRPC();
  const [ruleSet, setRuleSet] = useState("");
  const query = useQuery({
    ...trpc.scores.compareShop.queryOptions({ id: shopId ?? "", ruleSet, to: asOf ?? undefined }),
    enabled: shopId !== null && ruleSet !== "",
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
    retry: false,
  });
  return { ruleSet, setRuleSet, query };
}
