"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import type { ScoredEntityKind } from "@/lib/contracts/entities";
import { useTRPC } from "@/lib/trpc-client";
import type { ProblemSelection } from "./ProblemMonthTable";
import type { VocProblemItems } from "./types";
import { useVocLabels } from "./use-voc-labels";

/** The bad reviews and after-sales behind one problem in one month, newest first. */
export function ProblemItems({ kind, id, selection, onClose }: { kind: ScoredEntityKind; id: string; selection: ProblemSelection; onClose: () => void }) {
  const t = useTranslations("voc");
  const labels = useVocLabels();
  const trpc = useTRPC();
  const items = useQuery(trpc.voc.problemItems.queryOptions({ kind, id, ...selection }));
  return (
    <Card
      testId="voc-items"
      id="voc-items"
      title={t("items.title", { problem: labels.problem(selection.problemType), month: labels.month(selection.month) })}
      description={items.data ? t("items.count", { total: items.data.total, shown: items.data.items.length }) : undefined}
      actions={
        <Button variant="ghost" size="sm" onClick={onClose}>
          {t("items.close")}
        </Button>
      }
    >
      {items.isPending ? (
        <Spinner label={t("title")} />
      ) : items.isError ? (
        <p className="text-sm text-red-700">{items.error.message}</p>
      ) : items.data.items.length === 0 ? (
        <p className="text-sm text-zinc-600">{t("items.empty")}</p>
      ) : (
        <ItemList items={items.data.items} />
      )}
    </Card>
  );
}

function ItemList({ items }: { items: VocProblemItems["items"] }) {
  const t = useTranslations("voc");
  const format = useFormatter();
  const star = (value: number | null) => (value === null ? t("items.noStar") : `${value}★`);
  return (
    <ul className="divide-y divide-zinc-100">
      {items.map((item) => (
        <li key={`${item.source}|${item.orderId}|${String(item.at)}`} className="py-3 first:pt-0 last:pb-0" data-testid="voc-item">
          <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-500">
            <Badge tone={item.source === "review" ? "danger" : "warning"}>{t(`sources.${item.source}`)}</Badge>
            <time dateTime={new Date(item.at).toISOString()}>{format.dateTime(new Date(item.at), { dateStyle: "medium", timeZone: "Asia/Shanghai" })}</time>
            {item.productName ? <span>{item.productName}</span> : null}
            <span className="break-all">{t("items.order", { orderId: item.orderId })}</span>
          </div>
          <p className="mt-1 text-sm break-words text-zinc-900">{item.text}</p>
          {item.stars ? (
            <p className="mt-0.5 text-xs text-zinc-500">
              {t("items.stars", { product: star(item.stars.product), logistics: star(item.stars.logistics), service: star(item.stars.service) })}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
