/**
 * What bench:api asks the server for: each insight page's data, as the page's one round trip
 * sends it (tRPC batch, superjson envelope). Targets from issues 11 and 13.
 */
import type { DbHandle } from "@/db/client";
import { DEFAULT_CARD_FIELDS } from "@/lib/contracts/directory";
import { directoryCards } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { refreshDirectoryCards } from "@/server/directory/refresh";
import { addDays } from "@/server/lib/time";
import { trpcBatchPath, trpcQueryPath } from "../load/http";
import type { RequestKind } from "../load/traffic";

export const API_TARGETS_MS = { portfolio: 200, shopPage: 100, drillDown: 100, forecast: 100, directory: 100 } as const;

/**
 * Not a page: the cheapest signed-in request the server answers (the session's user, no tenant
 * data). Its latency under the same load is the framework's own floor on this machine: no page's
 * data can come back faster than this.
 */
export const FLOOR_KIND: RequestKind = { name: "signedInFloor", path: () => trpcQueryPath("auth.me", undefined) };

export type PreparedKinds = { listedCards: number };

/**
 * Lists every bench shop in the directory with the default fields and publishes 31 days of their
 * values, as owners listing them would (issue 13: 10,000 listed cards).
 */
export async function prepareApiKinds(handle: DbHandle, context: { orgId: string; shopIds: string[]; names: (i: number) => string; day: string }): Promise<PreparedKinds> {
  const { orgId, shopIds, day } = context;
  await withTenant(handle, { orgId }, async (tx) => {
    for (let i = 0; i < shopIds.length; i += 1000) {
      await tx.insert(directoryCards).values(
        shopIds.slice(i, i + 1000).map((entityId, j) => ({ orgId, entityKind: "shop" as const, entityId, name: context.names(i + j), fields: [...DEFAULT_CARD_FIELDS] })),
      );
    }
    await refreshDirectoryCards(tx, orgId, { kind: "shop", from: addDays(day, -30), to: day });
  });
  return { listedCards: shopIds.length };
}

export function apiRequestKinds(context: { shopIds: readonly string[]; day: string }): RequestKind[] {
  const { shopIds, day } = context;
  return [
    {
      name: "portfolio",
      path: () => trpcQueryPath("portfolio.page", { day, page: 1, pageSize: 50, sort: "overall", direction: "asc" }),
    },
    {
      // The shop page's one round trip: the shop and its score as of the day, batched as the client sends them.
      name: "shopPage",
      path: (_orgId, pick) => {
        const id = pick(shopIds);
        return trpcBatchPath([["shops.get", { id }], ["scores.shop", { id, day }]]);
      },
    },
    {
      name: "drillDown",
      path: (_orgId, pick) => trpcQueryPath("insight.indicatorFacts", { kind: "shop", id: pick(shopIds), indicator: "good_review_rate", day, page: 1, pageSize: 50 }),
    },
    { name: "forecast", path: (_orgId, pick) => trpcQueryPath("shops.forecast", { id: pick(shopIds) }) },
    {
      // Three filters and a sort over every listed card (the searching organisation's own included).
      name: "directory",
      path: () => trpcQueryPath("directory.search", { kind: "shop", minScore: 4.4, minGoodReviewRate: 0.8, sort: "goodReviewRate", date: day }),
    },
  ];
}
