import { createTranslator } from "use-intl/core";
import { renderStored, type MessageParams, type StoredText } from "@/lib/contracts/message";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/contracts/locales";

/** The catalogue type next-intl's translator takes (keys as plain strings: messages arrive from the database). */
type Catalogue = NonNullable<Parameters<typeof createTranslator>[0]["messages"]>;
export const CATALOGUES: Record<Locale, Catalogue> = { "zh-CN": zhCN, en };



type Render = (key: string, params?: Record<string, string | number>) => string;

/**
 * One next-intl translator per locale, the same ICU rendering the UI uses. A key missing from
 * the locale's catalogue falls back to the default locale, then to the key itself (zod issues
 * that are not keys pass through unchanged).
 */
function buildRender(locale: Locale): Render {
  const quiet = { onError: () => undefined, getMessageFallback: ({ key, namespace }: { key: string; namespace?: string }) => (namespace ? `${namespace}.${key}` : key) };
  const own = createTranslator({ locale, messages: CATALOGUES[locale], timeZone: "Asia/Shanghai", ...quiet });
  const fallback = createTranslator({ locale: DEFAULT_LOCALE, messages: CATALOGUES[DEFAULT_LOCALE], timeZone: "Asia/Shanghai", ...quiet });
  return (key, params) => {
    if (own.has(key)) return own(key, params);
    if (fallback.has(key)) return fallback(key, params);
    return key;
  };
}

const RENDERERS = new Map<Locale, Render>();
function rendererFor(locale: Locale): Render {
  let render = RENDERERS.get(locale);
  if (!render) {
    render = buildRender(locale);
    RENDERERS.set(locale, render);
  }
  return render;
}

/** A stored or raised message in the reader's language (old stored plain text is shown as it is). */
export function translate(locale: Locale, text: StoredText): string {
  return renderStored(text, rendererFor(locale));
}

/** An error key with its parameters in the reader's language (the tRPC error formatter, route handlers, the CLI). */
export function translateError(locale: Locale, key: string, params?: MessageParams): string {
  return translate(locale, params ? { key, params } : { key });
}

/** The cookie the language switcher sets. */
export const LOCALE_COOKIE = "NEXT_LOCALE";

/** Chinese first; English when the user chose it, or when the browser prefers it and no choice was made. */
export function pickLocale(chosen: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(chosen)) return chosen;
  return /^en\b/i.test((acceptLanguage ?? "").trim()) ? "en" : DEFAULT_LOCALE;
}

/** The requester's locale in a route handler: the app's x-koubei-locale header, else the cookie, else the browser's preference. */
export function localeOfRequest(request: Request): Locale {
  const header = request.headers.get("x-koubei-locale");
  if (isLocale(header)) return header;
  const cookie = (request.headers.get("cookie") ?? "").split(";").map((c) => c.trim().split("=")).find(([name]) => name === LOCALE_COOKIE)?.[1];
  return pickLocale(cookie ? decodeURIComponent(cookie) : null, request.headers.get("accept-language"));
}

/** The locale the CLI prints in: KOUBEI_LOCALE when it names one, else Chinese. */
export function cliLocale(env: Record<string, string | undefined> = process.env): Locale {
  const chosen = env.KOUBEI_LOCALE;
  return isLocale(chosen) ? chosen : DEFAULT_LOCALE;
}
