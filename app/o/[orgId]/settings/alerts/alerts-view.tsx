"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useOrg } from "@/components/layout/org-context";
import { Tabs, type TabItem } from "@/components/ui/tabs";
import { PageHeader } from "../../_components/page-header";
import { DeliveriesPanel } from "./deliveries-panel";
import { EndpointsPanel } from "./endpoints-panel";
import { PreferencesPanel } from "./preferences-panel";
import { RulesPanel } from "./rules-panel";

/** Alert rules, where they go, what the member receives, and (for admins) the delivery log. */
export function AlertsView() {
  const t = useTranslations("alerts");
  const { orgId, can } = useOrg();
  const manage = can("alerts.manage");
  const items: TabItem[] = [
    { value: "rules", label: t("tabs.rules"), content: <RulesPanel editable={manage} />, testId: "alert-rules" },
    { value: "endpoints", label: t("tabs.endpoints"), content: <EndpointsPanel editable={manage} />, testId: "alert-endpoints" },
    { value: "mine", label: t("tabs.mine"), content: <PreferencesPanel />, testId: "alert-preferences" },
    ...(can("alerts.log") ? [{ value: "log", label: t("tabs.log"), content: <DeliveriesPanel />, testId: "alert-log" }] : []),
  ];
  return (
    <div className="max-w-4xl">
      <PageHeader
        title={t("title")}
        description={manage ? t("lead") : t("readOnlyLead")}
        actions={
          <Link href={`/o/${orgId}/settings`} className="text-sm text-rose-700 hover:underline">
            {t("backToSettings")}
          </Link>
        }
      />
      <Tabs items={items} label={t("title")} />
    </div>
  );
}
