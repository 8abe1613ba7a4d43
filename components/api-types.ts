import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;

export type CurrentOrg = RouterOutputs["orgs"]["current"];
export type Member = RouterOutputs["members"]["list"][number];
export type Invitation = RouterOutputs["members"]["invitations"][number];
export type Category = RouterOutputs["catalog"]["categories"][number];
export type Me = RouterOutputs["auth"]["me"];
export type ApiKeyRow = RouterOutputs["apiKeys"]["list"][number];
export type AuditPage = RouterOutputs["audit"]["page"];
