"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import type { RouterOutputs } from "@/components/api-types";
import type { ScoreEntityKind } from "@/components/scores/types";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { formatNumber, formatRate, formatScore } from "@/lib/scores/format";
import { useTRPC } from "@/lib/trpc-client";
import { useDebounced } from "./use-debounced";

type WhatIfData = RouterOutputs["shops"]["whatIf"];
type IndicatorInput = WhatIfData["indicators"][number];
type Mode = "value" | "count";
type Edit = { mode: Mode; text: string };
type Change = { indicator: string; value: number } | { indicator: string; countDelta: number };

const DEBOUNCE_MS = 350;

/** Rates are typed as percentages, durations in hours; counts as whole events (+ more, − fewer). */
function changesOf(edits: Record<string, Edit>, indicators: readonly IndicatorInput[]): Change[] {
  const changes: Change[] = [];
  for (const indicator of indicators) {
    const edit = edits[indicator.code];
    const text = edit?.text.trim().replace("−", "-");
    if (!edit || !text) continue;
    const number = Number(text);
    if (!Number.isFinite(number)) continue;
    if (edit.mode === "count") {
      if (Number.isInteger(number)) changes.push({ indicator: indicator.code, countDelta: number });
    } else {
      changes.push({ indicator: indicator.code, value: indicator.kind === "rate" ? number / 100 : number });
    }
  }
  return changes;
}

/** What if an indicator had another value, or N more / fewer events: the score recomputed live against the same peers. */
export function WhatIfPanel({ kind, id, nameOf }: { kind: ScoreEntityKind; id: string; nameOf: (code: string) => string }) {
  const t = useTranslations("insight.whatIf");
  const tEvents = useTranslations("insight.events");
  const tIndicator = useTranslations("scores.indicator");
  const locale = useLocale();
  const trpc = useTRPC();
  const [edits, setEdits] = useState<Record<string, Edit>>({});
  const base = useQuery(kind === "shop" ? trpc.shops.whatIf.queryOptions({ id, changes: [] }) : trpc.creators.whatIf.queryOptions({ id, changes: [] }));
  const indicators = useMemo(() => base.data?.indicators ?? [], [base.data]);
  const changes = useDebounced(useMemo(() => changesOf(edits, indicators), [edits, indicators]), DEBOUNCE_MS);
  const input = { id, changes };
  const result = useQuery({
    ...(kind === "shop" ? trpc.shops.whatIf.queryOptions(input) : trpc.creators.whatIf.queryOptions(input)),
    enabled: changes.length > 0,
    placeholderData: keepPreviousData,
  });

  if (base.isError) return null;
  const data = changes.length > 0 && result.data ? result.data : base.data;
  const scale = data?.scale;
  const setEdit = (code: string, patch: Partial<Edit>) => setEdits((all) => ({ ...all, [code]: { mode: all[code]?.mode ?? "value", text: all[code]?.text ?? "", ...patch } }));
  const current = (indicator: IndicatorInput) =>
    indicator.value === null ? "—" : indicator.kind === "rate" ? formatRate(indicator.value, locale) : tIndicator("hours", { value: formatNumber(indicator.value, locale, 1, 1) });

  return (
    <Card title={t("title")} description={t("lead")} testId="what-if-panel" id={`what-if-${kind}-${id}`}>
      {!data || !scale ? (
        <p className="text-sm text-zinc-600">{base.isPending ? t("computing") : t("noScore")}</p>
      ) : (
        <div className="space-y-4">
          <div aria-live="polite" className="flex flex-wrap items-baseline gap-x-3 gap-y-1 rounded-md bg-zinc-50 px-3 py-2">
            <span className="text-sm text-zinc-600">{t("result")}</span>
            <span data-testid="what-if-score" className="text-2xl font-semibold tabular-nums text-zinc-900">
              {data.after.shown ? formatScore(data.after.shown.shown, scale, locale) : "—"}
            </span>
            {data.before.shown ? <span className="text-sm text-zinc-600">{t("before", { score: formatScore(data.before.shown.shown, scale, locale) })}</span> : null}
            {result.isFetching ? <span className="text-xs text-zinc-500">{t("computing")}</span> : null}
            {data.after.state !== "scored" ? <span className="text-sm text-amber-700">{t("unscored")}</span> : null}
            {result.isError ? <span className="text-sm text-red-700">{t("failed", { message: result.error.message })}</span> : null}
          </div>
          <ul className="divide-y divide-zinc-100">
            {indicators.map((indicator) => {
              const edit = edits[indicator.code];
              const mode = edit?.mode ?? "value";
              const name = nameOf(indicator.code);
              return (
                <li key={indicator.code} className="flex flex-wrap items-center gap-x-3 gap-y-2 py-2">
                  <div className="min-w-0 flex-1 basis-40">
                    <p className="text-sm font-medium text-zinc-900">{name}</p>
                    <p className="text-xs text-zinc-600">
                      {t("now")}: <span className="tabular-nums">{current(indicator)}</span>
                      {mode === "count" && indicator.countable ? ` · ${t(indicator.better === "higher" ? "countHelpHigher" : "countHelpLower", { events: tEvents(indicator.code) })}` : null}
                    </p>
                  </div>
                  {indicator.countable ? (
                    <Select
                      fullWidth={false}
                      className="w-auto"
                      aria-label={t("change")}
                      value={mode}
                      onChange={(event) => setEdit(indicator.code, { mode: event.target.value as Mode, text: "" })}
                      options={[
                        { value: "value", label: t("modeValue") },
                        { value: "count", label: t("modeCount") },
                      ]}
                    />
                  ) : null}
                  <div className="flex shrink-0 items-center gap-1">
                    <Input
                      data-testid={`what-if-input-${indicator.code}`}
                      aria-label={mode === "count" ? t("countLabel", { name }) : t("valueLabel", { name })}
                      inputMode="decimal"
                      className="w-28 tabular-nums"
                      value={edit?.text ?? ""}
                      placeholder={mode === "count" ? "±0" : indicator.value === null ? "" : String(Number((indicator.kind === "rate" ? indicator.value * 100 : indicator.value).toFixed(2)))}
                      onChange={(event) => setEdit(indicator.code, { text: event.target.value })}
                    />
                    <span className="min-w-4 whitespace-nowrap text-xs text-zinc-500">{mode === "count" ? "" : indicator.kind === "rate" ? "%" : t("unitHours")}</span>
                  </div>
                </li>
              );
            })}
          </ul>
          <Button variant="secondary" onClick={() => setEdits({})} disabled={Object.keys(edits).length === 0}>
            {t("reset")}
          </Button>
        </div>
      )}
    </Card>
  );
}
