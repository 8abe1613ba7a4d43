"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { z } from "zod";
import { serverErrorsOf, validate, type FieldErrors } from "./validation";

/**
 * A form's text fields with their errors: the browser's own check with the shared zod schema
 * first, then what the server said about the last call (`error`), field by field.
 */
export function useFormFields<V extends Record<string, string>>(
  initial: V | (() => V),
  error: unknown,
) {
  const t = useTranslations();
  const [values, setValues] = useState<V>(initial);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const server = serverErrorsOf(error, t);
  return {
    values,
    setValues,
    server,
    set: (field: keyof V) => (event: { target: { value: string } }) =>
      setValues((v) => ({ ...v, [field]: event.target.value })),
    errorsOf: (field: keyof V & string) => clientErrors[field] ?? server.fields[field],
    /** Validates the input with a shared schema; shows its messages and returns null when it fails. */
    check<S extends z.ZodType>(schema: S, input: unknown): z.output<S> | null {
      const checked = validate(schema, input, t);
      setClientErrors(checked.ok ? {} : checked.errors);
      return checked.ok ? checked.data : null;
    },
  };
}
