import type { Locale } from "@/lib/contracts/locales";
import seeds from "./default-reply-templates.json";

/**
 * Built-in reply templates for bad reviews (zh and en), offered while an organisation has none of
 * its own; saving one copies them in first. Seed data, not code (default-reply-templates.json),
 * written from operators' practice: apologise, name the fix, offer the platform's chat (never
 * ask for a phone number).
 */
export const DEFAULT_REPLY_TEMPLATES: readonly { locale: Locale; title: string; body: string }[] = seeds as { locale: Locale; title: string; body: string }[];
