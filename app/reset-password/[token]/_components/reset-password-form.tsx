"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { FormEvent } from "react";
import { AuthCard, DoneNote } from "@/components/forms/auth-card";
import { FormError } from "@/components/forms/form-error";
import { PasswordField } from "@/components/forms/password-field";
import { useFormFields } from "@/components/forms/use-form-fields";
import { Button } from "@/components/ui/button";
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
    <AuthCard
      title={t("auth.resetTitle")}
      back={{ href: "/sign-in", label: t("auth.backToSignIn") }}
    >
      {reset.isSuccess ? (
        <DoneNote>{t("auth.resetDone")}</DoneNote>
      ) : (
        <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
          <PasswordField
            chosen
            label={t("auth.newPassword")}
            name="newPassword"
            value={values.newPassword}
            onChange={set("newPassword")}
            errors={errorsOf("newPassword")}
          />
          <FormError message={server.fields.newPassword ? null : server.message} />
          <Button type="submit" loading={reset.isPending} className="w-full">
            {t("auth.setNewPassword")}
          </Button>
        </form>
      )}
    </AuthCard>
  );
}
