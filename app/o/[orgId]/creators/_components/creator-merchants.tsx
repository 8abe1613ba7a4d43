"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageSpinner } from "@/components/ui/spinner";
import { sortRows, Table, type Column, type TableSort } from "@/components/ui/table";
import type { CreatorMerchant } from "@/lib/contracts/creator-merchants";
import { useOrg } from "@/components/layout/org-context";
import { useTRPC } from "@/lib/trpc-client";

/**
 * 合作商家 (Merchants sold for): per merchant shop the creator account sold for, its own orders,
 * refund rate and good-review rate in the scoring window, from its imported 达人订单 export.
 * Each row carries the merchant's platform shop id (data-merchant-shop-id): the key its public
 * card in the directory is found by.
 */
export function CreatorMerchants({ creatorId }: { creatorId: string }) {
  const t = useTranslations("creatorMerchants");
  const format = useFormatter();
  const locale = useLocale();
  const trpc = useTRPC();
  const { orgId } = useOrg();
  const merchants = useQuery(trpc.creators.merchants.queryOptions({ id: creatorId }));
  const [sort, setSort] = useState<TableSort | null>({ key: "orders", direction: "desc" });

  const percent = (rate: number | null) =>
    rate === null ? "—" : format.number(rate, { style: "percent", maximumFractionDigits: 1 });
  const columns: Column<CreatorMerchant>[] = [
    {
      key: "merchant",
      header: t("merchant"),
      primary: true,
      sortable: true,
      sortValue: (m) => m.merchantShopName ?? m.merchantShopId,
      cell: (m) => (
        <span data-merchant-shop-id={m.merchantShopId ?? undefined}>
          <span className="font-medium text-zinc-900">{m.merchantShopName ?? t("unnamed")}</span>
          {m.merchantShopId ? (
            <span className="ml-2 text-xs text-zinc-500">
              {t("shopId", { id: m.merchantShopId })}
            </span>
          ) : null}
        </span>
      ),
    },
    {
      key: "orders",
      header: t("orders"),
      align: "end",
      sortable: true,
      sortValue: (m) => m.orders,
      cell: (m) => format.number(m.orders),
    },
    {
      key: "refundRate",
      header: t("refundRate"),
      align: "end",
      sortable: true,
      sortValue: (m) => m.refundRate,
      cell: (m) => percent(m.refundRate),
    },
    {
      key: "goodReviewRate",
      header: t("goodReviewRate"),
      align: "end",
      sortable: true,
      sortValue: (m) => m.goodReviewRate,
      cell: (m) => (
        <span title={t("reviewsCount", { count: m.reviews })}>{percent(m.goodReviewRate)}</span>
      ),
    },
    {
      // The merchant's own public card beside the creator's figures: what the shop shows everyone.
      key: "card",
      header: t("publicCard"),
      align: "end",
      sortable: true,
      // By the score's share of its scale: an 85 of 100 sorts beside a 4.25 of 5, not above every 5-point card.
      sortValue: (m) => (m.card?.overall == null ? null : m.card.overall / m.card.scale.max),
      cell: (m) =>
        m.card ? (
          <Link href={`/o/${orgId}/directory/compare?cards=${m.card.card}`} className="text-rose-700 hover:underline" data-testid="merchant-public-card">
            {t("publicCardValue", {
              overall: m.card.overall == null ? "—" : format.number(m.card.overall, { minimumFractionDigits: m.card.scoreDecimals, maximumFractionDigits: m.card.scoreDecimals }),
              rate: m.card.goodReviewRate == null ? "—" : percent(m.card.goodReviewRate),
              max: m.card.scale.max,
            })}
          </Link>
        ) : (
          <span className="text-zinc-400">{t("notListed")}</span>
        ),
    },
  ];

  let body;
  if (merchants.isPending) body = <PageSpinner label={t("loading")} />;
  else if (merchants.isError) body = <EmptyState title={merchants.error.message} />;
  else if (merchants.data.merchants.length === 0)
    body = <EmptyState title={t("emptyTitle")} description={t("emptyBody")} />;
  else {
    body = (
      <Table
        rows={sortRows(merchants.data.merchants, columns, sort, locale)}
        columns={columns}
        rowKey={(m) => m.merchantShopId ?? `name:${m.merchantShopName ?? ""}`}
        caption={t("title")}
        testId="creator-merchants-table"
        sort={sort}
        onSortChange={setSort}
      />
    );
  }
  const window = merchants.data?.window;
  return (
    <Card
      title={t("title")}
      description={window ? t("window", { first: window.first, last: window.last }) : t("lead")}
      testId="creator-merchants"
      flush
    >
      {body}
    </Card>
  );
}
