import { z } from "zod";

/* Schemas every domain reuses: names, e-mail, passwords, ids. Messages are translation keys. */

/** Names are shown as text everywhere (React escapes), but control characters are never useful. */
export const nameSchema = (max = 80) =>
  z
    .string()
    .trim()
    .min(1, { message: "errors.required" })
    .max(max, { message: "errors.tooLong" })
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message: "errors.badCharacters" });

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { message: "errors.tooLong" })
  .pipe(z.email({ message: "errors.email" }));

export const passwordSchema = z
  .string()
  .min(8, { message: "errors.passwordTooShort" })
  .max(200, { message: "errors.tooLong" });

export const uuidSchema = z.uuid({ message: "errors.notFound" });

/** The input of every procedure that names one row by its id. */
export const idInput = z.object({ id: uuidSchema });

/** A calendar day written YYYY-MM-DD that names a real date. */
/** A real calendar day: Date.parse rolls 2026-02-31 over to March, so the round trip must give the same text back. */
export const isDay = (text: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const parsed = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed) && new Date(parsed).toISOString().slice(0, 10) === text;
};

/** A calendar day (Asia/Shanghai business day) as inputs carry it. */
export const daySchema = z.string().refine(isDay, { message: "errors.date" });

/** A span of days, both ends included (the days an entity's facts or an import's file cover). */
export type DayRange = { first: string; last: string };
