"use client";

import { useTranslations } from "next-intl";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

/** The account e-mail input in its field, as sign-in, sign-up and password reset ask for it. */
export function EmailField(props: { value: string; onChange: (event: { target: { value: string } }) => void; errors?: string[] }) {
  const t = useTranslations("auth");
  return (
    <Field label={t("email")} errors={props.errors}>
      <Input type="email" name="email" autoComplete="email" inputMode="email" value={props.value} onChange={props.onChange} />
    </Field>
  );
}
