"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useOrg } from "@/components/layout/org-context";
import { EmptyState } from "@/components/ui/empty-state";
import { useToast } from "@/components/ui/toast";
import type { ScoredEntityKind } from "@/lib/contracts/entities";
import { PageHeader } from "../page-header";
import { EntityForm } from "./entity-form";
import { useEntityApi } from "./use-entity-api";

/** Add a shop or a creator account, then return to the list. */
export function NewEntity({ kind }: { kind: ScoredEntityKind }) {
  const t = useTranslations();
  const { api, info, ns, listHref } = useEntityApi(kind);
  const router = useRouter();
  const queryClient = useQueryClient();
  const toast = useToast();
  const { can } = useOrg();
  const create = useMutation(
    api.create.mutationOptions({
      onSuccess: async (row) => {
        await queryClient.invalidateQueries({ queryKey: api.list.pathKey() });
        toast.show(t(`${ns}.created`, { name: row.name }));
        router.push(listHref);
      },
    }),
  );

  if (!can(info.permissions.write))
    return <EmptyState title={t("common.noPermissionTitle")} description={t("errors.forbidden")} />;

  return (
    <div className="max-w-xl">
      <Link href={listHref} className="text-sm text-zinc-600 hover:underline">
        ← {t(`${ns}.backToList`)}
      </Link>
      <div className="mt-3">
        <PageHeader title={t(`${ns}.newTitle`)} description={t(`${ns}.newLead`)} />
      </div>
      <div className="rounded-lg border border-zinc-200 bg-white p-5">
        <EntityForm
          kind={kind}
          entity={null}
          submitLabel={t(`${ns}.create`)}
          pending={create.isPending || create.isSuccess}
          error={create.error}
          onValid={(input) => create.mutate(input)}
        />
      </div>
    </div>
  );
}
