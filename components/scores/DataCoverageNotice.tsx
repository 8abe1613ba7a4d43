"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import type { EntityScoreData } from "./types";

type Coverage = NonNullable<EntityScoreData["coverage"]>;

/**
 * The days the entity's facts cover; when they all lie before today's scoring window (an import
 * of old exports), why today has no score and a way to see the score as of the data's last day.
 */
export function DataCoverageNotice({ coverage, asOf, onViewAsOf }: { coverage: Coverage; asOf: string | null; onViewAsOf: (day: string) => void }) {
  const t = useTranslations("scores.coverage");
  if (asOf || !coverage.beforeTodayWindow) {
    return (
      <p data-testid="score-coverage" className="text-xs text-zinc-600">
        {t("covers", { first: coverage.first, last: coverage.last })}
      </p>
    );
  }
  return (
    <div role="status" data-testid="score-outside-window" className="rounded-lg border border-sky-200 bg-sky-50 p-4 text-sm text-sky-950">
      <p className="font-medium">{t("outsideTitle")}</p>
      <p className="mt-1">
        {t("outsideBody", { first: coverage.first, last: coverage.last, windowFirst: coverage.todayWindow.first, windowLast: coverage.todayWindow.last })}
      </p>
      <Button className="mt-3" size="sm" data-testid="score-view-as-of" onClick={() => onViewAsOf(coverage.last)}>
        {t("viewAsOf", { day: coverage.last })}
      </Button>
    </div>
  );
}

/** Shown while the page is set to a past day: which day, and the way back to the latest. */
export function AsOfBanner({ day, onLatest }: { day: string; onLatest: () => void }) {
  const t = useTranslations("scores.coverage");
  return (
    <div data-testid="score-as-of-banner" className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm text-zinc-800">
      <span>{t("viewingAsOf", { day })}</span>
      <Button variant="ghost" size="sm" data-testid="score-back-to-latest" onClick={onLatest}>
        {t("backToLatest")}
      </Button>
    </div>
  );
}
