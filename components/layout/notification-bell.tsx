"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/lib/trpc-client";

/** The org header's bell: unread notifications of the member in this organisation, polled each minute. */
export function NotificationBell({ orgId }: { orgId: string }) {
  const t = useTranslations("notifications");
  const trpc = useTRPC();
  const unread = useQuery({ ...trpc.notifications.unreadCount.queryOptions(), refetchInterval: 60_000 });
  const count = unread.data ?? 0;
  return (
    <Link
      href={`/o/${orgId}/notifications`}
      aria-label={t("bell", { count })}
      title={t("bell", { count })}
      data-testid="notification-bell"
      className="relative inline-flex size-9 items-center justify-center rounded-md text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900"
    >
      <svg aria-hidden viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.8">
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" strokeLinecap="round" strokeLinejoin="round" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" strokeLinecap="round" />
      </svg>
      {count > 0 ? (
        <span className="absolute -top-0.5 -right-0.5 min-w-4 rounded-full bg-rose-600 px-1 text-center text-[10px] leading-4 font-semibold text-white" data-testid="notification-count">
          {count > 99 ? "99+" : count}
        </span>
      ) : null}
    </Link>
  );
}
