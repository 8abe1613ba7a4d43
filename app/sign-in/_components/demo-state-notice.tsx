"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { Spinner } from "@/components/ui/spinner";

const POLL_MS = 2_000;

/**
 * While the server fills the demo organisation in the background, says so and looks again until
 * it is ready. `data-demo-state` is what scripts (the end-to-end server) wait on.
 */
export function DemoStateNotice({ state }: { state: "off" | "preparing" | "ready" | "failed" }) {
  const t = useTranslations("auth");
  const router = useRouter();
  useEffect(() => {
    if (state !== "preparing") return;
    const timer = setInterval(() => router.refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [state, router]);
  return (
    <div data-demo-state={state}>
      {state === "preparing" ? (
        <p role="status" className="mb-4 flex items-center gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <Spinner size="sm" />
          <span>{t("demoPreparing")}</span>
        </p>
      ) : null}
    </div>
  );
}
