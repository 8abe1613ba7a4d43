"use client";

import type { ComponentType } from "react";
import { useOrg } from "@/components/layout/org-context";
import type { OrgKind } from "@/lib/contracts/orgs";
import { PortfolioHome } from "../portfolio/portfolio-home";

/** The one place that decides an organisation's home page by its kind. */
const HOME_BY_KIND: Record<OrgKind, ComponentType> = {
  agency: PortfolioHome,
  brand: PortfolioHome,
  creator_team: PortfolioHome,
};

export function OrgHome() {
  const { org } = useOrg();
  const Home = HOME_BY_KIND[org.kind];
  return <Home />;
}
