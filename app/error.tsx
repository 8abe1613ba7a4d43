"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { ErrorPanel } from "@/components/layout/error-panel";
import { PlainShell } from "@/components/layout/plain-shell";

/** A page that failed while rendering: Koubei's frame, a retry, and the reference the server logged. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("fallback");
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <PlainShell>
      <ErrorPanel title={t("errorTitle")} body={t("errorBody")} retry={t("retry")} home={t("home")} reference={error.digest ? t("errorRef", { digest: error.digest }) : null} onRetry={reset} />
    </PlainShell>
  );
}
