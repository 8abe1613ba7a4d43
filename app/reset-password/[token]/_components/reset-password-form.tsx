"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { FormEvent } from "react";
import { FormError } from "@/components/forms/form-error";
import { useFormFields } from "@/components/forms/use-form-fields";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { resetPasswordInput } from "@/lib/contracts/auth";
import { useTRPC } from "@/lib/trpc-client";

export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const reset = useMutation(trpc.auth.resetPassword.mutationOptions());
  const { values, set, errorsOf, server, check } = useFormFields({ newPassword: "" }, reset.error);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const data = check(resetPasswordInput, { token, ...values });
    if (data) reset.mutate(data);
  }

  return (
    <div className="rounded-xl border border-zinc-200 bg-white p-6 shadow-xs">
      <h1 className="text-xl font-semibold">{t("auth.resetTitle")}</h1>
      {reset.isSuccess ? (
        <p className="mt-6 text-sm text-emerald-700" role="status">
          {t("auth.resetDone")}
        </p>
      ) : (
        <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
          <Field
            label={t("auth.newPassword")}
            hint={t("auth.passwordHint")}
            errors={errorsOf("newPassword")}
          >
            <Input
              type="password"
              name="newPassword"
              autoComplete="new-password"
              value={values.newPassword}
              onChange={set("newPassword")}
            />
          </Field>
          <FormError message={Object.keys(server.fields).length > 0 ? null : server.message} />
          <Button type="submit" loading={reset.isPending} className="w-full">
            {t("auth.setNewPassword")}
          </Button>
        </form>
      )}
      <p className="mt-6 text-center text-sm">
        <Link href="/sign-in" className="font-medium text-rose-700 hover:underline">
          {t("auth.backToSignIn")}
        </Link>
      </p>
    </div>
  );
}
