"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useOrg } from "@/components/layout/org-context";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

/** A page the organisation does not have, shown inside its navigation so the way back is right there. */
export default function OrgNotFound() {
  const t = useTranslations("fallback");
  const { orgId } = useOrg();
  return (
    <EmptyState
      title={t("notFoundTitle")}
      description={t("orgNotFoundBody")}
      action={
        <Link href={`/o/${orgId}`} className={buttonClasses("primary")}>
          {t("orgHome")}
        </Link>
      }
    />
  );
}
