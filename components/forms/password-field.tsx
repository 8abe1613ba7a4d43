"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

/**
 * A password input in its field. `chosen` marks one the user is choosing now: it shows the length
 * rule and lets password managers offer a new one; otherwise it is one the user already has.
 */
export function PasswordField(props: {
  label: ReactNode;
  name: string;
  value: string;
  onChange: (event: { target: { value: string } }) => void;
  errors?: string[];
  chosen?: boolean;
}) {
  const t = useTranslations("auth");
  return (
    <Field
      label={props.label}
      hint={props.chosen ? t("passwordHint") : undefined}
      errors={props.errors}
    >
      <Input
        type="password"
        name={props.name}
        autoComplete={props.chosen ? "new-password" : "current-password"}
        value={props.value}
        onChange={props.onChange}
      />
    </Field>
  );
}
