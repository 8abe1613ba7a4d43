"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useCategories } from "@/components/catalog/use-categories";
import { FormError } from "@/components/forms/form-error";
import { serverErrorsOf } from "@/components/forms/validation";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import type { RouterOutputs } from "@/components/api-types";
import { POINTS_RULE_SET_NAMES, RULE_SET_LABELS, TODAYS_SHOP_RULE_SET } from "@/lib/contracts/rule-sets";
import { CALIBRATED_RULE_SETS, type NumberSourceName } from "@/lib/contracts/scoring-parameters";
import { useTRPC } from "@/lib/trpc-client";
import { CalibrationCard } from "./calibration-card";

type View = RouterOutputs["parameters"]["get"];
type Explained = { value: unknown; source: NumberSourceName; origin?: "entered" | "calibration"; storeTypes?: string[] | null };

const SOURCE_TONES: Record<NumberSourceName, BadgeTone> = { published: "success", organisation: "brand", default: "neutral" };

/** Where a number comes from, as a badge: 平台公布 / 本机构录入 (手动录入 or 采用自校准) / Koubei 默认. */
export function SourceBadge({ number }: { number: Explained }) {
  const t = useTranslations("settings.parameters");
  const tShop = useTranslations("shops");
  const separator = useLocale() === "en" ? ", " : "、";
  const origin = number.source === "organisation" && number.origin ? ` · ${t(`origins.${number.origin}`)}` : "";
  const storeTypes = number.source === "published" && number.storeTypes ? ` · ${t("publishedFor", { storeTypes: number.storeTypes.map((s) => tShop(`storeTypes.${s}`)).join(separator) })}` : "";
  return <Badge tone={SOURCE_TONES[number.source]}>{`${t(`sources.${number.source}`)}${origin}${storeTypes}`}</Badge>;
}

/**
 * 评分参数 / Scoring parameters: for a 100-point rule set and a category, every number the score
 * uses (cut-offs, indicator weights, dimension weights) with its source; administrators edit them.
 * The calibration card sits below for the rule set it fits.
 */
export function ScoringParameters({ editable }: { editable: boolean }) {
  const t = useTranslations("settings.parameters");
  const locale = useLocale();
  const trpc = useTRPC();
  const categories = useCategories();
  const [ruleSet, setRuleSet] = useState<string>(TODAYS_SHOP_RULE_SET);
  const [category, setCategory] = useState("");
  const chosenCategory = category || categories.options[0]?.value || "";
  const ref = { ruleSet: ruleSet as (typeof POINTS_RULE_SET_NAMES)[number], category: chosenCategory };
  const view = useQuery({ ...trpc.parameters.get.queryOptions(ref), enabled: chosenCategory !== "" });
  return (
    <section aria-labelledby="scoring-parameters" className="space-y-4 rounded-lg border border-zinc-200 bg-white p-5" data-testid="scoring-parameters">
      <div>
        <h2 id="scoring-parameters" className="text-base font-semibold">
          {t("title")}
        </h2>
        <p className="mt-1 text-sm text-zinc-600">{editable ? t("lead") : t("readOnlyLead")}</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("ruleSet")}>
          <Select name="parametersRuleSet" value={ruleSet} options={POINTS_RULE_SET_NAMES.map((name) => ({ value: name, label: locale === "en" ? RULE_SET_LABELS[name].en : RULE_SET_LABELS[name].zh }))} onChange={(e) => setRuleSet(e.target.value)} />
        </Field>
        <Field label={t("category")}>
          <Select name="parametersCategory" value={chosenCategory} options={categories.options} onChange={(e) => setCategory(e.target.value)} />
        </Field>
      </div>
      {view.data ? <ParametersForm key={`${ruleSet}|${chosenCategory}|${view.data.updatedAt?.toISOString() ?? "-"}`} view={view.data} editable={editable} /> : null}
      {(CALIBRATED_RULE_SETS as readonly string[]).includes(ruleSet) && chosenCategory ? (
        <CalibrationCard ruleSet={CALIBRATED_RULE_SETS[0]} category={chosenCategory} editable={editable} names={namesOf(view.data)} />
      ) : null}
    </section>
  );
}

