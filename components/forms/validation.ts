import { TRPCClientError } from "@trpc/client";
import type { z } from "zod";
import { fieldErrorsOf } from "@/lib/trpc-client";

export type FieldErrors = Record<string, string[]>;

/** The subset of next-intl's translator the helpers need. */
export type Translator = { (key: string): string; has: (key: string) => boolean };

/** Shared schemas carry message keys ("errors.required"); the server already sends translated text. */
export function translateMessage(t: Translator, message: string): string {
  return message.startsWith("errors.") && t.has(message) ? t(message) : message;
}

export type Validation<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Runs a shared zod schema in the browser and returns translated messages per field. */
export function validate<S extends z.ZodType>(
  schema: S,
  values: unknown,
  t: Translator,
): Validation<z.output<S>> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join(".") || "_";
    (errors[field] ??= []).push(translateMessage(t, issue.message));
  }
  return { ok: false, errors };
}

/** A failed call as the form shows it: messages per field plus one line for the whole form. */
export function serverErrorsOf(
  error: unknown,
  t: Translator,
): { fields: FieldErrors; message: string | null } {
  if (!error) return { fields: {}, message: null };
  const fields = fieldErrorsOf(error);
  const message = error instanceof TRPCClientError ? error.message : t("errors.internal");
  return { fields, message };
}

/** The message key the server attached to an error (e.g. "errors.notAMember"). */
export function messageKeyOf(error: unknown): string | null {
  if (error instanceof TRPCClientError) {
    const data = error.data as { messageKey?: string | null; code?: string } | undefined;
    return data?.messageKey ?? null;
  }
  return null;
}

export function errorCodeOf(error: unknown): string | null {
  if (error instanceof TRPCClientError) {
    const data = error.data as { code?: string } | undefined;
    return data?.code ?? null;
  }
  return null;
}
