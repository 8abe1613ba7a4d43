"use client";

import { useTranslations } from "next-intl";

/** 暂无评分: fewer than the rule set's minimum of valid orders in the 90-day window. */
export function InsufficientData({ validOrders, minValidOrders }: { validOrders: number; minValidOrders: number }) {
  const t = useTranslations("scores.insufficient");
  const share = Math.min(1, minValidOrders > 0 ? validOrders / minValidOrders : 1);
  return (
    <div data-testid="score-insufficient" className="rounded-lg border border-zinc-200 bg-zinc-50 p-4">
      <p className="text-base font-semibold text-zinc-900">{t("title")}</p>
      <p className="mt-1 text-sm text-zinc-700">{t("body", { count: validOrders, min: minValidOrders, gap: Math.max(0, minValidOrders - validOrders) })}</p>
      <div aria-hidden="true" className="mt-3 h-2 w-full overflow-hidden rounded-full bg-zinc-200">
        <div className="h-full rounded-full bg-zinc-500" style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
      <p className="mt-2 text-xs text-zinc-600">{t("valuesStillShown")}</p>
    </div>
  );
}
