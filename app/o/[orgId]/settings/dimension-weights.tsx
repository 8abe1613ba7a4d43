"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useCategories } from "@/components/catalog/use-categories";
import { FormError } from "@/components/forms/form-error";
import { serverErrorsOf } from "@/components/forms/validation";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc-client";
import { RULE_SET_NAMES_BY_KIND } from "@/lib/contracts/rule-sets";

const DIMENSIONS = ["product", "logistics", "service"] as const;
type Dimension = (typeof DIMENSIONS)[number];
const RULE_SETS = [...RULE_SET_NAMES_BY_KIND.shop, ...RULE_SET_NAMES_BY_KIND.creator];

/** 维度权重: an organisation's own product / logistics / service weights for one rule set and category. */
export function DimensionWeights({ editable }: { editable: boolean }) {
  const t = useTranslations("settings.weights");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const categories = useCategories();
  const overrides = useQuery(trpc.scores.dimensionWeights.queryOptions());
  const [ruleSet, setRuleSet] = useState<string>(RULE_SET_NAMES_BY_KIND.shop[0]);
  const [category, setCategory] = useState("");
  const [weights, setWeights] = useState<Record<Dimension, string>>({
    product: "0.4",
    logistics: "0.3",
    service: "0.3",
  });
  const save = useMutation(
    trpc.scores.setDimensionWeights.mutationOptions({
      onSuccess: async (result, input) => {
        await queryClient.invalidateQueries({ queryKey: trpc.scores.dimensionWeights.queryKey() });
        toast.show(input.weights ? t("saved", { count: result.shopsToRescore }) : t("cleared"));
      },
    }),
  );
  const server = serverErrorsOf(save.error, tAll);
  const chosenCategory = category || categories.options[0]?.value || "";

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({
      ruleSet,
      category: chosenCategory,
      weights: {
        product: Number(weights.product),
        logistics: Number(weights.logistics),
        service: Number(weights.service),
      },
    });
  }

  return (
    <section
      aria-labelledby="dimension-weights"
      className="rounded-lg border border-zinc-200 bg-white p-5"
      data-testid="dimension-weights"
    >
      <h2 id="dimension-weights" className="text-base font-semibold">
        {t("title")}
      </h2>
      <p className="mt-1 mb-4 text-sm text-zinc-600">{t("lead")}</p>
      {overrides.data && overrides.data.length > 0 ? (
        <ul className="mb-4 divide-y divide-zinc-100 rounded-md border border-zinc-200 text-sm">
          {overrides.data.map((o) => (
            <li
              key={`${o.ruleSet}|${o.categoryCode}`}
              className="flex flex-wrap items-center justify-between gap-2 px-3 py-2"
            >
              <span>
                <span className="font-medium">{categories.labelOf(o.categoryCode)}</span>{" "}
                <span className="text-zinc-500">{o.ruleSet}</span>
              </span>
              <span className="text-zinc-700 tabular-nums">
                {DIMENSIONS.map(
                  (d) => `${t(d)} ${(o.weights as Record<string, number>)[d] ?? "—"}`,
                ).join(" · ")}
              </span>
              {editable ? (
                <Button
                  type="button"
                  variant="secondary"
                  onClick={() =>
                    save.mutate({ ruleSet: o.ruleSet, category: o.categoryCode, weights: null })
                  }
                >
                  {t("clear")}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mb-4 text-sm text-zinc-500">{t("none")}</p>
      )}
      {editable ? (
        <form onSubmit={submit} className="space-y-4" noValidate>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label={t("ruleSet")}>
              <Select
                name="ruleSet"
                value={ruleSet}
                options={RULE_SETS.map((r) => ({ value: r, label: r }))}
                onChange={(e) => setRuleSet(e.target.value)}
              />
            </Field>
            <Field label={t("category")} errors={server.fields.category}>
              <Select
                name="category"
                value={chosenCategory}
                options={categories.options}
                onChange={(e) => setCategory(e.target.value)}
              />
            </Field>
          </div>
          <div className="grid grid-cols-3 gap-3">
            {DIMENSIONS.map((d) => (
              <Field key={d} label={t(d)} errors={server.fields[`weights.${d}`]}>
                <Input
                  name={d}
                  type="number"
                  inputMode="decimal"
                  min={0}
                  max={1}
                  step={0.05}
                  value={weights[d]}
                  onChange={(e) => setWeights((w) => ({ ...w, [d]: e.target.value }))}
                />
              </Field>
            ))}
          </div>
          <FormError message={Object.keys(server.fields).length > 0 ? null : server.message} />
          <div className="flex justify-end">
            <Button type="submit" loading={save.isPending}>
              {tAll("common.save")}
            </Button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
