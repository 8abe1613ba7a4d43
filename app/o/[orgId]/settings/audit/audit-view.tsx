"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import type { AuditPage } from "@/components/api-types";
import { useOrg } from "@/components/layout/org-context";
import { buttonClasses, Button } from "@/components/ui/button";
import { DatePicker } from "@/components/ui/date-picker";
import { Select } from "@/components/ui/select";
import { Table, type Column, type TableSort } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc-client";
import { auditActionKey, type AuditSortKey } from "@/lib/contracts/audit";
import { PageHeader } from "../../_components/page-header";

type Entry = AuditPage["rows"][number];
type Filters = { action: string; actor: string; from: string | null; to: string | null };

const PAGE_SIZE = 50;
const NO_FILTERS: Filters = { action: "", actor: "", from: null, to: null };

/** Who changed what in the organisation: filtered, sorted and paged on the server; exported as CSV or XLSX. */
export function AuditView() {
  const t = useTranslations("audit");
  const tAll = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const { orgId, can } = useOrg();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [sort, setSort] = useState<TableSort>({ key: "at", direction: "desc" });
  const [page, setPage] = useState(1);
  const allowed = can("audit.read");
  const filterInput = {
    action: filters.action || undefined,
    actorUserId: filters.actor || undefined,
    from: filters.from ?? undefined,
    to: filters.to ?? undefined,
  };
  const entries = useQuery({
    ...trpc.audit.page.queryOptions({ ...filterInput, sort: sort.key as AuditSortKey, direction: sort.direction, page, pageSize: PAGE_SIZE }),
    enabled: allowed,
    placeholderData: keepPreviousData,
  });
  const options = useQuery({ ...trpc.audit.filterOptions.queryOptions(), enabled: allowed });
  const actionLabel = (action: string) => (tAll.has(auditActionKey(action)) ? tAll(auditActionKey(action)) : action);
  const change = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };

  if (!allowed) return <PageHeader title={t("title")} description={t("forbidden")} />;

  const columns: Column<Entry>[] = [
    { key: "at", header: t("columns.at"), sortable: true, cell: (e) => <span className="whitespace-nowrap tabular-nums">{format.dateTime(e.at, { dateStyle: "medium", timeStyle: "medium" })}</span> },
    { key: "action", header: t("columns.action"), sortable: true, primary: true, cell: (e) => <span title={e.action}>{actionLabel(e.action)}</span> },
    { key: "actor", header: t("columns.actor"), sortable: true, cell: (e) => e.actorName ?? t("system") },
    { key: "target", header: t("columns.target"), cell: (e) => <code className="font-mono text-xs break-all">{e.target ?? "—"}</code> },
    {
      key: "details",
      header: t("columns.details"),
      cell: (e) => <span className="line-clamp-2 max-w-md font-mono text-xs break-all text-zinc-600">{Object.keys(e.data).length ? JSON.stringify(e.data) : "—"}</span>,
    },
  ];
  const total = entries.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const exportQuery = (fileFormat: "csv" | "xlsx") => {
    const params = new URLSearchParams({ org: orgId, format: fileFormat });
    if (filterInput.action) params.set("action", filterInput.action);
    if (filterInput.actorUserId) params.set("actor", filterInput.actorUserId);
    if (filterInput.from) params.set("from", filterInput.from);
    if (filterInput.to) params.set("to", filterInput.to);
    return `/api/audit/export?${params.toString()}`;
  };

  return (
    <div className="space-y-4" data-testid="audit-log">
      <PageHeader title={t("title")} description={t("lead")} />
      <div className="flex flex-wrap items-end gap-3">
        <label className="w-full text-sm sm:w-56">
          <span className="mb-1 block text-zinc-600">{t("filters.action")}</span>
          <Select
            value={filters.action}
            placeholder={t("filters.allActions")}
            options={(options.data?.actions ?? []).map((action) => ({ value: action, label: actionLabel(action) }))}
            onChange={(e) => change({ action: e.target.value })}
            data-testid="audit-filter-action"
          />
        </label>
        <label className="w-full text-sm sm:w-48">
          <span className="mb-1 block text-zinc-600">{t("filters.actor")}</span>
          <Select
            value={filters.actor}
            placeholder={t("filters.allActors")}
            options={(options.data?.actors ?? []).map((actor) => ({ value: actor.id, label: actor.name }))}
            onChange={(e) => change({ actor: e.target.value })}
          />
        </label>
        <DatePicker label={t("filters.from")} placeholder={t("filters.from")} value={filters.from} max={filters.to ?? undefined} onChange={(from) => change({ from })} />
        <DatePicker label={t("filters.to")} placeholder={t("filters.to")} value={filters.to} min={filters.from ?? undefined} onChange={(to) => change({ to })} />
        <Button variant="ghost" size="sm" onClick={() => change(NO_FILTERS)}>
          {t("filters.clear")}
        </Button>
        <div className="ml-auto flex gap-2">
          <a className={buttonClasses("secondary", "sm")} href={exportQuery("csv")} download>
            {t("export.csv")}
          </a>
          <a className={buttonClasses("secondary", "sm")} href={exportQuery("xlsx")} download>
            {t("export.xlsx")}
          </a>
        </div>
      </div>
      {entries.data && entries.data.rows.length === 0 ? (
        <p className="text-sm text-zinc-500">{t("empty")}</p>
      ) : (
        <Table
          rows={entries.data?.rows ?? []}
          columns={columns}
          rowKey={(e) => e.id}
          caption={t("title")}
          testId="audit-table"
          sort={sort}
          onSortChange={(next) => {
            setSort(next);
            setPage(1);
          }}
        />
      )}
      <nav className="flex items-center justify-between text-sm text-zinc-600" aria-label={t("pager")}>
        <span>{t("count", { total, page, pages })}</span>
        <div className="flex gap-2">
          <Button variant="secondary" size="sm" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
            {t("previous")}
          </Button>
          <Button variant="secondary" size="sm" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
            {t("next")}
          </Button>
        </div>
      </nav>
    </div>
  );
}
