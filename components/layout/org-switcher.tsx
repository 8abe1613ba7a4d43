"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import type { Me } from "@/components/api-types";

const NEW_ORG = "__new__";

/** Lists the user's organisations (from auth.me); the last choice starts a new one. */
export function OrgSwitcher({
  orgId,
  organisations,
}: {
  orgId: string;
  organisations: Me["organisations"];
}) {
  const t = useTranslations("nav");
  const router = useRouter();
  return (
    <select
      aria-label={t("switchOrg")}
      value={orgId}
      onChange={(event) => {
        const value = event.target.value;
        router.push(value === NEW_ORG ? "/orgs/new" : `/o/${value}`);
      }}
      className="h-9 max-w-full min-w-0 truncate rounded-md border border-zinc-300 bg-white py-1 pr-8 pl-2 text-sm font-medium text-zinc-900 focus:border-rose-500 focus:outline-2 focus:outline-rose-500/30 sm:max-w-64"
    >
      {organisations.map((o) => (
        <option key={o.orgId} value={o.orgId}>
          {o.name}
        </option>
      ))}
      <option value={NEW_ORG}>{t("newOrg")}</option>
    </select>
  );
}
