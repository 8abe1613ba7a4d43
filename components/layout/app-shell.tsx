"use client";

import clsx from "clsx";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { Me } from "@/components/api-types";
import type { Permission } from "@/lib/contracts/permissions";
import { homePathFor } from "@/lib/org-home";
import { Brand } from "./brand";
import { LanguageSwitch } from "./language-switch";
import { NotificationBell } from "./notification-bell";
import { useOrg } from "./org-context";
import { OrgSwitcher } from "./org-switcher";
import { AccountLink } from "./account-link";
import { SignOutButton } from "./sign-out-button";

type NavItem = {
  key: "home" | "queues" | "shops" | "imports" | "creators" | "tasks" | "checklists" | "playbooks" | "directory" | "digest" | "members" | "settings";
  /** Relative to /o/[orgId]. */
  path: string;
  permission: Permission;
  /** Creator accounts belong to the whole organisation: members limited to shops see none. */
  hiddenWhenLimited?: boolean;
};

const NAV: NavItem[] = [
  { key: "home", path: "", permission: "scores.read" },
  { key: "queues", path: "/queues", permission: "scores.read" },
  { key: "shops", path: "/shops", permission: "shops.read" },
  { key: "imports", path: "/imports", permission: "imports.read" },
  { key: "creators", path: "/creators", permission: "creators.read", hiddenWhenLimited: true },
  { key: "tasks", path: "/tasks", permission: "checklists.read" },
  { key: "checklists", path: "/checklists", permission: "checklists.read" },
  { key: "playbooks", path: "/playbooks", permission: "playbooks.read" },
  { key: "directory", path: "/directory", permission: "directory.read" },
  { key: "digest", path: "/digest", permission: "scores.read" },
  { key: "members", path: "/members", permission: "members.read" },
  { key: "settings", path: "/settings", permission: "org.read" },
];

function isActive(pathname: string, base: string, item: NavItem): boolean {
  if (item.path === "") return pathname === base || pathname === `${base}/portfolio`;
  return pathname === `${base}${item.path}` || pathname.startsWith(`${base}${item.path}/`);
}

export function AppShell({
  organisations,
  children,
}: {
  organisations: Me["organisations"];
  children: ReactNode;
}) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  const { orgId, org, can } = useOrg();
  const base = `/o/${orgId}`;
  // An organisation whose home is another page (a creator team's is the directory) has no portfolio item.
  const homeElsewhere = homePathFor({ orgId, kind: org.kind }) !== null;
  const items = NAV.filter(
    (item) => can(item.permission) && !(item.hiddenWhenLimited && org.limited) && !(item.key === "home" && homeElsewhere),
  );
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b border-zinc-200 bg-white print:hidden">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-2 px-4 pt-3 pb-2">
          <Brand href={base} />
          <div className="order-3 w-full min-w-0 sm:order-2 sm:w-auto">
            <OrgSwitcher orgId={orgId} organisations={organisations} />
          </div>
          <div className="order-2 ml-auto flex items-center gap-1 sm:order-3">
            <NotificationBell orgId={orgId} />
            <LanguageSwitch />
            <AccountLink />
            <SignOutButton />
          </div>
        </div>
        <nav aria-label={t("main")} className="mx-auto max-w-6xl overflow-x-auto px-2">
          <ul className="flex gap-1">
            {items.map((item) => {
              const active = isActive(pathname, base, item);
              return (
                <li key={item.key}>
                  <Link
                    href={`${base}${item.path}`}
                    aria-current={active ? "page" : undefined}
                    className={clsx(
                      "inline-block border-b-2 px-3 py-2.5 text-sm font-medium whitespace-nowrap",
                      active
                        ? "border-rose-600 text-rose-700"
                        : "border-transparent text-zinc-600 hover:text-zinc-900",
                    )}
                  >
                    {t(item.key)}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
      </header>
      <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 print:max-w-none print:p-0">{children}</main>
    </div>
  );
}
