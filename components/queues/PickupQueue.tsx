"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageSpinner } from "@/components/ui/spinner";
import { Table, type Column } from "@/components/ui/table";
import type { PickupQueueRow } from "@/lib/contracts/queues";
import { useTRPC } from "@/lib/trpc-client";
import { useQueueFormat, type QueueScope } from "./use-queue-format";

/** 揽收预警 Pickup at risk: paid orders not picked up, least time left first; overdue ones with what they will weigh. */
export function PickupQueue({ scope }: { scope: QueueScope }) {
  const t = useTranslations("queues");
  const trpc = useTRPC();
  const fmt = useQueueFormat();
  const rows = useQuery(trpc.queues.pickup.queryOptions(scope));
  if (rows.isPending) return <PageSpinner label={t("tabs.pickup")} />;
  if (rows.isError) return <EmptyState title={t("loadFailed")} description={rows.error.message} />;
  if (rows.data.length === 0) return <EmptyState title={t("pickup.empty")} description={t("pickup.lead")} />;
  const columns: Column<PickupQueueRow>[] = [
    { key: "order", header: t("columns.order"), primary: true, cell: (r) => <span className="font-mono text-xs break-all">{r.orderId}</span> },
    { key: "shop", header: t("columns.shop"), cell: (r) => r.shopName },
    { key: "product", header: t("columns.product"), cell: (r) => r.productName ?? "—" },
    { key: "paid", header: t("columns.paidAt"), cell: (r) => fmt.instant(r.paidAt) },
    { key: "late", header: t("columns.lateAt"), cell: (r) => fmt.instant(r.lateAt) },
    {
      key: "left",
      header: t("columns.timeLeft"),
      cell: (r) => <Badge tone={r.msLeft <= 0 ? "danger" : r.msLeft < 6 * 3_600_000 ? "warning" : "neutral"}>{fmt.timeLeft(r.msLeft)}</Badge>,
    },
    {
      key: "cost",
      header: <span title={t("pickup.costHint")}>{t("columns.scoreCost")}</span>,
      align: "end",
      cell: (r) =>
        r.msLeft > 0 ? (
          "—"
        ) : !r.scored ? (
          <span className="text-xs text-zinc-500">{t("pickup.notScored")}</span>
        ) : r.cost ? (
          <span title={t("pickup.costDetail", { day: fmt.day(r.cost.day), weight: fmt.number(r.cost.weight, 3), leaves: fmt.day(r.cost.leavesWindowOn) })}>
            {t("pickup.cost", { points: fmt.percentPoints(r.cost.rateShare) })}
          </span>
        ) : (
          "—"
        ),
    },
  ];
  return (
    <div className="space-y-2">
      <p className="text-sm text-zinc-600">{t("pickup.lead")}</p>
      <Table rows={rows.data} columns={columns} rowKey={(r) => `${r.shopId}:${r.orderId}`} caption={t("tabs.pickup")} testId="pickup-queue" rowClassName={(r) => (r.msLeft <= 0 ? "bg-red-50/50" : undefined)} />
    </div>
  );
}
