"use client";

import { useTranslations } from "next-intl";
import { useBilingual } from "@/components/scores/use-bilingual";
import { Badge } from "@/components/ui/badge";
import { Table, type Column, type TableSort } from "@/components/ui/table";
import type { IndicatorFactRow } from "@/lib/contracts/insight";
import { formatNumber } from "@/lib/scores/format";
import type { FactsPage } from "./indicator-facts-view";

/** One page of facts: a table on wide screens, cards on phones (components/ui/table.tsx). */
export function FactTable({ data, caption, sort, onSortChange }: { data: FactsPage; caption: string; sort: TableSort; onSortChange: (sort: TableSort) => void }) {
  const t = useTranslations("insight");
  const { locale } = useBilingual();
  const number = (n: number) => formatNumber(n, locale, 4);
  const rows = data.rows;
  const showOrderId = rows.some((row) => row.orderId !== null && row.orderId !== row.ref);
  const showShop = rows.some((row) => row.shopName !== null);
  const showProduct = rows.some((row) => row.productName !== null);

  const columns: Column<IndicatorFactRow>[] = [
    {
      key: "ref",
      header: t("columns.ref"),
      primary: true,
      sortable: true,
      cell: (row) => (
        <span className="inline-flex flex-wrap items-center gap-1.5">
          <span className="font-mono text-sm break-all" data-testid="fact-ref">{row.ref}</span>
          <Badge>{t(`kinds.${row.kind}`)}</Badge>
          {row.hurting ? <Badge tone="danger">{t("hurtingBadge")}</Badge> : null}
        </span>
      ),
    },
    ...(showOrderId ? [{ key: "orderId", header: t("columns.orderId"), cell: (row: IndicatorFactRow) => <span className="font-mono">{row.orderId ?? "—"}</span> }] : []),
    ...(showShop ? [{ key: "shop", header: t("columns.shop"), cell: (row: IndicatorFactRow) => row.shopName ?? "—" }] : []),
    ...(showProduct ? [{ key: "product", header: t("columns.product"), cell: (row: IndicatorFactRow) => row.productName ?? "—" }] : []),
    { key: "day", header: t("columns.day"), sortable: true, cell: (row) => <span className="tabular-nums">{row.day}</span> },
    { key: "hours", header: t("columns.detail"), sortable: true, cell: (row) => <FactDetail row={row} pickup={data.indicator.code === "pickup_24h_rate"} /> },
    { key: "weight", header: t("columns.weight"), sortable: true, align: "end", cell: (row) => <span className="tabular-nums">{number(row.weight)}</span> },
    { key: "numerator", header: t("columns.numerator"), sortable: true, align: "end", cell: (row) => <span className="tabular-nums">{number(row.numerator)}</span> },
    { key: "denominator", header: t("columns.denominator"), sortable: true, align: "end", cell: (row) => <span className="tabular-nums">{number(row.denominator)}</span> },
    { key: "leavesWindowOn", header: t("columns.leavesWindowOn"), sortable: true, cell: (row) => <span className="tabular-nums">{row.leavesWindowOn}</span> },
  ];
  return (
    <Table
      rows={rows}
      columns={columns}
      rowKey={(row) => `${row.kind}|${row.ref}|${row.day}`}
      caption={caption}
      testId="facts-table"
      sort={sort}
      onSortChange={onSortChange}
      rowClassName={(row) => (row.hurting ? "bg-rose-50/40" : undefined)}
    />
  );
}

/** Why the fact counts as it does: its stars, hours, after-sale reason, complaint kind or chat turns. */
function FactDetail({ row, pickup }: { row: IndicatorFactRow; pickup: boolean }) {
  const t = useTranslations("insight");
  const { locale } = useBilingual();
  const parts: string[] = [];
  if (row.stars !== null) parts.push(t("detail.stars", { stars: row.stars }));
  if (row.hours !== null) parts.push(t("detail.hours", { hours: formatNumber(row.hours, locale, 1, 1) }));
  else if (pickup && row.kind === "order") parts.push(t("detail.notPickedUp"));
  if (row.reason !== null) parts.push(row.reason);
  if (row.complaintKind !== null) parts.push(t(`complaintKinds.${row.complaintKind}`));
  if (row.chatTurns !== null) parts.push(t("detail.chat", { answered: row.chatTurnsAnswered ?? 0, turns: row.chatTurns }));
  return <span className="text-zinc-700">{parts.length > 0 ? parts.join(" · ") : "—"}</span>;
}
