import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";

type Messages = { [key: string]: string | Messages };
const CATALOGUES: Record<Locale, Messages> = { "zh-CN": zhCN, en };

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

function lookup(messages: Messages, key: string): string | undefined {
  let node: string | Messages | undefined = messages;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = node[part];
  }
  return typeof node === "string" ? node : undefined;
}

/** Server-side translation of error keys (the UI uses next-intl with the same catalogues). */
export function translateError(locale: Locale, key: string, params?: Record<string, string | number>): string {
  const template = lookup(CATALOGUES[locale], key) ?? lookup(CATALOGUES[DEFAULT_LOCALE], key) ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? `{${name}}`));
}
