import { z } from "zod";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";

export const localeSchema = z.enum(LOCALES);
export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);
