"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale } from "next-intl";
import { useMemo } from "react";
import type { SelectOption } from "@/components/ui/select";
import { useTRPC } from "@/lib/trpc-client";

/** The 一级类目 list in the user's language, as select options and a code → label lookup. */
export function useCategories() {
  const trpc = useTRPC();
  const locale = useLocale();
  const query = useQuery({ ...trpc.catalog.categories.queryOptions(), staleTime: Infinity });
  return useMemo(() => {
    const rows = query.data ?? [];
    const labels = new Map(
      rows.map((c) => [c.code, locale === "en" ? `${c.nameEn} · ${c.nameZh}` : c.nameZh]),
    );
    const options: SelectOption[] = rows.map((c) => ({
      value: c.code,
      label: labels.get(c.code) ?? c.code,
    }));
    return {
      options,
      labelOf: (code: string) => labels.get(code) ?? code,
      isLoading: query.isLoading,
    };
  }, [query.data, query.isLoading, locale]);
}
