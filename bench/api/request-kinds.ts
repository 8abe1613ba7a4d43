/**
 * What bench:api asks the server for: each insight page's data, as the page's one round trip
 * sends it (tRPC, superjson envelope). Targets from issue 11 and 13.
 */
import type { DbHandle } from "@/db/client";
import { trpcQueryPath } from "../load/http";
import type { RequestKind } from "../load/traffic";

export const API_TARGETS_MS = { portfolio: 200, shopPage: 100, drillDown: 100, forecast: 100, directory: 100 } as const;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- grows with each kind that needs seeded data
export type PreparedKinds = {};

/** Data the kinds need beyond the shops (none yet). */
export async function prepareApiKinds(_handle: DbHandle, _context: { orgId: string; shopIds: string[]; day: string }): Promise<PreparedKinds> {
  return {};
}

export function apiRequestKinds(context: { shopIds: readonly string[]; day: string } & PreparedKinds): RequestKind[] {
  const { shopIds, day } = context;
  return [
    { name: "shopPage", path: (_orgId, pick) => trpcQueryPath("scores.shop", { id: pick(shopIds), day }) },
  ];
}