/** Dimension and indicator names by code, from the parameters' view (the calibration card names its numbers with them). */
function namesOf(view: View | undefined): Record<string, { nameZh: string; nameEn: string }> {
  const names: Record<string, { nameZh: string; nameEn: string }> = {};
  for (const dimension of view?.dimensions ?? []) {
    names[dimension.code] = dimension;
    for (const indicator of dimension.indicators) names[indicator.code] = indicator;
  }
  return names;
}

type Draft = { dimensions: Record<string, string>; cutoffs: Record<string, string[]>; weights: Record<string, string> };

const text = (value: number | null | undefined) => (value === null || value === undefined ? "" : String(value));

function draftOf(view: View): Draft {
  const draft: Draft = { dimensions: {}, cutoffs: {}, weights: {} };
  for (const dimension of view.dimensions) {
    draft.dimensions[dimension.code] = dimension.weight.source === "organisation" ? text(dimension.weight.value) : "";
    for (const indicator of dimension.indicators) {
      const entered = indicator.cutoffs?.source === "organisation" ? (indicator.cutoffs.value ?? []) : [];
      draft.cutoffs[indicator.code] = view.bands.slice(0, -1).map((_, k) => text(entered[k]));
      draft.weights[indicator.code] = indicator.weight.source === "organisation" ? text(indicator.weight.value) : "";
    }
  }
  return draft;
}

const numberOrNull = (value: string) => (value.trim() === "" ? null : Number(value));

