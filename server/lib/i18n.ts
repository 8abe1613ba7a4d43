import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import { DEFAULT_LOCALE, type Locale } from "@/lib/contracts/locales";

type Messages = { [key: string]: string | Messages };
const CATALOGUES: Record<Locale, Messages> = { "zh-CN": zhCN, en };

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
