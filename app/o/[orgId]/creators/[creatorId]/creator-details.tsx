"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useCategories } from "@/components/catalog/use-categories";
import { useOrg } from "@/components/layout/org-context";
import { EntityScorePanel } from "@/components/scores/EntityScorePanel";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageSpinner } from "@/components/ui/spinner";
import { useTRPC } from "@/lib/trpc-client";
import { PageHeader } from "../../_components/page-header";

/** One creator account (达人) with its 带货口碑分. */
export function CreatorDetails({ creatorId }: { creatorId: string }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const { orgId } = useOrg();
  const categories = useCategories();
  const creator = useQuery(trpc.creators.get.queryOptions({ id: creatorId }));

  const back = (
    <Link href={`/o/${orgId}/creators`} className="text-sm text-zinc-600 hover:underline">
      ← {t("scores.creatorPage.back")}
    </Link>
  );
  if (creator.isPending) return <PageSpinner label={t("common.loading")} />;
  if (creator.isError) {
    return (
      <div className="space-y-4">
        {back}
        <EmptyState title={creator.error.message} description={t("scores.creatorPage.notFound")} />
      </div>
    );
  }
  const c = creator.data;
  const rows: [string, string][] = [
    [t("creators.externalId"), c.externalId],
    [t("creators.handle"), c.handle ?? "—"],
    [t("creators.category"), categories.labelOf(c.categoryCode)],
    [t("shops.ruleSet"), c.ruleSet],
  ];
  return (
    <div className="space-y-6">
      {back}
      <div>
        <PageHeader
          title={
            <span className="inline-flex flex-wrap items-center gap-2">
              {c.name}
              {c.archivedAt ? <Badge>{t("shops.archived")}</Badge> : null}
            </span>
          }
        />
        <dl className="grid gap-x-6 gap-y-3 rounded-lg border border-zinc-200 bg-white p-5 text-sm sm:grid-cols-2">
          {rows.map(([label, value]) => (
            <div key={label} className="flex justify-between gap-3 sm:block">
              <dt className="text-zinc-500">{label}</dt>
              <dd className="text-right font-medium break-all text-zinc-900 sm:mt-0.5 sm:text-left">{value}</dd>
            </div>
          ))}
        </dl>
      </div>
      <EntityScorePanel kind="creator" id={c.id} />
    </div>
  );
}
