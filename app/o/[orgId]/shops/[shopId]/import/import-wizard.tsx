"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useCallback, useRef, useState, type DragEvent } from "react";
import { useOrg } from "@/components/layout/org-context";
import { EmptyState } from "@/components/ui/empty-state";
import { PageSpinner } from "@/components/ui/spinner";
import { useEntityApi } from "../../../_components/entities/use-entity-api";
import { PageHeader } from "../../../_components/page-header";
import { uploadFile, type UploadedFile } from "../../../imports/_components/upload-file";
import { FileImport, type ImportOwnerRef } from "./file-import";

type Entry = { key: string; name: string; state: "uploading" | "uploaded" | "failed"; upload?: UploadedFile; error?: string };

/** Drop one or several exports into a shop or a creator account; each gets its own preview, mapping and confirm. */
export function ImportWizard({ owner }: { owner: ImportOwnerRef }) {
  const t = useTranslations("imports");
  const tc = useTranslations("common");
  const locale = useLocale();
  const { orgId } = useOrg();
  const { api, hrefOf } = useEntityApi(owner.kind);
  const shop = useQuery(api.get.queryOptions({ id: owner.id }));
  const [entries, setEntries] = useState<Entry[]>([]);
  const [dragging, setDragging] = useState(false);
  const counter = useRef(0);

  const addFiles = useCallback(
    (files: FileList | File[]) => {
      for (const file of Array.from(files)) {
        counter.current += 1;
        const key = `${counter.current}-${file.name}`;
        setEntries((list) => [...list, { key, name: file.name, state: "uploading" }]);
        uploadFile(orgId, file, locale).then(
          (upload) => setEntries((list) => list.map((e) => (e.key === key ? { ...e, state: "uploaded", upload } : e))),
          (error: unknown) =>
            setEntries((list) => list.map((e) => (e.key === key ? { ...e, state: "failed", error: error instanceof Error ? error.message : String(error) } : e))),
        );
      }
    },
    [orgId, locale],
  );

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    if (event.dataTransfer.files.length > 0) addFiles(event.dataTransfer.files);
  };

  const back = (
    <Link href={hrefOf(owner.id)} className="text-sm text-zinc-600 hover:underline">
      ← {t(owner.kind === "shop" ? "backToShop" : "backToCreator")}
    </Link>
  );
  if (shop.isPending) return <PageSpinner label={tc("loading")} />;
  if (shop.isError) {
    return (
      <div className="space-y-4">
        {back}
        <EmptyState title={shop.error.message} />
      </div>
    );
  }
  return (
    <div className="space-y-6">
      {back}
      <PageHeader
        title={owner.kind === "shop" ? t("shopImportTitle", { shop: shop.data.name }) : t("creatorImportTitle", { creator: shop.data.name })}
        description={t(owner.kind === "shop" ? "shopImportLead" : "creatorImportLead")}
        actions={
          <Link href={`/o/${orgId}/imports`} className="text-sm text-rose-700 hover:underline">
            {t("seeHistory")}
          </Link>
        }
      />
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={
          dragging
            ? "rounded-lg border-2 border-dashed border-rose-500 bg-rose-50 p-8 text-center"
            : "rounded-lg border-2 border-dashed border-zinc-300 bg-white p-8 text-center"
        }
        data-testid="drop-zone"
      >
        <p className="text-sm text-zinc-600">{t("dropHere")}</p>
        <label className="mt-3 inline-flex cursor-pointer items-center rounded-md bg-rose-600 px-4 py-2 text-sm font-medium text-white hover:bg-rose-700">
          {t("chooseFiles")}
          <input
            type="file"
            multiple
            accept=".csv,.xlsx,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="sr-only"
            data-testid="file-input"
            onChange={(e) => {
              if (e.target.files) addFiles(e.target.files);
              e.target.value = "";
            }}
          />
        </label>
      </div>
      {entries.map((entry) => (
        <section key={entry.key} className="space-y-3" aria-label={entry.name}>
          {entry.state === "uploading" ? <p className="text-sm text-zinc-600">{`${entry.name} — ${t("uploading")}`}</p> : null}
          {entry.state === "failed" ? <p className="text-sm text-red-600">{`${entry.name} — ${t("uploadFailed", { reason: entry.error ?? "" })}`}</p> : null}
          {entry.upload ? (
            <FileImport owner={owner} upload={entry.upload} onRemove={() => setEntries((list) => list.filter((e) => e.key !== entry.key))} />
          ) : null}
        </section>
      ))}
    </div>
  );
}
