"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { EmptyState } from "./empty-state";
import { PageSpinner } from "./spinner";

/** The "show archived" switch of the shop and creator lists. */
export function ShowArchivedToggle({
  checked,
  onChange,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const t = useTranslations("shops");
  return (
    <label className="flex h-10 items-center gap-2 text-sm text-zinc-700">
      <input
        type="checkbox"
        className="size-4 accent-rose-600"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      {t("showArchived")}
    </label>
  );
}

/**
 * A list query's states: loading, failed, nothing matching the filters, nothing yet (with what
 * to do next), or the rows.
 */
export function EntityListBody<Row>({
  query,
  filtered,
  noMatch,
  empty,
  children,
}: {
  query: UseQueryResult<Row[], { message: string }>;
  filtered: boolean;
  noMatch: { title: string; description: string };
  empty: ReactNode;
  children: (rows: Row[]) => ReactNode;
}) {
  const t = useTranslations("common");
  if (query.isPending) return <PageSpinner label={t("loading")} />;
  if (query.isError)
    return <EmptyState title={t("loadFailed")} description={query.error.message} />;
  if (query.data.length === 0)
    return filtered ? (
      <EmptyState title={noMatch.title} description={noMatch.description} />
    ) : (
      empty
    );
  return children(query.data);
}
