"use client";

import { useTranslations } from "next-intl";
import type { CohortReach } from "@/lib/contracts/explanation";
import type { ScoreEntityKind } from "./types";

/**
 * Who a percentile was measured against (scoring.md §5, privacy of cohorts): other organisations
 * too, or only the organisation's own entities. Explanations stored before the rule say nothing.
 */
export function CohortReachNote({ reach, kind, testId }: { reach: CohortReach | null; kind: ScoreEntityKind; testId: string }) {
  const t = useTranslations("scores.cohortReach");
  if (!reach) return null;
  return (
    <span data-testid={testId} data-scope={reach.scope} className="block text-xs text-zinc-500">
      {reach.scope === "own" ? t("own", { kind }) : t("peers", { organisations: reach.organisations })}
    </span>
  );
}
