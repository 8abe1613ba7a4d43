import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PlainShell } from "@/components/layout/plain-shell";
import { ResetPasswordForm } from "./_components/reset-password-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("resetTitle"), referrer: "no-referrer" };
}

export default async function ResetPasswordPage({
  params,
}: {
  params: Promise<{ token: string }>;
}) {
  const { token } = await params;
  return (
    <PlainShell>
      <ResetPasswordForm token={token} />
    </PlainShell>
  );
}
