"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback } from "react";
import { isDay } from "@/lib/contracts/common";

/**
 * The day a page shows its scores as of, kept in the URL (`?date=2026-05-20`) so the view can be
 * shared and survives a reload; null is "latest".
 */
export function useAsOfDay(): [string | null, (day: string | null) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const raw = params.get("date");
  const day = raw && isDay(raw) ? raw : null;
  const setDay = useCallback(
    (next: string | null) => {
      const query = new URLSearchParams(params.toString());
      if (next) query.set("date", next);
      else query.delete("date");
      const search = query.toString();
      router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false });
    },
    [params, pathname, router],
  );
  return [day, setDay];
}
