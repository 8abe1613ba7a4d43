"use client";

import { useLocale } from "next-intl";

/** Douyin terms: the user's language first, the other one beside it (好评率 · Good review rate). */
export function useBilingual() {
  const locale = useLocale();
  const english = locale === "en";
  return {
    locale,
    english,
    primary: (item: { nameZh: string; nameEn: string }) => (english ? item.nameEn : item.nameZh),
    secondary: (item: { nameZh: string; nameEn: string }) => (english ? item.nameZh : item.nameEn),
    meaning: (item: { meaningZh: string; meaningEn: string }) => (english ? item.meaningEn : item.meaningZh),
  };
}
