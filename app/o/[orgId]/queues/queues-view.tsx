"use client";

import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { QueuesPanel } from "@/components/queues/QueuesPanel";
import { Select } from "@/components/ui/select";
import { QUEUE_TABS, type QueueTab } from "@/lib/contracts/queues";
import { useTRPC } from "@/lib/trpc-client";
import { PageHeader } from "../_components/page-header";

/** 今日待办 / Today: the organisation's operations queues, one tab each, filtered by shop; tab and shop kept in the URL. */
export function QueuesView() {
  const t = useTranslations("queues");
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const shops = useQuery(trpc.shops.list.queryOptions({}));
  const shopList = (shops.data ?? []).map((s) => ({ id: s.id, name: s.name }));
  const askedShop = params.get("shop") ?? "";
  const shopId = shopList.some((s) => s.id === askedShop) ? askedShop : "";
  const askedTab = params.get("tab");
  const tab: QueueTab = QUEUE_TABS.includes(askedTab as QueueTab) ? (askedTab as QueueTab) : "pickup";
  const go = (patch: { tab?: string; shop?: string }) => {
    const query = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      if (value) query.set(key, value);
      else query.delete(key);
    }
    const search = query.toString();
    router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false });
  };
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("title")}
        description={t("lead")}
        actions={
          <Select
            fullWidth={false}
            aria-label={t("filterShop")}
            data-testid="queues-shop-filter"
            value={shopId}
            placeholder={t("allShops")}
            options={shopList.map((s) => ({ value: s.id, label: s.name }))}
            onChange={(e) => go({ shop: e.target.value })}
          />
        }
      />
      <QueuesPanel
        scope={shopId ? { shopId } : {}}
        shops={shopId ? shopList.filter((s) => s.id === shopId) : shopList}
        tab={tab}
        onTabChange={(next) => go({ tab: next === "pickup" ? "" : next })}
      />
    </div>
  );
}
