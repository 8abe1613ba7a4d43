"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { RouterInputs, RouterOutputs } from "@/components/api-types";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { Table } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { ENCODING_CHOICES, IMPORT_KINDS, IMPORT_OWNER_OF_KIND, type ImportOwnerKind } from "@/lib/contracts/imports";
import { useTRPC } from "@/lib/trpc-client";
import { useFieldLabel, useValueLabel } from "../../../imports/_components/field-labels";
import { ImportStatusCard } from "../../../imports/_components/import-status";
import type { UploadedFile } from "../../../imports/_components/upload-file";

type Preview = RouterOutputs["imports"]["preview"];
type PreviewInput = RouterInputs["imports"]["preview"];
type Kind = NonNullable<PreviewInput["kind"]>;
type Encoding = NonNullable<PreviewInput["encoding"]>;
type Mapping = Record<string, string | null>;
type Settings = { kind?: Kind; encoding: Encoding; mapping?: Mapping };

/** Whose data a file is imported into: a shop (its own exports) or a creator account (its 达人订单 export). */
export type ImportOwnerRef = { kind: ImportOwnerKind; id: string };

/** One uploaded file: kind, encoding, column mapping, preview and rejected rows, then confirm and progress. */
export function FileImport({ owner, upload, onRemove }: { owner: ImportOwnerRef; upload: UploadedFile; onRemove: () => void }) {
  const t = useTranslations("imports");
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [settings, setSettings] = useState<Settings>({ encoding: "auto" });
  const [preview, setPreview] = useState<Preview | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const [templateName, setTemplateName] = useState("");

  const previewMutation = useMutation(
    trpc.imports.preview.mutationOptions({
      onSuccess: (data) => {
        setPreview(data);
        setFailure(null);
      },
      onError: (error) => setFailure(error.message),
    }),
  );
  const { mutate: runPreview } = previewMutation;
  const ownerKind = owner.kind;
  const ownerId = owner.id;
  useEffect(() => {
    runPreview({
      uploadId: upload.uploadId,
      ...(ownerKind === "shop" ? { shopId: ownerId } : { creatorId: ownerId }),
      kind: settings.kind,
      encoding: settings.encoding === "auto" ? undefined : settings.encoding,
      mapping: settings.mapping,
    });
  }, [runPreview, upload.uploadId, ownerKind, ownerId, settings]);

  const kind = preview?.kind ?? settings.kind ?? "orders";
  const fieldLabel = useFieldLabel(kind);
  const templates = useQuery(trpc.imports.templates.queryOptions({ kind }));
  const saveTemplate = useMutation(
    trpc.imports.saveTemplate.mutationOptions({
      onSuccess: async (saved) => {
        toast.show(t("templateSaved", { name: saved.name }));
        setTemplateName("");
        await queryClient.invalidateQueries({ queryKey: trpc.imports.templates.pathKey() });
      },
      onError: (error) => toast.show(error.message, "error"),
    }),
  );
  const confirm = useMutation(
    trpc.imports.confirm.mutationOptions({
      onSuccess: async (result) => {
        setImportId(result.importId);
        // The score pages then ask again and show 重新计算中 until the new score is stored.
        await queryClient.invalidateQueries({ queryKey: trpc.scores.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.imports.list.pathKey() });
      },
      onError: (error) => toast.show(error.message, "error"),
    }),
  );

  if (importId) return <ImportStatusCard importId={importId} />;

  const setMapping = (field: string, header: string) => {
    if (!preview) return;
    setSettings({ ...settings, kind: preview.kind, mapping: { ...preview.mapping, [field]: header === "" ? null : header } });
  };
  const columnOptions = (preview?.headers ?? []).filter((h) => h && !(preview?.buyerColumnsDropped ?? []).includes(h)).map((h) => ({ value: h, label: h }));

  return (
    <div className="space-y-4 rounded-lg border border-zinc-200 bg-white p-4" data-testid="file-import">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="min-w-0 font-medium break-all text-zinc-900">
          {upload.fileName} <span className="text-xs font-normal text-zinc-500">{t("sizeKb", { size: Math.max(1, Math.round(upload.sizeBytes / 1024)) })}</span>
        </h2>
        <div className="flex items-center gap-2">
          {previewMutation.isPending ? <Spinner size="sm" label={t("previewing")} /> : null}
          <Button variant="ghost" size="sm" onClick={onRemove}>
            {t("remove")}
          </Button>
        </div>
      </div>
      {failure ? <p className="text-sm text-red-600">{failure}</p> : null}
      {!preview ? (
        previewMutation.isPending ? (
          <p className="text-sm text-zinc-500">{t("previewing")}</p>
        ) : null
      ) : (
        <>
          <div className="grid gap-3 sm:grid-cols-2">
            <label className="block space-y-1 text-sm">
              <span className="font-medium text-zinc-800">{t("kind")}</span>
              <Select
                data-testid="kind-select"
                value={preview.kind}
                options={IMPORT_KINDS.filter((k) => IMPORT_OWNER_OF_KIND[k] === owner.kind).map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
                onChange={(e) => setSettings({ encoding: settings.encoding, kind: e.target.value as Kind })}
              />
            </label>
            <label className="block space-y-1 text-sm">
              <span className="font-medium text-zinc-800">{t("encoding")}</span>
              <Select
                data-testid="encoding-select"
                value={settings.encoding}
                options={ENCODING_CHOICES.map((e) => ({ value: e, label: e === "auto" ? t("encodingAuto") : e.toUpperCase() }))}
                onChange={(e) => setSettings({ ...settings, kind: preview.kind, encoding: e.target.value as Encoding })}
              />
              <span className="block text-xs text-zinc-500" data-testid="detected-encoding">
                {preview.encoding ? t("detectedEncoding", { encoding: preview.encoding.toUpperCase() }) : `${t("fileType")}: ${(preview.fileType ?? "").toUpperCase()}`}
              </span>
            </label>
          </div>

          {preview.error ? (
            <p className="rounded-md bg-red-50 p-3 text-sm text-red-700" role="alert" data-testid="preview-error">
              {t("cannotImport", { reason: preview.error })}
            </p>
          ) : null}

          <details open className="space-y-2">
            <summary className="cursor-pointer text-sm font-semibold text-zinc-900">{t("mappingTitle")}</summary>
            <p className="text-xs text-zinc-500">{t("mappingLead")}</p>
            <div className="grid gap-2 sm:grid-cols-2" data-testid="mapping">
              {preview.fields.map(({ field, required }) => (
                <label key={field} className="flex items-center justify-between gap-2 text-sm">
                  <span className="min-w-0 shrink break-all text-zinc-800">
                    {fieldLabel(field)}
                    {required ? <span className="ml-1 text-rose-600">*</span> : null}
                    <span className="block font-mono text-[11px] text-zinc-500">{field}</span>
                  </span>
                  <Select
                    fullWidth={false}
                    className="w-44 max-w-[55%]"
                    data-testid={`mapping-${field}`}
                    aria-label={`${fieldLabel(field)} (${field})`}
                    value={preview.mapping[field] ?? ""}
                    placeholder={t("notImported")}
                    options={columnOptions}
                    onChange={(e) => setMapping(field, e.target.value)}
                  />
                </label>
              ))}
            </div>
            <div className="flex flex-wrap items-end gap-2 pt-2">
              {templates.data && templates.data.length > 0 ? (
                <Select
                  fullWidth={false}
                  className="w-48"
                  aria-label={t("applyTemplate")}
                  data-testid="apply-template"
                  value=""
                  placeholder={t("noTemplate")}
                  options={templates.data.map((tpl) => ({ value: tpl.id, label: tpl.name }))}
                  onChange={(e) => {
                    const tpl = templates.data.find((x) => x.id === e.target.value);
                    if (tpl) setSettings({ kind: preview.kind, encoding: (tpl.encoding as Encoding | null) ?? settings.encoding, mapping: tpl.mapping });
                  }}
                />
              ) : null}
              <Input
                className="w-44"
                aria-label={t("templateName")}
                placeholder={t("templateName")}
                value={templateName}
                onChange={(e) => setTemplateName(e.target.value)}
                data-testid="template-name"
              />
              <Button
                variant="secondary"
                size="sm"
                disabled={!templateName.trim()}
                loading={saveTemplate.isPending}
                onClick={() => saveTemplate.mutate({ kind: preview.kind, name: templateName, mapping: preview.mapping, encoding: settings.encoding })}
              >
                {t("saveTemplate")}
              </Button>
            </div>
          </details>

          {preview.buyerColumnsDropped.length > 0 ? <p className="text-xs text-zinc-500">{t("buyerColumnsDropped", { columns: preview.buyerColumnsDropped.join("、") })}</p> : null}
          {preview.notes.length > 0 ? (
            <ul className="list-disc space-y-1 pl-5 text-xs text-zinc-600" aria-label={t("notes")}>
              {preview.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          ) : null}

          {!preview.error ? <PreviewRows kind={preview.kind} rows={preview.rows} /> : null}
          {!preview.error ? <RejectedRows preview={preview} /> : null}

          <div className="flex flex-wrap gap-2">
            <Button
              data-testid="confirm-import"
              disabled={Boolean(preview.error) || previewMutation.isPending}
              loading={confirm.isPending}
              onClick={() =>
                confirm.mutate({
                  uploadId: upload.uploadId,
                  ...(owner.kind === "shop" ? { shopId: owner.id } : { creatorId: owner.id }),
                  kind: preview.kind,
                  encoding: settings.encoding === "auto" ? undefined : settings.encoding,
                  mapping: settings.mapping ? preview.mapping : undefined,
                })
              }
            >
              {t("confirm")}
            </Button>
          </div>
        </>
      )}
    </div>
  );
}

function PreviewRows({ kind, rows }: { kind: string; rows: Record<string, unknown>[] }) {
  const t = useTranslations("imports");
  const format = useFormatter();
  const fieldLabel = useFieldLabel(kind);
  const valueLabel = useValueLabel();
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const show = (key: string, value: unknown): string => {
    if (value === null || value === undefined || value === "") return "—";
    if (value instanceof Date) return format.dateTime(value, { dateStyle: "short", timeStyle: "medium" });
    if (typeof value === "string" || typeof value === "boolean") return valueLabel(key, value);
    if (typeof value === "object") return JSON.stringify(value);
    return String(value);
  };
  return (
    <div className="space-y-2">
      <h3 className="text-sm font-semibold text-zinc-900">{t("previewTitle")}</h3>
      {rows.length === 0 ? (
        <p className="text-sm text-zinc-500">{t("noRows")}</p>
      ) : (
        <div className="max-h-80 overflow-auto rounded-md border border-zinc-200" data-testid="preview-rows">
          <table className="min-w-full text-xs">
            <thead className="sticky top-0 bg-zinc-50">
              <tr>
                {keys.map((k) => (
                  <th key={k} scope="col" className="px-2 py-1.5 text-left font-medium whitespace-nowrap text-zinc-600">
                    {fieldLabel(k)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {rows.map((row, i) => (
                <tr key={i}>
                  {keys.map((k) => (
                    <td key={k} className="px-2 py-1 whitespace-nowrap text-zinc-800">
                      {show(k, row[k])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function RejectedRows({ preview }: { preview: Preview }) {
  const t = useTranslations("imports");
  return (
    <div className="space-y-2">
      <h3 className="text-sm font-semibold text-zinc-900">{t("rejectedTitle")}</h3>
      {preview.rejected.length === 0 ? (
        <p className="text-sm text-zinc-500">{t("noRejected", { count: preview.scannedRows })}</p>
      ) : (
        <Table
          testId="rejected-rows"
          caption={t("rejectedTitle")}
          rows={preview.rejected.map((r, i) => ({ ...r, key: `${r.row}-${r.column ?? ""}-${i}` }))}
          rowKey={(r) => r.key}
          columns={[
            { key: "row", header: t("row"), cell: (r) => r.row, primary: true },
            { key: "column", header: t("column"), cell: (r) => r.column ?? "—" },
            { key: "reason", header: t("reason"), cell: (r) => r.reason },
          ]}
        />
      )}
    </div>
  );
}
