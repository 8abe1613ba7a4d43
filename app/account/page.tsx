import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PlainShell } from "@/components/layout/plain-shell";
import { currentUser } from "../_lib/server-api";
import { AccountView } from "./_components/account-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account");
  return { title: t("title") };
}

/** The signed-in person's own account: password and sessions (not tied to an organisation). */
export default async function AccountPage() {
  const me = await currentUser();
  if (!me) redirect("/sign-in?callbackUrl=/account");
  return (
    <PlainShell signedIn>
      <AccountView email={me.user.email} />
    </PlainShell>
  );
}
