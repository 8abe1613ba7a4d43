"use client";

import { useLocale } from "next-intl";

/** Playbook texts come in both languages from the stored definition: the reader's one is shown. */
export function useLocalText(): (zh: string, en: string) => string {
  const locale = useLocale();
  return (zh, en) => (locale.startsWith("zh") ? zh : en);
}
