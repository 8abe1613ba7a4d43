"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import type { RouterOutputs } from "@/components/api-types";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageSpinner } from "@/components/ui/spinner";
import { Table, type Column } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc-client";

type Delivery = RouterOutputs["alerts"]["deliveries"][number];
const TONES: Record<Delivery["status"], BadgeTone> = { sent: "success", failed: "danger", pending: "warning" };

/** The delivery log administrators read: each message, its attempts and the receiver's last answer. */
export function DeliveriesPanel() {
  const t = useTranslations("alerts");
  const format = useFormatter();
  const trpc = useTRPC();
  const deliveries = useQuery({ ...trpc.alerts.deliveries.queryOptions(), refetchInterval: 30_000 });
  if (deliveries.isPending) return <PageSpinner label={t("tabs.log")} />;
  const rows = deliveries.data ?? [];
  const columns: Column<Delivery>[] = [
    { key: "at", header: t("log.at"), cell: (d) => format.dateTime(new Date(d.createdAt), { dateStyle: "short", timeStyle: "short" }), primary: true },
    { key: "channel", header: t("log.channel"), cell: (d) => t(`channels.${d.channel}`) },
    { key: "status", header: t("log.status"), cell: (d) => <Badge tone={TONES[d.status]}>{t(`log.statuses.${d.status}`)}</Badge> },
    { key: "attempts", header: t("log.attempts"), cell: (d) => format.number(d.attempts), align: "end" },
    { key: "http", header: t("log.http"), cell: (d) => d.httpStatus ?? "—", align: "end" },
    { key: "error", header: t("log.error"), cell: (d) => <span className="text-xs break-all text-zinc-600">{d.error ?? ""}</span> },
  ];
  return rows.length === 0 ? <EmptyState title={t("log.empty")} /> : <Table rows={rows} columns={columns} rowKey={(d) => d.id} caption={t("tabs.log")} testId="alert-log-table" />;
}
