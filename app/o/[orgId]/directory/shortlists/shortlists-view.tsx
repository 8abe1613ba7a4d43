"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useOrg } from "@/components/layout/org-context";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { PageSpinner } from "@/components/ui/spinner";
import { useTRPC } from "@/lib/trpc-client";
import { PageHeader } from "../../_components/page-header";

/** The organisation's shortlists and saved searches. */
export function ShortlistsView() {
  const t = useTranslations("directory");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { orgId, can } = useOrg();
  const lists = useQuery(trpc.directory.shortlists.queryOptions());
  const searches = useQuery(trpc.directory.savedSearches.queryOptions());
  const [name, setName] = useState("");
  const create = useMutation(trpc.directory.createShortlist.mutationOptions());
  const removeSearch = useMutation(trpc.directory.deleteSavedSearch.mutationOptions());
  const base = `/o/${orgId}/directory`;
  if (lists.isPending) return <PageSpinner label={t("results.loading")} />;

  const searchLink = (filter: Record<string, unknown>) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) {
      if (value === undefined || value === null) continue;
      if (key === "minGoodReviewRate") query.set(key, String(Math.round(Number(value) * 1000) / 10));
      else if (key === "freshWithinDays") query.set("fresh", String(value));
      else if (key === "minDimensions" && typeof value === "object")
        for (const [code, min] of Object.entries(value as Record<string, number>)) query.set(`min${code.charAt(0).toUpperCase()}${code.slice(1)}`, String(min));
      else query.set(key, String(value));
    }
    return `${base}?${query.toString()}`;
  };

  return (
    <div className="space-y-5">
      <PageHeader
        title={t("shortlists.title")}
        description={t("shortlists.lead")}
        actions={
          <Link href={base} className={buttonClasses("secondary", "sm")}>
            {t("compare.back")}
          </Link>
        }
      />
      {can("directory.write") ? (
        <form
          className="flex flex-wrap gap-2"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!name.trim()) return;
            await create.mutateAsync({ name: name.trim() });
            setName("");
            await queryClient.invalidateQueries({ queryKey: trpc.directory.shortlists.queryKey() });
          }}
        >
          <Input value={name} maxLength={60} onChange={(e) => setName(e.target.value)} aria-label={t("shortlists.name")} placeholder={t("shortlists.name")} className="max-w-xs" />
          <Button type="submit" size="sm" disabled={!name.trim() || create.isPending}>
            {t("shortlists.create")}
          </Button>
        </form>
      ) : null}
      {(lists.data ?? []).length === 0 ? (
        <EmptyState title={t("shortlists.empty")} />
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2" data-testid="shortlists">
          {(lists.data ?? []).map((list) => (
            <li key={list.id}>
              <Link href={`${base}/shortlists/${list.id}`} className="block rounded-lg border border-zinc-200 bg-white p-4 hover:border-rose-300">
                <span className="font-medium text-zinc-900">{list.name}</span>
                <span className="mt-1 block text-sm text-zinc-600">{t("shortlists.items", { count: list.items })}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <Card title={t("savedSearches.title")}>
        {(searches.data ?? []).length === 0 ? (
          <p className="text-sm text-zinc-500">{t("savedSearches.empty")}</p>
        ) : (
          <ul className="divide-y divide-zinc-100">
            {(searches.data ?? []).map((search) => (
              <li key={search.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <Link href={searchLink(search.filter)} className="font-medium text-rose-700 hover:underline">
                  {search.name}
                </Link>
                {can("directory.write") ? (
                  <Button
                    type="button"
                    variant="ghost"
                    size="sm"
                    onClick={async () => {
                      await removeSearch.mutateAsync({ id: search.id });
                      await queryClient.invalidateQueries({ queryKey: trpc.directory.savedSearches.queryKey() });
                    }}
                  >
                    {t("savedSearches.delete")}
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
