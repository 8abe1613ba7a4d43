"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useCategories } from "@/components/catalog/use-categories";
import { Button } from "@/components/ui/button";
import { DatePicker } from "@/components/ui/date-picker";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { DEFAULT_SCORE_SCALE, SCORE_SCALES, TRENDS } from "@/lib/contracts/directory";
import { RULE_SET_NAMES_BY_KIND } from "@/lib/contracts/rule-sets";
import type { DirectoryUrlState } from "./use-directory-url";

const FRESHNESS_DAYS = ["1", "7", "30"] as const;
const RULE_SETS = [...new Set(Object.values(RULE_SET_NAMES_BY_KIND).flat())];

/** A number box that writes to the URL when the user leaves it or presses Enter, not on every key. */
function NumberFilter({ label, value, onCommit, testId, step = "0.01", max }: { label: string; value: string; onCommit: (v: string) => void; testId: string; step?: string; max?: number }) {
  const [text, setText] = useState(value);
  // The URL changed elsewhere (reset, back button): show its value.
  const [shownValue, setShownValue] = useState(value);
  if (shownValue !== value) {
    setShownValue(value);
    setText(value);
  }
  return (
    <Field label={label}>
      <Input
        type="number"
        inputMode="decimal"
        min={0}
        max={max}
        step={step}
        value={text}
        data-testid={testId}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => text !== value && onCommit(text)}
        onKeyDown={(e) => {
          if (e.key === "Enter") onCommit(text);
        }}
      />
    </Field>
  );
}

export function DirectoryFilters({ state, update }: { state: DirectoryUrlState; update: (change: Partial<DirectoryUrlState>) => void }) {
  const t = useTranslations("directory");
  const categories = useCategories();
  // Score bounds are read on the chosen scale (the 5-point one when none is chosen).
  const scaleMax = Number(state.scale || DEFAULT_SCORE_SCALE);
  const [more, setMore] = useState(Boolean(state.minProduct || state.minLogistics || state.minService || state.ruleSet || state.fresh || state.date));
  return (
    <section aria-label={t("filters.title")} className="mb-4 rounded-lg border border-zinc-200 bg-white p-3 sm:p-4" data-testid="directory-filters">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-6">
        <Field label={t("filters.kind")}>
          <Select
            value={state.kind}
            data-testid="filter-kind"
            onChange={(e) => update({ kind: e.target.value as DirectoryUrlState["kind"] })}
            placeholder={t("kinds.all")}
            options={[
              { value: "shop", label: t("kinds.shop") },
              { value: "creator", label: t("kinds.creator") },
            ]}
          />
        </Field>
        <Field label={t("filters.category")}>
          <Select value={state.category} data-testid="filter-category" onChange={(e) => update({ category: e.target.value })} placeholder={t("filters.anyCategory")} options={categories.options} />
        </Field>
        <Field label={t("filters.scale")} hint={t("filters.scaleHint")}>
          <Select
            value={state.scale}
            data-testid="filter-scale"
            onChange={(e) => update({ scale: e.target.value as DirectoryUrlState["scale"] })}
            placeholder={t("filters.anyScale")}
            options={SCORE_SCALES.map((max) => ({ value: String(max), label: t(`filters.scale${max}`) }))}
          />
        </Field>
        <NumberFilter label={t("filters.minScore")} value={state.minScore} onCommit={(v) => update({ minScore: v })} testId="filter-min-score" max={scaleMax} />
        <NumberFilter label={t("filters.minGoodReviewRate")} value={state.minGoodReviewRate} onCommit={(v) => update({ minGoodReviewRate: v })} testId="filter-min-good-review-rate" step="1" max={100} />
        <Field label={t("filters.trend")}>
          <Select
            value={state.trend}
            data-testid="filter-trend"
            onChange={(e) => update({ trend: e.target.value as DirectoryUrlState["trend"] })}
            placeholder={t("filters.anyTrend")}
            options={TRENDS.map((trend) => ({ value: trend, label: t(`trends.${trend}`) }))}
          />
        </Field>
      </div>
      {more ? (
        <div className="mt-3 grid grid-cols-2 gap-3 md:grid-cols-6">
          <NumberFilter label={t("filters.minDimension", { dimension: t("dimensions.product") })} value={state.minProduct} onCommit={(v) => update({ minProduct: v })} testId="filter-min-product" max={scaleMax} />
          <NumberFilter label={t("filters.minDimension", { dimension: t("dimensions.logistics") })} value={state.minLogistics} onCommit={(v) => update({ minLogistics: v })} testId="filter-min-logistics" max={scaleMax} />
          <NumberFilter label={t("filters.minDimension", { dimension: t("dimensions.service") })} value={state.minService} onCommit={(v) => update({ minService: v })} testId="filter-min-service" max={scaleMax} />
          <Field label={t("filters.ruleSet")}>
            <Select value={state.ruleSet} onChange={(e) => update({ ruleSet: e.target.value })} placeholder={t("filters.anyRuleSet")} options={RULE_SETS.map((name) => ({ value: name, label: name }))} />
          </Field>
          <Field label={t("filters.freshness")}>
            <Select value={state.fresh} onChange={(e) => update({ fresh: e.target.value })} placeholder={t("filters.anyFreshness")} options={FRESHNESS_DAYS.map((days) => ({ value: days, label: t("filters.freshDays", { days }) }))} />
          </Field>
          <div className="space-y-1">
            <span className="block text-sm font-medium text-zinc-800">{t("filters.date")}</span>
            <DatePicker label={t("filters.date")} placeholder={t("filters.latest")} value={state.date || null} onChange={(day) => update({ date: day ?? "" })} testId="filter-date" />
          </div>
        </div>
      ) : null}
      <div className="mt-3 flex flex-wrap gap-2">
        <Button type="button" variant="ghost" size="sm" onClick={() => setMore((m) => !m)} aria-expanded={more}>
          {t("filters.more")}
        </Button>
        <Button type="button" variant="ghost" size="sm" onClick={() => update({ kind: "", category: "", scale: "", minScore: "", minGoodReviewRate: "", minProduct: "", minLogistics: "", minService: "", trend: "", ruleSet: "", fresh: "", date: "" })}>
          {t("filters.reset")}
        </Button>
      </div>
    </section>
  );
}
