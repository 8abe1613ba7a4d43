import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PlainShell } from "@/components/layout/plain-shell";
import { demoSignInState, safeCallback } from "../_lib/server-api";
import { DemoStateNotice } from "./_components/demo-state-notice";
import { SignInForm } from "./_components/sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("signInTitle") };
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  return (
    <PlainShell>
      <DemoStateNotice state={demoSignInState()} />
      <SignInForm callbackUrl={safeCallback(params.callbackUrl)} />
    </PlainShell>
  );
}
