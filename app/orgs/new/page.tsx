import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PlainShell } from "@/components/layout/plain-shell";
import { currentUser } from "../../_lib/server-api";
import { NewOrgForm } from "./_components/new-org-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("orgs");
  return { title: t("newTitle") };
}

export default async function NewOrgPage() {
  const me = await currentUser();
  if (!me) redirect("/sign-in?callbackUrl=/orgs/new");
  const first = me.organisations[0];
  return (
    <PlainShell signedIn>
      <NewOrgForm firstOrgHref={first ? `/o/${first.orgId}` : null} isFirst={!first} />
    </PlainShell>
  );
}
