"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { useLocalText } from "@/components/checklists/local-text";
import { ChecklistStatusBadge } from "@/components/checklists/status-badge";
import { useOrg } from "@/components/layout/org-context";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/select";
import { PageSpinner } from "@/components/ui/spinner";
import { sortRows, Table, type Column, type TableSort } from "@/components/ui/table";
import type { ChecklistSummary } from "@/lib/contracts/checklists";
import { CHECKLIST_STATUSES, type ChecklistStatus } from "@/lib/contracts/playbooks";
import { ENTITY_KINDS, type EntityKind } from "@/lib/contracts/entity-kinds";
import { formatDay } from "@/lib/scores/format";
import { useTRPC } from "@/lib/trpc-client";
import { PageHeader } from "../../_components/page-header";
import { PlaybookEffects } from "./playbook-effects";

/** The agency view: every checklist the member may see, by shop and owner, with progress and what is overdue. */
export function AgencyChecklists() {
  const t = useTranslations("checklists");
  const locale = useLocale();
  const local = useLocalText();
  const { orgId } = useOrg();
  const trpc = useTRPC();
  const [status, setStatus] = useState<ChecklistStatus | "">("open");
  const [kind, setKind] = useState<EntityKind | "">("");
  const [owner, setOwner] = useState("");
  const [sort, setSort] = useState<TableSort>({ key: "overdue", direction: "desc" });
  const list = useQuery(trpc.checklists.list.queryOptions({ ...(status ? { status } : {}), ...(kind ? { entityKind: kind } : {}) }));
  const rows = useMemo(() => (list.data ?? []).filter((r) => !owner || (owner === "none" ? r.ownerUserId === null : r.ownerUserId === owner)), [list.data, owner]);
  const owners = useMemo(() => {
    const seen = new Map<string, string>();
    for (const r of list.data ?? []) if (r.ownerUserId) seen.set(r.ownerUserId, r.ownerName ?? r.ownerUserId);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [list.data]);

  const columns: Column<ChecklistSummary>[] = [
    {
      key: "entity",
      header: t("entity"),
      primary: true,
      sortable: true,
      sortValue: (r) => r.entityName,
      cell: (r) => (
        <span>
          <Link href={`/o/${orgId}/checklists/${r.id}`} className="font-medium text-rose-700 hover:underline" data-testid="checklist-link">
            {r.entityName}
          </Link>
          <span className="ml-1 text-xs text-zinc-500">{t(`kind.${r.entityKind}`)}</span>
        </span>
      ),
    },
    { key: "playbook", header: t("playbook"), sortable: true, sortValue: (r) => local(r.titleZh, r.titleEn), cell: (r) => local(r.titleZh, r.titleEn) },
    { key: "owner", header: t("owner"), sortable: true, sortValue: (r) => r.ownerName, cell: (r) => r.ownerName ?? <span className="text-zinc-400">{t("noOwner")}</span> },
    { key: "status", header: t("filters.status"), cell: (r) => <ChecklistStatusBadge status={r.status} /> },
    { key: "progress", header: t("progress"), align: "end", sortable: true, sortValue: (r) => (r.itemsTotal ? r.itemsDone / r.itemsTotal : 0), cell: (r) => t("progressValue", { done: r.itemsDone, total: r.itemsTotal }) },
    {
      key: "overdue",
      header: t("overdue"),
      align: "end",
      sortable: true,
      sortValue: (r) => r.itemsOverdue,
      cell: (r) => <span className={r.itemsOverdue > 0 ? "font-semibold text-red-700" : "text-zinc-500"}>{r.itemsOverdue}</span>,
    },
    { key: "nextDue", header: t("nextDue"), align: "end", sortable: true, sortValue: (r) => r.nextDueDay, cell: (r) => (r.nextDueDay ? formatDay(r.nextDueDay, locale, true) : "—") },
    { key: "start", header: t("startDay"), align: "end", sortable: true, sortValue: (r) => r.startDay, cell: (r) => formatDay(r.startDay, locale, true) },
  ];

  return (
    <div className="space-y-6">
      <PageHeader title={t("agencyTitle")} />
      <div className="grid gap-3 sm:grid-cols-3">
        <label className="block text-sm">
          <span className="mb-1 block text-xs text-zinc-500">{t("filters.status")}</span>
          <Select value={status} placeholder={t("filters.allStatuses")} options={CHECKLIST_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} onChange={(e) => setStatus(e.target.value as ChecklistStatus | "")} />
        </label>
        <label className="block text-sm">
          <span className="mb-1 block text-xs text-zinc-500">{t("filters.kind")}</span>
          <Select value={kind} placeholder={t("filters.allKinds")} options={ENTITY_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} onChange={(e) => setKind(e.target.value as EntityKind | "")} />
        </label>
        <label className="block text-sm">
          <span className="mb-1 block text-xs text-zinc-500">{t("filters.owner")}</span>
          <Select value={owner} placeholder={t("filters.allOwners")} options={[...owners, { value: "none", label: t("noOwner") }]} onChange={(e) => setOwner(e.target.value)} />
        </label>
      </div>
      {list.isPending ? (
        <PageSpinner label={t("agencyTitle")} />
      ) : rows.length === 0 ? (
        <EmptyState title={t("agencyEmpty")} />
      ) : (
        <Table rows={sortRows(rows, columns, sort, locale)} columns={columns} rowKey={(r) => r.id} caption={t("agencyTitle")} sort={sort} onSortChange={setSort} testId="agency-checklists" />
      )}
      <PlaybookEffects />
    </div>
  );
}
