import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/contracts/locales";

export const LOCALE_COOKIE = "NEXT_LOCALE";

/** Chinese first; English when the user chose it (cookie) or the browser prefers it and no choice was made. */
async function resolveLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  const accept = (await headers()).get("accept-language") ?? "";
  return /^en\b/i.test(accept.trim()) ? "en" : DEFAULT_LOCALE;
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  return {
    locale,
    timeZone: "Asia/Shanghai",
    messages: (await import(`../messages/${locale}.json`)).default,
  };
});
