"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { ProblemType } from "@/lib/contracts/voc";

/** One colour per problem type, the same in the chart, the table and the list. */
export const PROBLEM_COLOURS: Record<ProblemType, string> = {
  quality: "#e11d48",
  size: "#f59e0b",
  description_mismatch: "#8b5cf6",
  logistics: "#0ea5e9",
  service_attitude: "#10b981",
  price: "#64748b",
  other: "#a1a1aa",
};

/** Problem-type names and month labels in the user's language. */
export function useVocLabels() {
  const t = useTranslations("voc");
  const format = useFormatter();
  return {
    problem: (type: ProblemType) => t(`problemTypes.${type}`),
    // A month as "2026年5月" / "May 2026"; the month's first day at UTC noon is in that month everywhere.
    month: (month: string) => format.dateTime(new Date(`${month}-01T12:00:00Z`), { year: "numeric", month: "short" }),
    shortMonth: (month: string) => format.dateTime(new Date(`${month}-01T12:00:00Z`), { month: "short" }),
  };
}
