import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PlainShell } from "@/components/layout/plain-shell";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("fallback");
  return { title: t("notFoundTitle") };
}

/** Any address the app does not have: Koubei's frame and the way back, in the reader's language. */
export default async function NotFound() {
  const t = await getTranslations("fallback");
  return (
    <PlainShell>
      <EmptyState
        title={t("notFoundTitle")}
        description={t("notFoundBody")}
        action={
          <Link href="/" className={buttonClasses("primary")}>
            {t("home")}
          </Link>
        }
      />
    </PlainShell>
  );
}
