"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useOrg } from "@/components/layout/org-context";
import { Menu } from "@/components/ui/menu";
import { useToast } from "@/components/ui/toast";
import { scoredEntityKinds, type ScoredEntityKind } from "@/lib/contracts/entities";
import { entityReportHref, type EntityReportFormat } from "@/lib/contracts/reports";
import { downloadFile } from "./download-file";

/** 导出 / Export on a shop's or creator account's page: the report page, its PDF, and the score history as XLSX or CSV. */
export function EntityExportMenu({ kind, id }: { kind: ScoredEntityKind; id: string }) {
  const t = useTranslations("reports.menu");
  const { orgId } = useOrg();
  const router = useRouter();
  const toast = useToast();
  const [busy, setBusy] = useState<EntityReportFormat | null>(null);
  const download = (format: EntityReportFormat) => {
    setBusy(format);
    if (format === "pdf") toast.show(t("pdfPreparing"), "info");
    downloadFile(entityReportHref(orgId, kind, id, format), `report.${format}`)
      .catch((error: unknown) => toast.show(error instanceof Error ? error.message : String(error), "error"))
      .finally(() => setBusy(null));
  };
  return (
    <Menu
      trigger={busy ? t("working") : t("trigger")}
      testId="entity-export"
      items={[
        { key: "report", label: t("openReport"), testId: "entity-export-report", onSelect: () => router.push(`/o/${orgId}/${scoredEntityKinds[kind].plural}/${id}/report`) },
        { kind: "separator", key: "files" },
        { key: "pdf", label: t("pdf"), testId: "entity-export-pdf", disabled: busy !== null, onSelect: () => download("pdf") },
        { key: "xlsx", label: t("xlsx"), testId: "entity-export-xlsx", disabled: busy !== null, onSelect: () => download("xlsx") },
        { key: "csv", label: t("csv"), testId: "entity-export-csv", disabled: busy !== null, onSelect: () => download("csv") },
      ]}
    />
  );
}
