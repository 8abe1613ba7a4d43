import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PlainShell } from "@/components/layout/plain-shell";
import { SignUpForm } from "./_components/sign-up-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("signUpTitle") };
}

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const invite = Array.isArray(params.invite) ? params.invite[0] : params.invite;
  return (
    <PlainShell>
      <SignUpForm inviteToken={invite && invite.length <= 200 ? invite : null} />
    </PlainShell>
  );
}
