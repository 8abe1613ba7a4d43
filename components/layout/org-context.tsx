"use client";

import { createContext, useContext } from "react";
import type { CurrentOrg, Me } from "@/components/api-types";
import type { Permission } from "@/lib/contracts/permissions";

export type OrgContextValue = {
  orgId: string;
  org: CurrentOrg;
  me: Me["user"] | null;
  /** Hide what the role cannot do; the server refuses it anyway. */
  can: (permission: Permission) => boolean;
};

const OrgContext = createContext<OrgContextValue | null>(null);

export const OrgProvider = OrgContext.Provider;

export function useOrg(): OrgContextValue {
  const value = useContext(OrgContext);
  if (!value) throw new Error("useOrg() outside an /o/[orgId] page");
  return value;
}
