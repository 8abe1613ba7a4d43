"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import type { RouterOutputs } from "@/components/api-types";
import { useRenderMessage } from "@/components/i18n/use-render-message";
import { useOrg } from "@/components/layout/org-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/lib/trpc-client";
import { uploadFile } from "./upload-file";

type BulkPreview = RouterOutputs["imports"]["bulkPreview"];
type BulkResult = RouterOutputs["imports"]["bulkConfirm"];

/** A ZIP of exports: what it holds (shop and kind per file), then one run for the whole bundle. */
export function BulkUpload() {
  const t = useTranslations("imports");
  const render = useRenderMessage();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { orgId } = useOrg();
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [preview, setPreview] = useState<BulkPreview | null>(null);
  const [result, setResult] = useState<BulkResult | null>(null);
  const previewMutation = useMutation(trpc.imports.bulkPreview.mutationOptions({ onSuccess: setPreview, onError: (e) => setError(e.message) }));
  const confirm = useMutation(
    trpc.imports.bulkConfirm.mutationOptions({
      onSuccess: async (r) => {
        setResult(r);
        await queryClient.invalidateQueries({ queryKey: trpc.scores.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.imports.pathKey() });
      },
      onError: (e) => setError(e.message),
    }),
  );

  async function onFile(file: File | undefined) {
    if (!file) return;
    setError(null);
    setPreview(null);
    setResult(null);
    setUploading(true);
    try {
      const uploaded = await uploadFile(orgId, file, locale);
      previewMutation.mutate({ uploadId: uploaded.uploadId });
    } catch (e) {
      setError(t("uploadFailed", { reason: e instanceof Error ? e.message : String(e) }));
    } finally {
      setUploading(false);
    }
  }

  const ok = result?.items.filter((i) => i.status === "succeeded").length ?? 0;
  return (
    <section aria-labelledby="bulk-title" className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4">
      <h2 id="bulk-title" className="text-base font-semibold text-zinc-900">
        {t("bulkTitle")}
      </h2>
      <p className="text-sm text-zinc-600">{t("bulkLead")}</p>
      <label className="inline-flex cursor-pointer items-center gap-2 text-sm font-medium text-rose-700">
        <input type="file" accept=".zip,application/zip" className="sr-only" onChange={(e) => void onFile(e.target.files?.[0])} data-testid="bulk-input" />
        <span className="rounded-md border border-rose-200 px-3 py-2 hover:bg-rose-50">{uploading ? t("uploading") : t("bulkChoose")}</span>
      </label>
      {error ? <p className="text-sm text-red-600">{error}</p> : null}
      {preview ? (
        <div className="space-y-2">
          {preview.error ? <p className="text-sm text-red-600">{render(preview.error)}</p> : null}
          {preview.hasManifest ? <p className="text-sm text-zinc-600">{t("bulkManifest")}</p> : null}
          <ul className="divide-y divide-zinc-100 rounded-md border border-zinc-200 text-sm">
            {preview.items.map((item) => (
              <li key={item.file} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
                <span className="break-all">{item.file}</span>
                <span className="inline-flex flex-wrap gap-1">
                  <Badge>{item.shop ?? t("bulkUnknown")}</Badge>
                  <Badge>{item.kind ? t(`kinds.${item.kind}`) : t("bulkUnknown")}</Badge>
                  {item.problem ? <Badge tone="danger">{render(item.problem)}</Badge> : null}
                </span>
              </li>
            ))}
          </ul>
          {!result && !preview.error ? (
            <Button loading={confirm.isPending} onClick={() => confirm.mutate({ uploadId: preview.uploadId })}>
              {confirm.isPending ? t("bulkRunning") : t("bulkConfirm")}
            </Button>
          ) : null}
        </div>
      ) : null}
      {result ? (
        <div className="space-y-2 text-sm" data-testid="bulk-result">
          <p className="font-medium">{t("bulkDone", { ok, failed: result.items.length - ok })}</p>
          <ul className="space-y-1">
            {result.items.map((item) => (
              <li key={item.file} className={item.status === "succeeded" ? "text-zinc-700" : "text-red-600"}>
                {item.file}:{" "}
                {item.summary && item.status === "succeeded"
                  ? `${t("inserted")} ${item.summary.inserted} · ${t("updated")} ${item.summary.updated} · ${t("unchanged")} ${item.summary.unchanged} · ${t("rejected")} ${item.summary.rejected}${item.summary.fileDays ? ` · ${t("dayRange", item.summary.fileDays)}` : ""}`
                  : item.error
                    ? render(item.error)
                    : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
