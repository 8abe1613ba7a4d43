"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useCategories } from "@/components/catalog/use-categories";
import { useOrg } from "@/components/layout/org-context";
import { EntityScorePanel } from "@/components/scores/EntityScorePanel";
import { useEntityScoreOptions } from "@/components/scores/use-entity-score-options";
import { EntityChecklistsCard } from "@/components/checklists/entity-checklists-card";
import { DirectoryListing } from "@/components/directory/directory-listing";
import { ShopSyncPanel } from "@/components/sync/shop-sync-panel";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageSpinner } from "@/components/ui/spinner";
import { Tabs, type TabItem } from "@/components/ui/tabs";
import { QueuesPanel } from "@/components/queues/QueuesPanel";
import { VocPanel } from "@/components/voc/VocPanel";
import type { ScoredEntityKind } from "@/lib/contracts/entities";
import { DEFAULT_STORE_TYPE } from "@/lib/contracts/facts";
import { CreatorMerchants } from "../../creators/_components/creator-merchants";
import { PageHeader } from "../page-header";
import { EntityExportMenu } from "../reports/entity-export-menu";
import { GoalsPanel } from "../goals/goals-panel";
import { EntityEditor } from "./entity-editor";
import { SuggestedPlaybooks } from "./suggested-playbooks";
import { fieldValue, storeTypeValue, useEntityApi, type ScoredEntity } from "./use-entity-api";

/** One shop or creator account: what it is, its score, and (for writers) its editor. */
export function EntityDetails({ kind, id }: { kind: ScoredEntityKind; id: string }) {
  const t = useTranslations();
  const { api, info, ns, listHref, hrefOf } = useEntityApi(kind);
  const { can } = useOrg();
  const entity = useQuery(api.get.queryOptions({ id }));
  // Asked for with the entity, so the page's data comes in one batched round trip.
  useQuery(useEntityScoreOptions(kind, id));

  const back = (
    <Link href={listHref} className="text-sm text-zinc-600 hover:underline">
      ← {t(`${ns}.backToList`)}
    </Link>
  );
  if (entity.isPending) return <PageSpinner label={t("common.loading")} />;
  if (entity.isError) {
    return (
      <div className="space-y-4">
        {back}
        <EmptyState title={entity.error.message} description={t(`${ns}.notFoundBody`)} />
      </div>
    );
  }
  const row = entity.data;
  return (
    <div className="space-y-6">
      {back}
      <EntitySummary kind={kind} entity={row} />
      <div className="flex flex-wrap justify-end gap-2">
        {can("scores.read") ? <EntityExportMenu kind={kind} id={row.id} /> : null}
        {info.importsOwnData && can("imports.write") && !row.archivedAt ? (
          <Link
            href={`${hrefOf(row.id)}/import`}
            data-testid={`${kind}-import-link`}
            className="rounded-md bg-rose-600 px-3 py-2 text-sm font-medium text-white hover:bg-rose-700"
          >
            {t("imports.importData")}
          </Link>
        ) : null}
      </div>
      {can("playbooks.read") && !row.archivedAt ? <SuggestedPlaybooks kind={kind} id={row.id} /> : null}
      <EntityTabs
        label={t("entityTabs.label")}
        items={[
          {
            value: "score",
            label: t("entityTabs.score"),
            content: (
              <div className="space-y-6">
                <EntityScorePanel kind={kind} id={row.id} />
                <EntityChecklistsCard kind={kind} id={row.id} />
              </div>
            ),
            testId: "entity-score",
          },
          { value: "goals", label: t("entityTabs.goals"), content: <GoalsPanel kind={kind} id={row.id} />, testId: "entity-goals" },
          { value: "voc", label: t("entityTabs.voc"), content: <VocPanel kind={kind} id={row.id} />, testId: "entity-voc" },
          {
            value: "queues",
            label: t("entityTabs.queues"),
            content: <QueuesPanel scope={{ kind, entityId: row.id }} shops={kind === "shop" ? [{ id: row.id, name: row.name }] : []} />,
            testId: "entity-queues",
          },
          ...(info.listsMerchantsSoldFor
            ? [{ value: "merchants", label: t("entityTabs.merchants"), content: <CreatorMerchants creatorId={row.id} />, testId: "entity-merchants" }]
            : []),
          ...(info.syncsWithPlatform
            ? [{ value: "sync", label: t("entityTabs.sync"), content: <ShopSyncPanel shopId={row.id} />, testId: "entity-sync" }]
            : []),
          ...(can("directory.read") && !row.archivedAt
            ? [
                {
                  value: "directory",
                  label: t("entityTabs.directory"),
                  content: <DirectoryListing kind={kind} id={row.id} mayPublish={can(info.permissions.write)} />,
                  testId: "entity-directory",
                },
              ]
            : []),
          ...(can(info.permissions.write)
            ? [
                {
                  value: "settings",
                  label: t("entityTabs.settings"),
                  content: <EntityEditor key={row.updatedAt.toISOString()} kind={kind} entity={row} />,
                  testId: "entity-settings",
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}

/** The entity page's sections as tabs, the open one kept in `?tab=` so a link can point at it. */
function EntityTabs({ items, label }: { items: TabItem[]; label: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const asked = params.get("tab");
  const value = items.some((item) => item.value === asked) ? (asked ?? "score") : (items[0]?.value ?? "score");
  const choose = (next: string) => {
    const query = new URLSearchParams(params);
    if (next === items[0]?.value) query.delete("tab");
    else query.set("tab", next);
    const search = query.toString();
    router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false });
  };
  return <Tabs items={items} value={value} onValueChange={choose} label={label} />;
}

function EntitySummary({ kind, entity }: { kind: ScoredEntityKind; entity: ScoredEntity }) {
  const { info, ns } = useEntityApi(kind);
  const t = useTranslations(ns);
  // The store type is a shop's own field (info.hasStoreType): its labels are the shops' messages.
  const tShop = useTranslations("shops");
  const format = useFormatter();
  const categories = useCategories();
  const rows: [string, string][] = [
    [t("externalId"), entity.externalId],
    ...info.fields.map((field): [string, string] => [t(field), fieldValue(entity, field) || "—"]),
    [t("category"), categories.labelOf(entity.categoryCode)],
    ...(info.hasStoreType ? [[tShop("storeType"), tShop(`storeTypes.${storeTypeValue(entity) ?? DEFAULT_STORE_TYPE}`)] as [string, string]] : []),
    [t("ruleSet"), entity.ruleSet],
    [t("createdAt"), format.dateTime(entity.createdAt, { dateStyle: "medium" })],
  ];
  return (
    <div>
      <PageHeader
        title={
          <span className="inline-flex flex-wrap items-center gap-2">
            {entity.name}
            {entity.archivedAt ? <Badge>{t("archived")}</Badge> : null}
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
  );
}
