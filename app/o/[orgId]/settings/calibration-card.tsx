"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { serverErrorsOf } from "@/components/forms/validation";
import { FormError } from "@/components/forms/form-error";
import { useRenderMessage } from "@/components/i18n/use-render-message";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import type { RouterOutputs } from "@/components/api-types";
import { CALIBRATION_MIN_SHOP_DAYS, type CALIBRATED_RULE_SETS } from "@/lib/contracts/scoring-parameters";
import { useTRPC } from "@/lib/trpc-client";

type Run = NonNullable<RouterOutputs["calibration"]["latest"]>;
type Result = NonNullable<Run["result"]>;

/**
 * 校准 / Calibration for one rule set and category: run it (a background job), follow its progress,
 * read the agreement with the platform before and after, and adopt the fitted numbers.
 */
export function CalibrationCard({
  ruleSet,
  category,
  editable,
  names,
}: {
  ruleSet: (typeof CALIBRATED_RULE_SETS)[number];
  category: string;
  editable: boolean;
  names: Record<string, { nameZh: string; nameEn: string }>;
}) {
  const t = useTranslations("settings.calibration");
  const tAll = useTranslations();
  const format = useFormatter();
  const render = useRenderMessage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const ref = { ruleSet, category };
  const latest = useQuery({
    ...trpc.calibration.latest.queryOptions(ref),
    refetchInterval: (query) => (query.state.data && ["queued", "running"].includes(query.state.data.status) ? 1000 : false),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.calibration.pathKey() });
  const start = useMutation(trpc.calibration.start.mutationOptions({ onSuccess: async () => (await refresh(), toast.show(t("started"))) }));
  const adopt = useMutation(
    trpc.calibration.adopt.mutationOptions({
      onSuccess: async (outcome) => {
        await refresh();
        await queryClient.invalidateQueries({ queryKey: trpc.parameters.pathKey() });
        toast.show(t("adoptedToast", { count: outcome.adopted }));
      },
    }),
  );
  const run = latest.data ?? null;
  const busy = run !== null && (run.status === "queued" || run.status === "running");
  const error = serverErrorsOf(start.error ?? adopt.error, tAll).message;
  const when = (at: Date) => format.dateTime(at, { dateStyle: "medium", timeStyle: "short" });

  return (
    <section aria-labelledby="calibration-title" className="space-y-3 rounded-md border border-zinc-200 p-4" data-testid="calibration-card">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 id="calibration-title" className="text-sm font-semibold">
            {t("title")}
          </h3>
          <p className="mt-1 text-sm text-zinc-600">{t("lead", { minimum: CALIBRATION_MIN_SHOP_DAYS })}</p>
        </div>
        {editable ? (
          <Button variant="secondary" size="sm" loading={start.isPending} disabled={busy} onClick={() => start.mutate(ref)} data-testid="calibration-run">
            {t("run")}
          </Button>
        ) : null}
      </div>
      <FormError message={error} />
      {!run ? <p className="text-sm text-zinc-500">{t("none")}</p> : null}
      {run ? (
        <div className="space-y-3" data-testid="calibration-run-state">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <Badge tone={run.status === "succeeded" ? "success" : run.status === "failed" ? "danger" : run.status === "insufficient" ? "warning" : "neutral"}>{t(`statuses.${run.status}`)}</Badge>
            <span className="text-xs text-zinc-500">{t("requestedAt", { time: when(run.createdAt) })}</span>
          </div>
          {busy ? (
            <div className="h-2 w-full overflow-hidden rounded-full bg-zinc-100" role="progressbar" aria-label={t("progress")} aria-valuemin={0} aria-valuemax={100} aria-valuenow={run.progress}>
              <div className="h-full bg-rose-600 transition-all" style={{ width: `${run.progress}%` }} />
            </div>
          ) : null}
          {run.status === "failed" && run.errorKey ? <p className="text-sm text-red-700">{render(run.errorKey)}</p> : null}
          {run.status === "insufficient" && run.result ? (
            <p className="text-sm text-amber-800" data-testid="calibration-insufficient">
              {t("insufficient", { observations: run.result.observations, minimum: run.result.minimumShopDays, reported: run.result.reportedShopDays })}
            </p>
          ) : null}
          {run.status === "succeeded" && run.result ? <Outcome result={run.result} names={names} /> : null}
          {run.status === "succeeded" && run.result?.fitted ? (
            run.adoptedAt ? (
              <p className="text-sm text-emerald-700" data-testid="calibration-adopted">
                {t("adopted", { time: when(run.adoptedAt) })}
              </p>
            ) : editable ? (
              <div className="flex justify-end">
                <Button loading={adopt.isPending} onClick={() => adopt.mutate({ id: run.id })} data-testid="calibration-adopt">
                  {t("adopt")}
                </Button>
              </div>
            ) : null
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function Outcome({ result, names }: { result: Result; names: Record<string, { nameZh: string; nameEn: string }> }) {
  const t = useTranslations("settings.calibration");
  const format = useFormatter();
  const tParameters = useTranslations("settings.parameters");
  const locale = useLocale();
  const name = (code: string) => {
    const known = names[code];
    return known ? (locale === "en" ? known.nameEn : known.nameZh) : code;
  };
  const points = (value: number | null) => (value === null ? "—" : t("points", { value: format.number(value, { maximumFractionDigits: 2 }) }));
  const share = (value: number | null) => (value === null ? "—" : format.number(value, { style: "percent", maximumFractionDigits: 0 }));
  const fittedCutoffs = Object.keys(result.fitted?.cutoffs ?? {}).length;
  const fittedDimensions = Object.values(result.details?.indicatorWeights ?? {}).filter((w) => w.status === "fitted").length;
  const rows = [
    { key: "before", label: t("before"), agreement: result.before },
    { key: "after", label: t("after"), agreement: result.after },
  ];
  return (
    <div className="space-y-3">
      {result.days ? <p className="text-xs text-zinc-500">{t("observations", { observations: result.observations, shops: result.shops, first: result.days.first, last: result.days.last })}</p> : null}
      <div>
        <h4 className="text-sm font-medium text-zinc-800">{t("agreement")}</h4>
        <dl className="mt-2 grid gap-3 sm:grid-cols-2" data-testid="calibration-agreement">
          {rows.map((row) => (
            <div key={row.key} className="rounded-md bg-zinc-50 p-3" data-testid={`calibration-${row.key}`}>
              <dt className="text-xs font-medium text-zinc-600">{row.label}</dt>
              <dd className="mt-1 text-sm text-zinc-900">
                {t("mae")}: <span className="font-semibold tabular-nums">{points(row.agreement?.meanAbsoluteError ?? null)}</span>
              </dd>
              <dd className="text-sm text-zinc-900">
                {t("within")}: <span className="font-semibold tabular-nums">{share(row.agreement?.withinOnePoint ?? null)}</span>
              </dd>
            </div>
          ))}
        </dl>
      </div>
      <p className="text-sm text-zinc-700">
        {t("fittedSummary", { cutoffs: fittedCutoffs, dimensions: fittedDimensions, dimensionWeights: result.details?.dimensionWeights.status === "fitted" ? t("yes") : t("no") })}
      </p>
      {result.fitted ? (
        <details className="text-sm">
          <summary className="cursor-pointer text-rose-700">{t("details")}</summary>
          <ul className="mt-2 space-y-1 text-xs text-zinc-700 tabular-nums">
            {Object.entries(result.details?.cutoffs ?? {}).map(([code, fit]) =>
              fit && fit.status === "fitted" ? (
                <li key={code}>
                  <span className="font-medium">{name(code)}</span> · {tParameters("cutoffs")}: {fit.boundaries.map((b) => `${format.number(b.value, { maximumSignificantDigits: 4 })} (${t(`boundary.${b.status}`)})`).join(" · ")}
                </li>
              ) : null,
            )}
            {Object.entries(result.fitted.indicatorWeights).map(([code, weight]) => (
              <li key={`w-${code}`}>
                <span className="font-medium">{name(code)}</span> · {tParameters("indicatorWeight")}: {format.number(weight ?? 0, { maximumFractionDigits: 4 })}
              </li>
            ))}
            {Object.entries(result.fitted.dimensionWeights).map(([code, weight]) => (
              <li key={`d-${code}`}>
                <span className="font-medium">{tParameters("dimensionWeight", { dimension: name(code) })}</span>: {format.number(weight ?? 0, { maximumFractionDigits: 4 })}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
