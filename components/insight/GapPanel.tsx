"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import type { ScoreScale } from "@/lib/contracts/explanation";
import type { ScoreEntityKind } from "@/components/scores/types";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { bandLimits } from "@/lib/scores/bands";
import { formatNumber, formatRate, formatThreshold } from "@/lib/scores/format";
import { useTRPC } from "@/lib/trpc-client";
import { useDebounced } from "./use-debounced";

const CUSTOM = "custom";

/** Gap to a target score: what each indicator alone would need, and the smallest combined change in counts, cheapest first. */
export function GapPanel({ kind, id, scale, shownNow, nameOf }: { kind: ScoreEntityKind; id: string; scale: ScoreScale; shownNow: number | null; nameOf: (code: string) => string }) {
  const t = useTranslations("insight.gap");
  const tEvents = useTranslations("insight.events");
  const tIndicator = useTranslations("scores.indicator");
  const locale = useLocale();
  const trpc = useTRPC();
  // The rule set's own thresholds are the targets on offer; the first one above today's score is chosen.
  const limits = bandLimits(scale);
  const firstAbove = limits.find((limit) => shownNow === null || limit > shownNow) ?? limits.at(-1) ?? scale.scoreBounds.max;
  const [choice, setChoice] = useState(String(firstAbove));
  const [custom, setCustom] = useState("");
  const typed = Number(custom.trim());
  const target = useDebounced(choice === CUSTOM ? (custom.trim() !== "" && Number.isFinite(typed) ? typed : null) : Number(choice), 350);
  const input = { id, target: target ?? 0 };
  const gap = useQuery({
    ...(kind === "shop" ? trpc.shops.gap.queryOptions(input) : trpc.creators.gap.queryOptions(input)),
    enabled: target !== null,
    placeholderData: keepPreviousData,
  });

  const valueText = (kind: "rate" | "mean", value: number) => (kind === "mean" ? tIndicator("hours", { value: formatNumber(value, locale, 1, 1) }) : formatRate(value, locale));
  const countText = (code: string, count: number) => (count > 0 ? t("countMore", { count, events: tEvents(code) }) : t("countFewer", { count: -count, events: tEvents(code) }));
  const targetText = target === null ? "" : formatThreshold(target, scale, locale);
  const result = gap.data?.gap;

  return (
    <Card title={t("title")} description={t("lead")} testId="gap-panel" id={`gap-${kind}-${id}`}>
      <div className="flex flex-wrap items-end gap-3">
        <label className="text-sm text-zinc-700">
          <span className="mb-1 block">{t("target")}</span>
          <Select
            fullWidth={false}
            data-testid="gap-target"
            value={choice}
            onChange={(event) => setChoice(event.target.value)}
            options={[...limits.map((limit) => ({ value: String(limit), label: formatThreshold(limit, scale, locale) })), { value: CUSTOM, label: t("custom") }]}
          />
        </label>
        {choice === CUSTOM ? (
          <Input aria-label={t("customLabel")} inputMode="decimal" className="w-24 tabular-nums" value={custom} onChange={(event) => setCustom(event.target.value)} />
        ) : null}
        {gap.isFetching ? <span className="text-xs text-zinc-500">{t("computing")}</span> : null}
      </div>
      <div aria-live="polite" data-testid="gap-result" className="mt-4 space-y-4 text-sm">
        {!result ? null : result.status === "reached" ? (
          <p className="text-emerald-700">{t("reached", { target: targetText })}</p>
        ) : result.status === "not_scored" ? (
          <p className="text-zinc-600">{t("notScored")}</p>
        ) : (
          <>
            <section>
              <h4 className="mb-2 font-medium text-zinc-900">{t("combined")}</h4>
              {result.combined ? (
                <ol className="list-decimal space-y-1 pl-5">
                  {result.combined.steps.map((step) => (
                    <li key={step.code}>
                      <span className="font-medium">{countText(step.code, step.count)}</span>{" "}
                      <span className="text-zinc-600">({nameOf(step.code)} → {valueText("rate", step.value)})</span>
                    </li>
                  ))}
                </ol>
              ) : (
                <p className="text-zinc-600">{t("combinedNone", { target: targetText })}</p>
              )}
            </section>
            <section>
              <h4 className="mb-2 font-medium text-zinc-900">{t("single")}</h4>
              <ul className="divide-y divide-zinc-100">
                {result.single.map((single) => (
                  <li key={single.code} className="flex flex-wrap justify-between gap-x-3 py-1.5">
                    <span className="text-zinc-900">{nameOf(single.code)}</span>
                    <span className="tabular-nums text-zinc-700">
                      {single.needed === null || single.current === null
                        ? t("unreachable")
                        : `${t("needValue", { from: valueText(single.kind, single.current), to: valueText(single.kind, single.needed) })}${single.count !== null ? ` · ${countText(single.code, single.count)}` : ""}`}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          </>
        )}
      </div>
    </Card>
  );
}
