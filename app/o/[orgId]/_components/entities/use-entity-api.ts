"use client";

import type { inferRouterOutputs } from "@trpc/server";
import type { TRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { useOrg } from "@/components/layout/org-context";
import {
  scoredEntityKinds,
  type OptionalEntityField,
  type ScoredEntityKind,
} from "@/lib/contracts/entities";
import type { StoreType } from "@/lib/contracts/facts";
import { useTRPC } from "@/lib/trpc-client";
import type { EitherKindEntityRouter as EitherKindRouter } from "@/server/api/root";

/** The procedures of a router of either kind (`shops` or `creators`): same names, either row. */
export type ScoredEntityApi = TRPCOptionsProxy<EitherKindRouter>;
/** A shop or a creator account as the API returns it. */
export type ScoredEntity = inferRouterOutputs<EitherKindRouter>["get"];

/** The kind's router, its descriptor, and where its pages are. */
export function useEntityApi(kind: ScoredEntityKind) {
  const trpc = useTRPC();
  const { orgId } = useOrg();
  const info = scoredEntityKinds[kind];
  // Each kind's router is `scoredEntityRouter(kind)`; TypeScript cannot call procedures on the
  // union of the two, so they are seen through the router of "either kind", whose inputs and
  // rows are the unions. The server still parses every input with the kind's own schema.
  const api = trpc[info.plural] as unknown as ScoredEntityApi;
  const base = `/o/${orgId}`;
  return {
    api,
    info,
    /** Messages of the kind: `shops.*` or `creators.*`. */
    ns: info.plural,
    listHref: `${base}${info.listPath}`,
    newHref: `${base}/${info.plural}/new`,
    hrefOf: (id: string) => `${base}/${info.plural}/${id}`,
  };
}

/** An optional field's value, or "" where this kind (or this row) has none. */
export function fieldValue(row: ScoredEntity, field: OptionalEntityField): string {
  const values: Partial<Record<OptionalEntityField, string | null>> = row;
  return values[field] ?? "";
}


/** A shop's store type, or null for a kind without one. */
export function storeTypeValue(row: ScoredEntity): StoreType | null {
  return "storeType" in row ? row.storeType : null;
}
