"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageSpinner } from "@/components/ui/spinner";
import { useTRPC } from "@/lib/trpc-client";
import { PageHeader } from "../_components/page-header";

/** The member's notifications in this organisation, newest first; each is a message key rendered here. */
export function NotificationsView() {
  const t = useTranslations("notifications");
  const tAll = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.notifications.list.queryOptions());
  const mark = useMutation(trpc.notifications.markRead.mutationOptions());
  const markRead = async (ids?: string[]) => {
    await mark.mutateAsync(ids ? { ids } : {});
    await queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() });
  };
  if (list.isPending) return <PageSpinner label={t("title")} />;
  const items = list.data ?? [];
  const text = (key: string, params: Record<string, string | number>) => (tAll.has(key) ? tAll(key, params) : key);
  return (
    <div>
      <PageHeader
        title={t("title")}
        actions={
          items.some((n) => !n.readAt) ? (
            <Button type="button" variant="secondary" size="sm" onClick={() => void markRead()} data-testid="mark-all-read">
              {t("markAllRead")}
            </Button>
          ) : null
        }
      />
      {items.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 bg-white" data-testid="notifications">
          {items.map((n) => (
            <li key={n.id} className="flex flex-wrap items-start justify-between gap-2 p-4">
              <div className="min-w-0">
                <p className={n.readAt ? "text-sm text-zinc-600" : "text-sm font-medium text-zinc-900"}>
                  {n.readAt ? null : <span className="sr-only">{t("unread")}: </span>}
                  {text(n.messageKey, n.params)}
                </p>
                <p className="mt-1 text-xs text-zinc-500">{format.dateTime(n.createdAt, { dateStyle: "medium", timeStyle: "short" })}</p>
              </div>
              <div className="flex gap-2">
                {n.link ? (
                  <Link href={n.link} className="text-sm font-medium text-rose-700 hover:underline" onClick={() => void markRead([n.id])}>
                    {t("open")}
                  </Link>
                ) : null}
                {!n.readAt ? (
                  <Button type="button" variant="ghost" size="sm" onClick={() => void markRead([n.id])}>
                    {t("markRead")}
                  </Button>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
