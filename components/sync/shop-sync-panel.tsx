"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useRenderMessage } from "@/components/i18n/use-render-message";
import { useOrg } from "@/components/layout/org-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc-client";
import { ConnectForm } from "./connect-form";
import { PlatformScoreUpload } from "@/components/platform-scores/platform-score-upload";
import { CurrentRulesComparison, ScoreComparison } from "./score-comparison";

type Counts = Record<string, { pulled: number; inserted: number; updated: number; unchanged: number }> | null;

/**
 * A shop's sync with the Douyin open platform: Koubei's score beside the platform's, the
 * connection (authorisation, schedule, last success, the latest problem in plain words), "sync
 * now", pause/resume, the recent runs, and the form to connect or re-authorise.
 */
export function ShopSyncPanel({ shopId }: { shopId: string }) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const { can } = useOrg();
  const render = useRenderMessage();
  const status = useQuery({ ...trpc.sync.status.queryOptions({ shopId }), refetchInterval: 5_000 });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.sync.pathKey() });
  const onError = (error: { message: string }) => toast.show(error.message, "error");
  const syncNow = useMutation(trpc.sync.syncNow.mutationOptions({ onSuccess: async () => (await refresh(), toast.show(t("sync.syncQueued"))), onError }));
  const setPaused = useMutation(trpc.sync.setPaused.mutationOptions({ onSuccess: refresh, onError }));
  if (!status.data) return null;
  const data = status.data;
  const when = (at: Date | null) => (at ? format.dateTime(at, { dateStyle: "medium", timeStyle: "short" }) : t("sync.never"));
  const countsText = (counts: Counts) =>
    Object.entries(counts ?? {})
      .map(([resource, c]) => t("sync.recordsLine", { resource: t.has(`sync.resources.${resource}`) ? t(`sync.resources.${resource}`) : resource, ...c }))
      .join("；");

  return (
    <div className="space-y-6">
      <ScoreComparison shopId={shopId} />
      <CurrentRulesComparison shopId={shopId} />
      {can("imports.write") ? <PlatformScoreUpload shopId={shopId} /> : null}
      <section aria-labelledby="shop-sync" className="space-y-4 rounded-lg border border-zinc-200 bg-white p-5" data-testid="shop-sync">
        <div>
          <h2 id="shop-sync" className="text-base font-semibold">
            {t("sync.title")}
          </h2>
          <p className="mt-1 text-sm text-zinc-600">{data.connected ? t("sync.lead") : t("sync.notConnected")}</p>
        </div>
        {data.connected ? (
          <>
            <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
              <div>
                <dt className="text-zinc-500">{t("sync.authStatus")}</dt>
                <dd className="mt-0.5" data-testid="sync-auth-status">
                  <Badge tone={data.authStatus === "authorised" ? "success" : "warning"}>{t(`sync.${data.authStatus}`)}</Badge>
                </dd>
              </div>
              <div>
                <dt className="text-zinc-500">{t("sync.platformShop")}</dt>
                <dd className="mt-0.5 font-medium">{[data.platformShopName, data.platformShopId].filter(Boolean).join(" · ")}</dd>
              </div>
              <div>
                <dt className="text-zinc-500">{t("sync.lastSuccess")}</dt>
                <dd className="mt-0.5 font-medium" data-testid="sync-last-success">
                  {when(data.lastSuccessAt)}
                </dd>
              </div>
              <div>
                <dt className="text-zinc-500">{data.paused ? t("sync.paused") : t("sync.active", { minutes: data.intervalMinutes })}</dt>
                <dd className="mt-0.5 font-medium">{t("sync.lastRun")}: {when(data.lastRunAt)}</dd>
              </div>
              {data.lastErrorKey ? (
                <div className="sm:col-span-2">
                  <dt className="text-zinc-500">{t("sync.lastError")}</dt>
                  <dd className="mt-0.5 text-red-700" data-testid="sync-last-error">
                    {data.lastErrorKey ? render(data.lastErrorKey) : null}
                  </dd>
                </div>
              ) : null}
            </dl>
            {can("imports.write") ? (
              <div className="flex flex-wrap gap-2">
                <Button loading={syncNow.isPending} onClick={() => syncNow.mutate({ shopId })} data-testid="sync-now">
                  {t("sync.syncNow")}
                </Button>
                <Button variant="secondary" loading={setPaused.isPending} onClick={() => setPaused.mutate({ shopId, paused: !data.paused })}>
                  {data.paused ? t("sync.resume") : t("sync.pause")}
                </Button>
              </div>
            ) : null}
            <Table
              caption={t("sync.history")}
              testId="sync-history"
              rows={data.runs}
              rowKey={(run) => run.id}
              columns={[
                { key: "started", header: t("sync.started"), primary: true, cell: (run) => when(run.startedAt) },
                { key: "trigger", header: t("sync.trigger"), cell: (run) => t(`sync.triggers.${run.trigger}`) },
                {
                  key: "status",
                  header: t("sync.status"),
                  cell: (run) => <Badge tone={run.status === "succeeded" ? "success" : run.status === "failed" ? "danger" : "neutral"}>{t(`sync.statuses.${run.status}`)}</Badge>,
                },
                { key: "records", header: t("sync.records"), cell: (run) => (run.errorKey ? render(run.errorKey) : countsText(run.counts)) },
              ]}
            />
            {data.runs.length === 0 ? <p className="text-sm text-zinc-500">{t("sync.noRuns")}</p> : null}
          </>
        ) : null}
        {can("sync.manage") ? (
          <div className="border-t border-zinc-100 pt-4">
            <h3 className="mb-3 text-sm font-semibold">{t("sync.connectTitle")}</h3>
            <ConnectForm
              shopId={shopId}
              initial={data.connected ? { baseUrl: data.baseUrl, appKey: data.appKey, platformShopId: data.platformShopId, intervalMinutes: data.intervalMinutes } : null}
            />
          </div>
        ) : null}
      </section>
    </div>
  );
}
