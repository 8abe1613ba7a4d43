import type { Role } from "@/lib/contracts/members";

/** Who is asking, inside which organisation: every tenant query takes one. */
export type OrgScope = {
  orgId: string;
  userId: string | null;
  role: Role;
  /** Shop ids a limited member may see; null means every shop of the org. */
  shopIds: string[] | null;
};

/** The CLI and jobs act for the organisation as a whole. */
export const systemScope = (orgId: string): OrgScope => ({ orgId, userId: null, role: "owner", shopIds: null });
