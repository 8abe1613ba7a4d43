"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import type { ScoredEntityKind } from "@/lib/contracts/entities";
import { EntityForm } from "./entity-form";
import { useEntityApi, type ScoredEntity } from "./use-entity-api";

/** Edit, archive or restore one shop or creator account (shown to members who may write). */
export function EntityEditor({ kind, entity }: { kind: ScoredEntityKind; entity: ScoredEntity }) {
  const common = useTranslations("common");
  const { api, ns } = useEntityApi(kind);
  const t = useTranslations(ns);
  const queryClient = useQueryClient();
  const toast = useToast();
  const [confirmArchive, setConfirmArchive] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: api.pathKey() });
  const update = useMutation(
    api.update.mutationOptions({
      onSuccess: async () => {
        await refresh();
        toast.show(common("saved"));
      },
    }),
  );
  const archive = useMutation(
    api.setArchived.mutationOptions({
      onSuccess: async (row) => {
        setConfirmArchive(false);
        await refresh();
        toast.show(t(row.archivedAt ? "archivedToast" : "restoredToast", { name: row.name }));
      },
      onError: (error) => toast.show(error.message, "error"),
    }),
  );
  const archived = Boolean(entity.archivedAt);
  const setArchived = (value: boolean) => archive.mutate({ id: entity.id, archived: value });
  return (
    <>
      <section aria-labelledby={`${kind}-edit`} className="rounded-lg border border-zinc-200 bg-white p-5">
        <h2 id={`${kind}-edit`} className="mb-4 text-base font-semibold">
          {t("editTitle")}
        </h2>
        <EntityForm
          kind={kind}
          entity={entity}
          submitLabel={common("save")}
          pending={update.isPending}
          error={update.error}
          onValid={(input) => update.mutate({ ...input, id: entity.id })}
        />
      </section>
      <section aria-labelledby={`${kind}-archive`} className="rounded-lg border border-zinc-200 bg-white p-5">
        <h2 id={`${kind}-archive`} className="text-base font-semibold">
          {archived ? t("restoreTitle") : t("archiveTitle")}
        </h2>
        <p className="mt-1 text-sm text-zinc-600">{archived ? t("restoreBody") : t("archiveBody")}</p>
        <div className="mt-4">
          <Button
            variant="secondary"
            loading={archived && archive.isPending}
            onClick={() => (archived ? setArchived(false) : setConfirmArchive(true))}
          >
            {archived ? t("restore") : t("archive")}
          </Button>
        </div>
      </section>
      <Dialog
        open={confirmArchive}
        onClose={() => setConfirmArchive(false)}
        title={t("archiveConfirmTitle", { name: entity.name })}
        description={t("archiveBody")}
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirmArchive(false)}>
              {common("cancel")}
            </Button>
            <Button variant="danger" loading={archive.isPending} onClick={() => setArchived(true)}>
              {t("archive")}
            </Button>
          </>
        }
      >
        <p className="text-sm text-zinc-700">{t("archiveConfirmBody")}</p>
      </Dialog>
    </>
  );
}
