"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";

const ONE_YEAR = 365 * 24 * 3600;

/** Stores the choice in the NEXT_LOCALE cookie (read by i18n/request.ts) and re-renders on the server. */
export function LanguageSwitch() {
  const locale = useLocale();
  const t = useTranslations("lang");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const next = locale === "en" ? "zh-CN" : "en";
  return (
    <Button
      variant="ghost"
      size="sm"
      loading={pending}
      aria-label={t("switchTo", { language: t(next === "en" ? "en" : "zh") })}
      lang={next}
      onClick={() => {
        document.cookie = `NEXT_LOCALE=${next}; path=/; max-age=${ONE_YEAR}; samesite=lax`;
        startTransition(() => router.refresh());
      }}
    >
      {next === "en" ? "EN" : "中文"}
    </Button>
  );
}
