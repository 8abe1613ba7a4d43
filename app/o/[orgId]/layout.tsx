import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { OrgShell } from "@/components/layout/org-shell";
import { isSignedIn } from "@/app/_lib/server-api";

/** Signed-out visitors go to sign-in first; membership itself is checked by every call (orgs.current). */
export default async function OrgLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ orgId: string }>;
}) {
  const { orgId } = await params;
  if (!(await isSignedIn()))
    redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/o/${orgId}`)}`);
  return <OrgShell orgId={orgId}>{children}</OrgShell>;
}
