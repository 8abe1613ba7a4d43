"use client";

import { useEffect, useSyncExternalStore } from "react";
import { createTranslator } from "use-intl/core";
import { Brand } from "@/components/layout/brand";
import { ErrorPanel } from "@/components/layout/error-panel";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import "./globals.css";

/** The reader's language without next-intl (the root layout, which provides it, is what failed): the switcher's cookie, else the browser's. */
function readerLocale(): "zh-CN" | "en" {
  const chosen = /(?:^|;\s*)NEXT_LOCALE=([^;]+)/.exec(document.cookie)?.[1];
  const english = chosen ? chosen === "en" : /^en\b/i.test(navigator.language);
  return english ? "en" : "zh-CN";
}
const noSubscription = () => () => undefined;

/** When even the root layout fails: Koubei's frame and a retry, in one language. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const locale = useSyncExternalStore(noSubscription, readerLocale, () => "zh-CN" as const);
  const t = createTranslator({ locale, messages: locale === "en" ? en : zhCN, namespace: "fallback" });
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <html lang={locale}>
      <body className="min-h-dvh">
        <header className="border-b border-zinc-200 bg-white px-4 py-3">
          <Brand />
        </header>
        <main className="mx-auto w-full max-w-md px-4 py-16">
          <ErrorPanel
            title={t("errorTitle")}
            body={t("errorBody")}
            retry={t("retry")}
            home={t("home")}
            reference={error.digest ? t("errorRef", { digest: error.digest }) : null}
            onRetry={reset}
          />
        </main>
      </body>
    </html>
  );
}
