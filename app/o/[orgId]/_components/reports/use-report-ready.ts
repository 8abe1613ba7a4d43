"use client";

import { useIsFetching } from "@tanstack/react-query";
import { useEffect, useState } from "react";

/** How long nothing may be fetching before the page counts as drawn (the chart measures its box first). */
const SETTLE_MS = 400;

/**
 * "true" once the page's data has loaded and no query has been in flight for a moment, "error" when
 * it cannot load; the PDF renderer waits for either (data-report-ready). Once drawn it stays so.
 */
export function useReportReady(loaded: boolean, failed: boolean): "true" | "error" | undefined {
  const fetching = useIsFetching();
  const [settled, setSettled] = useState(false);
  useEffect(() => {
    if (settled || !loaded || fetching > 0) return;
    const timer = setTimeout(() => setSettled(true), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [loaded, fetching, settled]);
  if (settled) return "true";
  return failed ? "error" : undefined;
}
