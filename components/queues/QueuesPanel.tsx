"use client";

import { useTranslations } from "next-intl";
import { Tabs } from "@/components/ui/tabs";
import type { QueueTab } from "@/lib/contracts/queues";
import { AfterSalesQueue } from "./AfterSalesQueue";
import { AppealsQueue } from "./AppealsQueue";
import { PickupQueue } from "./PickupQueue";
import { ProblemLog } from "./ProblemLog";
import { ReviewLedger } from "./ReviewLedger";
import type { QueueScope } from "./use-queue-format";

/**
 * 今日待办 The daily operations queues as tabs, for the whole organisation (optionally one shop) or
 * one entity's page. `shops` are the shops a new appeal or problem-log entry may name.
 */
export function QueuesPanel({
  scope,
  shops,
  tab,
  onTabChange,
}: {
  scope: QueueScope;
  shops: readonly { id: string; name: string }[];
  tab?: QueueTab;
  onTabChange?: (tab: QueueTab) => void;
}) {
  const t = useTranslations("queues");
  const items = [
    { value: "pickup", label: t("tabs.pickup"), content: <PickupQueue scope={scope} />, testId: "queue-pickup" },
    { value: "afterSales", label: t("tabs.afterSales"), content: <AfterSalesQueue scope={scope} />, testId: "queue-aftersales" },
    { value: "reviews", label: t("tabs.reviews"), content: <ReviewLedger scope={scope} />, testId: "queue-reviews" },
    { value: "appeals", label: t("tabs.appeals"), content: <AppealsQueue scope={scope} shops={shops} />, testId: "queue-appeals" },
    { value: "problems", label: t("tabs.problems"), content: <ProblemLog scope={scope} shops={shops} />, testId: "queue-problems" },
  ];
  return (
    <div data-testid="queues-panel">
      <Tabs items={items} label={t("title")} {...(tab ? { value: tab } : {})} onValueChange={(value) => onTabChange?.(value as QueueTab)} />
    </div>
  );
}
