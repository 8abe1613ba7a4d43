"use client";

import type { MenuItem } from "@/components/ui/menu";
import { orgReportHref } from "@/lib/contracts/reports";

/**
 * The portfolio's export menu also offers every visible shop's and creator account's latest scores,
 * dimensions and indicators (value and peer percentile), whatever the view shows.
 */
export function orgReportMenuItems(orgId: string, t: (key: "allScores" | "xlsx" | "csv") => string): MenuItem[] {
  return [
    { kind: "separator", key: "all-scores" },
    { kind: "label", key: "all-scores-label", label: t("allScores") },
    { key: "all-xlsx", label: t("xlsx"), testId: "portfolio-report-xlsx", onSelect: () => window.location.assign(orgReportHref(orgId, "xlsx")) },
    { key: "all-csv", label: t("csv"), testId: "portfolio-report-csv", onSelect: () => window.location.assign(orgReportHref(orgId, "csv")) },
  ];
}
