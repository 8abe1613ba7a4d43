import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PlainShell } from "@/components/layout/plain-shell";
import { isSignedIn } from "@/app/_lib/server-api";
import { InviteView } from "./_components/invite-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("invite");
  return { title: t("title") };
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const signedIn = await isSignedIn();
  return (
    <PlainShell signedIn={signedIn}>
      <InviteView token={token} signedIn={signedIn} />
    </PlainShell>
  );
}
