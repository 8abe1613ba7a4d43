"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, type ReactNode } from "react";
import { errorCodeOf, messageKeyOf } from "@/components/forms/validation";
import { buttonClasses } from "@/components/ui/button";
import { PageSpinner } from "@/components/ui/spinner";
import { setActiveOrgId, TrpcProvider, useTRPC } from "@/lib/trpc-client";
import type { Permission } from "@/lib/contracts/permissions";
import { AppShell } from "./app-shell";
import { OrgProvider, type OrgContextValue } from "./org-context";
import { PlainShell } from "./plain-shell";

/**
 * Everything under /o/[orgId]: the organisation header goes out with every call, and each
 * organisation gets its own query cache so nothing of one shows while another loads.
 */
export function OrgShell({ orgId, children }: { orgId: string; children: ReactNode }) {
  // Set during render, before any child query is sent.
  setActiveOrgId(orgId);
  return (
    <TrpcProvider key={orgId}>
      <OrgGate orgId={orgId}>{children}</OrgGate>
    </TrpcProvider>
  );
}

function OrgGate({ orgId, children }: { orgId: string; children: ReactNode }) {
  const t = useTranslations("org");
  const trpc = useTRPC();
  const current = useQuery(trpc.orgs.current.queryOptions());
  const me = useQuery(trpc.auth.me.queryOptions());
  const router = useRouter();
  const pathname = usePathname();
  const signedOut = errorCodeOf(current.error) === "UNAUTHORIZED";

  useEffect(() => {
    if (signedOut) router.replace(`/sign-in?callbackUrl=${encodeURIComponent(pathname)}`);
  }, [signedOut, router, pathname]);

  const value = useMemo<OrgContextValue | null>(() => {
    if (!current.data) return null;
    const granted = new Set<Permission>(current.data.permissions);
    return { orgId, org: current.data, me: me.data?.user ?? null, can: (p) => granted.has(p) };
  }, [orgId, current.data, me.data]);

  if (current.isPending || signedOut) return <PageSpinner label={t("loading")} />;
  if (!value) {
    const key = messageKeyOf(current.error);
    const notMember =
      key === "errors.notAMember" ||
      key === "errors.noOrganisation" ||
      errorCodeOf(current.error) === "FORBIDDEN";
    return (
      <PlainShell signedIn>
        <div className="rounded-lg border border-zinc-200 bg-white p-6 text-center">
          <h1 className="text-lg font-semibold">
            {notMember ? t("notMemberTitle") : t("loadFailedTitle")}
          </h1>
          <p className="mt-2 text-sm text-zinc-600">
            {notMember ? t("notMemberBody") : current.error?.message}
          </p>
          <Link href="/" className={buttonClasses("secondary", "md", "mt-5")}>
            {t("backToMine")}
          </Link>
        </div>
      </PlainShell>
    );
  }
  return (
    <OrgProvider value={value}>
      <AppShell
        organisations={
          me.data?.organisations ?? [
            { orgId, name: value.org.name, kind: value.org.kind, role: value.org.role },
          ]
        }
      >
        {children}
      </AppShell>
    </OrgProvider>
  );
}
