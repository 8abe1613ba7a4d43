"use client";

import { useLocale, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { Column } from "@/components/ui/table";
import { formatNumber, formatRate } from "@/lib/scores/format";
import { DrillDownTable } from "./DrillDownTable";
import type { VocDrillDowns } from "./types";

type QualityRow = NonNullable<VocDrillDowns["qualityReturnProducts"]>["rows"][number];
type DeliveryRow = NonNullable<VocDrillDowns["slowDelivery"]>["byProvince"][number];
type ReasonRow = NonNullable<VocDrillDowns["afterSaleReasons"]>["rows"][number];
type ChatRow = NonNullable<VocDrillDowns["chatHours"]>["rows"][number];

/** The drill-down tables the entity's rule set gives a meaning to (a creator has no chat hours). */
export function DrillDowns({ data }: { data: VocDrillDowns }) {
  const t = useTranslations("voc.drill");
  const locale = useLocale();
  const count = (value: number) => formatNumber(value, locale, 0);
  const hours = (value: number) => formatNumber(value, locale, 1, 1);
  const rate = (value: number) => formatRate(value, locale);
  const { qualityReturnProducts: quality, slowDelivery: delivery, afterSaleReasons: reasons, chatHours: chat } = data;

  const qualityColumns: Column<QualityRow>[] = [
    { key: "product", header: t("qualityProducts.product"), primary: true, cell: (r) => r.productName ?? r.productKey ?? "—" },
    { key: "validOrders", header: t("qualityProducts.validOrders"), align: "end", cell: (r) => count(r.validOrders) },
    { key: "qualityReturns", header: t("qualityProducts.qualityReturns"), align: "end", cell: (r) => count(r.qualityReturns) },
    { key: "rate", header: t("qualityProducts.rate"), align: "end", cell: (r) => <span className="font-semibold text-red-700">{rate(r.rate)}</span> },
  ];
  const deliveryColumns = (nameHeader: string): Column<DeliveryRow>[] => [
    { key: "name", header: nameHeader, primary: true, cell: (r) => r.name ?? t("delivery.unknown") },
    { key: "orders", header: t("delivery.orders"), align: "end", cell: (r) => count(r.orders) },
    { key: "meanHours", header: t("delivery.meanHours"), align: "end", cell: (r) => <span className="font-semibold">{hours(r.meanHours)}</span> },
  ];
  const reasonColumns: Column<ReasonRow>[] = [
    { key: "reason", header: t("reasons.reason"), primary: true, cell: (r) => r.reason ?? t("reasons.unknown") },
    {
      key: "category",
      header: t("reasons.category"),
      cell: (r) => (
        <span className="inline-flex flex-wrap items-center gap-1">
          {t(`reasonCategories.${r.category}`)}
          {r.category === "quality" ? <Badge tone="danger">{t("reasons.countsIn")}</Badge> : null}
        </span>
      ),
    },
    { key: "count", header: t("reasons.count"), align: "end", cell: (r) => count(r.count) },
    { key: "share", header: t("reasons.share"), align: "end", cell: (r) => rate(r.share) },
  ];
  const chatColumns: Column<ChatRow>[] = [
    { key: "hour", header: t("chat.hour"), primary: true, cell: (r) => t("chat.hourRange", { hour: String(r.hour).padStart(2, "0") }) },
    { key: "sessions", header: t("chat.sessions"), align: "end", cell: (r) => count(r.sessions) },
    { key: "turns", header: t("chat.turns"), align: "end", cell: (r) => count(r.turns) },
    { key: "late", header: t("chat.late"), align: "end", cell: (r) => count(r.lateTurns) },
    { key: "rate", header: t("chat.rate"), align: "end", cell: (r) => <span className="font-semibold">{rate(r.replyRate)}</span> },
  ];

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {quality ? (
        <DrillDownTable
          testId="voc-drill-quality"
          title={t("qualityProducts.title", { threshold: rate(quality.threshold) })}
          indicator={quality.indicator}
          window={quality.window}
          rows={quality.rows}
          columns={qualityColumns}
          rowKey={(r) => r.productKey ?? ""}
          empty={t("qualityProducts.empty", { threshold: rate(quality.threshold) })}
        />
      ) : null}
      {reasons ? (
        <DrillDownTable
          testId="voc-drill-reasons"
          title={t("reasons.title")}
          indicator={reasons.indicator}
          window={reasons.window}
          rows={reasons.rows}
          columns={reasonColumns}
          rowKey={(r) => `${r.reason ?? ""}|${r.category}`}
          empty={t("reasons.empty")}
        />
      ) : null}
      {delivery ? (
        <>
          <DrillDownTable
            testId="voc-drill-provinces"
            title={t("delivery.provinceTitle")}
            indicator={delivery.indicator}
            window={delivery.window}
            rows={delivery.byProvince}
            columns={deliveryColumns(t("delivery.province"))}
            rowKey={(r) => r.name ?? ""}
            empty={t("delivery.empty")}
          />
          <DrillDownTable
            testId="voc-drill-carriers"
            title={t("delivery.carrierTitle")}
            indicator={delivery.indicator}
            window={delivery.window}
            rows={delivery.byCarrier}
            columns={deliveryColumns(t("delivery.carrier"))}
            rowKey={(r) => r.name ?? ""}
            empty={t("delivery.empty")}
          />
        </>
      ) : null}
      {chat ? (
        <DrillDownTable
          testId="voc-drill-chat"
          title={t("chat.title")}
          indicator={chat.indicator}
          window={chat.window}
          rows={chat.rows}
          columns={chatColumns}
          rowKey={(r) => String(r.hour)}
          empty={t("chat.empty")}
        />
      ) : null}
    </div>
  );
}
