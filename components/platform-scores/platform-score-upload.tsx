"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import type { RouterOutputs } from "@/components/api-types";
import { FormError } from "@/components/forms/form-error";
import { serverErrorsOf } from "@/components/forms/validation";
import { useRenderMessage } from "@/components/i18n/use-render-message";
import { useOrg } from "@/components/layout/org-context";
import { Button } from "@/components/ui/button";
import { controlClasses } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc-client";

type Summary = RouterOutputs["platformScores"]["import"];

/** Sends the file to the import upload route (streamed to disk) and returns its upload id, or throws with the server's reason. */
async function uploadFile(orgId: string, file: File, locale: string): Promise<string> {
  const response = await fetch("/api/imports/upload", {
    method: "POST",
    body: file,
    headers: { "content-type": "application/octet-stream", "x-file-name": encodeURIComponent(file.name), "x-koubei-org": orgId, "x-koubei-locale": locale },
  });
  const body = (await response.json().catch(() => null)) as { uploads?: { uploadId: string }[]; error?: { message?: string } } | null;
  const uploadId = body?.uploads?.[0]?.uploadId;
  if (!response.ok || !uploadId) throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
  return uploadId;
}

/**
 * A small form on the shop page: a file of the platform's own scores (日期/date, 维度或指标/metric,
 * 指标值/value, 得分/score) imported for this shop; the days stored and the rows refused, each with
 * its row, column and reason.
 */
export function PlatformScoreUpload({ shopId }: { shopId: string }) {
  const t = useTranslations("platformScores");
  const tAll = useTranslations();
  const locale = useLocale();
  const render = useRenderMessage();
  const { orgId } = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  const importScores = useMutation(
    trpc.platformScores.import.mutationOptions({
      onSuccess: async (result) => {
        setSummary(result);
        await queryClient.invalidateQueries({ queryKey: trpc.platformScores.pathKey() });
        toast.show(t("imported", { days: result.days.length }));
      },
    }),
  );
  const [uploading, setUploading] = useState(false);
  const serverError = serverErrorsOf(importScores.error, tAll).message;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setUploadError(null);
    setSummary(null);
    setUploading(true);
    try {
      const uploadId = await uploadFile(orgId, file, locale);
      importScores.mutate({ shopId, uploadId });
    } catch (error) {
      setUploadError(error instanceof Error ? error.message : String(error));
    } finally {
      setUploading(false);
    }
  }

  return (
    <section aria-labelledby="platform-score-upload" className="space-y-3 rounded-lg border border-zinc-200 bg-white p-5" data-testid="platform-score-upload">
      <div>
        <h2 id="platform-score-upload" className="text-base font-semibold">
          {t("import")}
        </h2>
        <p className="mt-1 text-sm text-zinc-600">{t("lead")}</p>
      </div>
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3" noValidate>
        <div className="min-w-0 flex-1 space-y-1">
          <label htmlFor={inputId} className="block text-sm font-medium text-zinc-800">
            {t("file")}
          </label>
          <input
            id={inputId}
            type="file"
            name="platformScoresFile"
            accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={`${inputId}-hint`}
            className={`${controlClasses} w-full`}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          <p id={`${inputId}-hint`} className="text-xs text-zinc-500">
            {t("fileHint")}
          </p>
        </div>
        <Button type="submit" disabled={!file} loading={uploading || importScores.isPending} data-testid="platform-score-import">
          {t("import")}
        </Button>
      </form>
      <FormError message={uploadError ?? serverError} />
      {summary ? (
        <div className="space-y-2 text-sm" aria-live="polite" data-testid="platform-score-summary">
          <p className="text-zinc-800">{t("imported", { days: summary.days.length })}</p>
          {summary.rejected.length > 0 ? (
            <div>
              <p className="font-medium text-amber-800">{t("rejectedTitle", { count: summary.rejected.length })}</p>
              <ul className="mt-1 space-y-0.5 text-xs text-zinc-700" data-testid="platform-score-rejected">
                {summary.rejected.slice(0, 50).map((row) => (
                  <li key={`${row.row}-${row.column ?? "-"}`}>
                    {t("row", { row: row.row })}
                    {row.column ? ` · ${t(`columns.${row.column}`)}` : ""}: {render(row.reason)}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
