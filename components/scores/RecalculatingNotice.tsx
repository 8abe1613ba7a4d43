"use client";

import { useTranslations } from "next-intl";
import { Spinner } from "@/components/ui/spinner";

/** How often the panel looks again while the server says a rescore is on its way. */
export const RECALCULATING_REFETCH_MS = 2_000;

/**
 * 重新计算中: facts behind this score changed (an upload, an undo) and the new score is not
 * readable yet. The score below is the previous one until the panel's next look finds the new.
 */
export function RecalculatingNotice() {
  const t = useTranslations("scores.recalculating");
  return (
    <div
      role="status"
      data-testid="score-recalculating"
      className="flex items-start gap-3 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900"
    >
      <span className="mt-0.5 text-amber-700">
        <Spinner size="sm" />
      </span>
      <div>
        <p className="font-medium">{t("title")}</p>
        <p className="mt-0.5 text-amber-800">{t("body")}</p>
      </div>
    </div>
  );
}
