"use client";

import { useTranslations } from "next-intl";
import { useOrg } from "@/components/layout/org-context";
import { PageHeader } from "../../_components/page-header";
import { BulkUpload } from "./bulk-upload";
import { ImportHistory } from "./import-history";

export function ImportsView() {
  const t = useTranslations("imports");
  const { can, org } = useOrg();
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("lead")} />
      <ImportHistory />
      {can("imports.write") && !org.limited ? <BulkUpload /> : null}
    </div>
  );
}
