"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useTRPC } from "@/lib/trpc-client";

/** Koubei's latest score of the shop beside the one the platform reported, and the difference. */
export function ScoreComparison({ shopId }: { shopId: string }) {
  const t = useTranslations("sync");
  const format = useFormatter();
  const trpc = useTRPC();
  const comparison = useQuery({ ...trpc.sync.scoreComparison.queryOptions({ shopId }), refetchInterval: 10_000 });
  if (!comparison.data) return null;
  const { koubei, platform, difference } = comparison.data;
  const score = (value: number | null | undefined) => (value === null || value === undefined ? "—" : value.toFixed(2));
  return (
    <section aria-labelledby="score-comparison" className="rounded-lg border border-zinc-200 bg-white p-5" data-testid="score-comparison">
      <h2 id="score-comparison" className="mb-3 text-base font-semibold">
        {t("comparisonTitle")}
      </h2>
      <dl className="grid gap-4 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-zinc-500">{t("koubeiScore")}</dt>
          <dd className="mt-1 text-2xl font-semibold text-zinc-900" data-testid="koubei-score">
            {koubei ? score(koubei.score) : "—"}
          </dd>
          <dd className="text-xs text-zinc-500">{koubei ? t("asOfDay", { day: koubei.day }) : t("noKoubeiScore")}</dd>
        </div>
        <div>
          <dt className="text-zinc-500">{t("platformScore")}</dt>
          <dd className="mt-1 text-2xl font-semibold text-zinc-900" data-testid="platform-score">
            {platform ? score(platform.score) : "—"}
          </dd>
          <dd className="text-xs text-zinc-500">
            {platform ? t("reportedAt", { time: format.dateTime(platform.takenAt, { dateStyle: "medium", timeStyle: "short" }) }) : t("noPlatformScore")}
          </dd>
        </div>
        <div>
          <dt className="text-zinc-500">{t("difference")}</dt>
          <dd className="mt-1 text-2xl font-semibold text-zinc-900" data-testid="score-difference">
            {difference === null ? "—" : `${difference > 0 ? "+" : ""}${difference.toFixed(2)}`}
          </dd>
        </div>
      </dl>
    </section>
  );
}
