"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useOrg } from "@/components/layout/org-context";
import { useToast } from "@/components/ui/toast";
import { EmptyState } from "@/components/ui/empty-state";
import { useTRPC } from "@/lib/trpc-client";
import { PageHeader } from "../../_components/page-header";
import { EMPTY_SHOP, ShopForm } from "../_components/shop-form";

export function NewShop() {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const toast = useToast();
  const { orgId, can } = useOrg();
  const create = useMutation(
    trpc.shops.create.mutationOptions({
      onSuccess: async (shop) => {
        await queryClient.invalidateQueries({ queryKey: trpc.shops.list.pathKey() });
        toast.show(t("shops.created", { name: shop.name }));
        router.push(`/o/${orgId}`);
      },
    }),
  );

  if (!can("shops.write"))
    return <EmptyState title={t("common.noPermissionTitle")} description={t("errors.forbidden")} />;

  return (
    <div className="max-w-xl">
      <Link href={`/o/${orgId}`} className="text-sm text-zinc-600 hover:underline">
        ← {t("shops.backToList")}
      </Link>
      <div className="mt-3">
        <PageHeader title={t("shops.newTitle")} description={t("shops.newLead")} />
      </div>
      <div className="rounded-lg border border-zinc-200 bg-white p-5">
        <ShopForm
          initial={EMPTY_SHOP}
          submitLabel={t("shops.create")}
          pending={create.isPending || create.isSuccess}
          error={create.error}
          onValid={(input) => create.mutate(input)}
        />
      </div>
    </div>
  );
}
