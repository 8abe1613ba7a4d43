"use client";

import { useLocale, useTranslations } from "next-intl";
import type { ScoreScale, Threshold } from "@/lib/contracts/explanation";
import { floorLimit } from "@/lib/scores/bands";
import { formatThreshold } from "@/lib/scores/format";

/** A band named by its threshold in the user's language: "≥ 4.4", or "低于 4.4" for the floor band. */
export function useBandLabel(scale: ScoreScale) {
  const t = useTranslations("scores.threshold");
  const locale = useLocale();
  return (band: Threshold | null): string => {
    const limit = band?.minScore ?? null;
    if (limit !== null) return t("atLeast", { score: formatThreshold(limit, scale, locale) });
    const floor = floorLimit(scale);
    return floor === null ? "" : t("below", { score: formatThreshold(floor, scale, locale) });
  };
}
