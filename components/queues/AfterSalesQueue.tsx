"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageSpinner } from "@/components/ui/spinner";
import { Table, type Column } from "@/components/ui/table";
import type { AfterSaleQueueRow } from "@/lib/contracts/queues";
import { useTRPC } from "@/lib/trpc-client";
import { useQueueFormat, type QueueScope } from "./use-queue-format";

/** 售后时效 Open after-sales with the instant the platform completes them on its own, soonest first. */
export function AfterSalesQueue({ scope }: { scope: QueueScope }) {
  const t = useTranslations("queues");
  const trpc = useTRPC();
  const fmt = useQueueFormat();
  const rows = useQuery(trpc.queues.afterSales.queryOptions(scope));
  if (rows.isPending) return <PageSpinner label={t("tabs.afterSales")} />;
  if (rows.isError) return <EmptyState title={t("loadFailed")} description={rows.error.message} />;
  if (rows.data.length === 0) return <EmptyState title={t("afterSales.empty")} description={t("afterSales.lead")} />;
  const columns: Column<AfterSaleQueueRow>[] = [
    { key: "id", header: t("columns.afterSale"), primary: true, cell: (r) => <span className="font-mono text-xs break-all">{r.aftersaleId}</span> },
    { key: "shop", header: t("columns.shop"), cell: (r) => r.shopName },
    { key: "order", header: t("columns.order"), cell: (r) => <span className="font-mono text-xs break-all">{r.orderId}</span> },
    { key: "type", header: t("columns.type"), cell: (r) => t(`afterSaleTypes.${r.type ?? "unknown"}`) },
    { key: "reason", header: t("columns.reason"), cell: (r) => r.reason ?? "—" },
    { key: "applied", header: t("columns.appliedAt"), cell: (r) => fmt.instant(r.appliedAt) },
    { key: "deadline", header: <span title={t("afterSales.assumption")}>{t("columns.deadlineAt")} ⓘ</span>, cell: (r) => fmt.instant(r.deadlineAt) },
    { key: "left", header: t("columns.timeLeft"), align: "end", cell: (r) => <Badge tone={r.msLeft <= 0 ? "danger" : r.msLeft < 12 * 3_600_000 ? "warning" : "neutral"}>{fmt.timeLeft(r.msLeft)}</Badge> },
  ];
  return (
    <div className="space-y-2">
      <p className="text-sm text-zinc-600" title={t("afterSales.assumption")}>
        {t("afterSales.lead")}
      </p>
      <Table rows={rows.data} columns={columns} rowKey={(r) => `${r.shopId}:${r.aftersaleId}`} caption={t("tabs.afterSales")} testId="aftersales-queue" />
    </div>
  );
}
