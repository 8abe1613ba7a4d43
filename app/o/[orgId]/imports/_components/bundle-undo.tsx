"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/lib/trpc-client";
import { UndoConfirm, useAfterUndo, type ImportItem } from "./import-status";

/**
 * Undo a whole bundle — a sync run, or a bulk upload — in one step. The server undoes all of it
 * or nothing; for a sync run the dialog says that the sync position is kept.
 */
export function UndoBundleButton({ item, count }: { item: ImportItem & { bundleId: string }; count: number }) {
  const t = useTranslations("imports");
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const after = useAfterUndo(() => setOpen(false), (data: { undone: unknown[] }) => t("bundleUndone", { count: data.undone.length }));
  const undo = useMutation(trpc.imports.undoBundle.mutationOptions(after));
  const sync = item.source === "sync";
  return (
    <UndoConfirm
      label={t(sync ? "undoSyncRun" : "undoBundle")}
      title={t(sync ? "undoSyncRunTitle" : "undoBundleTitle")}
      description={`${item.shopName ?? ""} · ${t(`sources.${item.source}`)}`}
      body={t(sync ? "undoSyncRunBody" : "undoBundleBody", { count })}
      confirmLabel={t("undoBundleConfirm")}
      size="sm"
      pending={undo.isPending}
      open={open}
      setOpen={setOpen}
      onConfirm={() => undo.mutate({ bundleId: item.bundleId })}
    />
  );
}