function ParametersForm({ view, editable }: { view: View; editable: boolean }) {
  const t = useTranslations("settings.parameters");
  const tAll = useTranslations();
  const locale = useLocale();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [draft, setDraft] = useState<Draft>(() => draftOf(view));
  const save = useMutation(
    trpc.parameters.save.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.parameters.pathKey() });
        toast.show(t("saved"));
      },
    }),
  );
  const server = serverErrorsOf(save.error, tAll);
  const name = (n: { nameZh: string; nameEn: string }) => (locale === "en" ? n.nameEn : n.nameZh);
  const percentiles = view.bands
    .slice(0, -1)
    .map((band, k) => `P ≥ ${view.defaultPercentiles[k] ?? 0} → ${band}`)
    .join(locale === "en" ? ", " : "，");

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({
      ruleSet: view.ruleSet.name as (typeof POINTS_RULE_SET_NAMES)[number],
      category: view.category.code,
      dimensions: Object.fromEntries(Object.entries(draft.dimensions).map(([code, value]) => [code, { weight: numberOrNull(value) }])),
      indicators: Object.fromEntries(
        Object.keys(draft.weights).map((code) => {
          const cutoffs = draft.cutoffs[code] ?? [];
          return [code, { cutoffs: cutoffs.every((c) => c.trim() === "") ? null : cutoffs.map((c) => Number(c)), weight: numberOrNull(draft.weights[code] ?? "") }];
        }),
      ),
    });
  }

  return (
    <form onSubmit={submit} className="space-y-5" noValidate data-testid="parameters-form">
      {view.updatedAt ? <p className="text-xs text-zinc-500">{t("lastChanged", { time: format.dateTime(view.updatedAt, { dateStyle: "medium", timeStyle: "short" }) })}</p> : null}
      {view.bands.length === 0 ? <p className="text-sm text-zinc-600">{t("noCutoffs")}</p> : null}
      {view.dimensions.map((dimension) => (
        <fieldset key={dimension.code} disabled={!editable} className="space-y-3 rounded-md border border-zinc-200 p-3" data-testid={`parameters-${dimension.code}`}>
          <legend className="px-1 text-sm font-semibold">{name(dimension)}</legend>
          <div className="flex flex-wrap items-end gap-3">
            <div className="w-40">
              <Field label={t("dimensionWeight", { dimension: name(dimension) })} errors={server.fields[`dimensions.${dimension.code}.weight`]}>
                <Input
                  name={`dimension-${dimension.code}`}
                  type="number"
                  inputMode="decimal"
                  step="any"
                  placeholder={String(dimension.weight.value)}
                  value={draft.dimensions[dimension.code] ?? ""}
                  onChange={(e) => setDraft((d) => ({ ...d, dimensions: { ...d.dimensions, [dimension.code]: e.target.value } }))}
                />
              </Field>
            </div>
            <div className="pb-2">
              <SourceBadge number={dimension.weight} />
            </div>
          </div>
          <ul className="space-y-3">
            {dimension.indicators.map((indicator) => (
              <li key={indicator.code} className="space-y-2 border-t border-zinc-100 pt-3" data-testid={`parameters-indicator-${indicator.code}`}>
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <span className="text-sm font-medium text-zinc-900">{name(indicator)}</span>
                  <span className="text-xs text-zinc-500">{indicator.better === "higher" ? t("betterHigher") : t("betterLower")}</span>
                </div>
                {indicator.cutoffs ? (
                  <div className="space-y-1">
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="text-sm text-zinc-700">{t("cutoffs")}</span>
                      <SourceBadge number={indicator.cutoffs} />
                    </div>
                    <div className="grid grid-cols-2 gap-2 sm:grid-cols-5" role="group" aria-label={`${name(indicator)} · ${t("cutoffs")}`}>
                      {view.bands.slice(0, -1).map((band, k) => (
                        <Field key={band} label={<span className="text-xs font-normal text-zinc-600">{t("cutoffFor", { band })}</span>}>
                          <Input
                            name={`cutoff-${indicator.code}-${k}`}
                            type="number"
                            inputMode="decimal"
                            step="any"
                            value={draft.cutoffs[indicator.code]?.[k] ?? ""}
                            onChange={(e) =>
                              setDraft((d) => {
                                const next = [...(d.cutoffs[indicator.code] ?? [])];
                                next[k] = e.target.value;
                                return { ...d, cutoffs: { ...d.cutoffs, [indicator.code]: next } };
                              })
                            }
                          />
                        </Field>
                      ))}
                    </div>
                    <p className="text-xs text-zinc-500">
                      {indicator.cutoffs.source === "default" ? t("defaultBands", { percentiles }) : indicator.better === "higher" ? t("higherIsBetter") : t("lowerIsBetter")}
                    </p>
                    {server.fields[`indicators.${indicator.code}.cutoffs`]?.map((message) => (
                      <p key={message} className="text-sm text-red-600" role="alert">
                        {message}
                      </p>
                    ))}
                  </div>
                ) : null}
                {view.bands.length > 0 ? (
                  <div className="flex flex-wrap items-end gap-3">
                    <div className="w-40">
                      <Field label={t("indicatorWeight")} errors={server.fields[`indicators.${indicator.code}.weight`]}>
                        <Input
                          name={`weight-${indicator.code}`}
                          type="number"
                          inputMode="decimal"
                          step="any"
                          placeholder={String(indicator.weight.value)}
                          value={draft.weights[indicator.code] ?? ""}
                          onChange={(e) => setDraft((d) => ({ ...d, weights: { ...d.weights, [indicator.code]: e.target.value } }))}
                        />
                      </Field>
                    </div>
                    <div className="pb-2">
                      <SourceBadge number={indicator.weight} />
                    </div>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </fieldset>
      ))}
      {editable ? (
        <>
          <p className="text-xs text-zinc-500">{t("emptyKeepsDefault")}</p>
          <FormError message={Object.keys(server.fields).length > 0 ? null : server.message} />
          <div className="flex justify-end">
            <Button type="submit" loading={save.isPending} data-testid="parameters-save">
              {tAll("common.save")}
            </Button>
          </div>
        </>
      ) : null}
    </form>
  );
}
