"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { FormEvent } from "react";
import { AuthCard, DoneNote } from "@/components/forms/auth-card";
import { EmailField } from "@/components/forms/email-field";
import { FormError } from "@/components/forms/form-error";
import { useFormFields } from "@/components/forms/use-form-fields";
import { Button } from "@/components/ui/button";
import { requestPasswordResetInput } from "@/lib/contracts/auth";
import { useTRPC } from "@/lib/trpc-client";

/** The answer is the same whether or not the address has an account. */
export function ForgotPasswordForm() {
  const t = useTranslations();
  const trpc = useTRPC();
  const request = useMutation(trpc.auth.requestPasswordReset.mutationOptions());
  const { values, set, errorsOf, server, check } = useFormFields({ email: "" }, request.error);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const data = check(requestPasswordResetInput, values);
    if (data) request.mutate(data);
  }

  return (
    <AuthCard
      title={t("auth.forgotTitle")}
      lead={t("auth.forgotLead")}
      back={{ href: "/sign-in", label: t("auth.backToSignIn") }}
    >
      {request.isSuccess ? (
        <DoneNote>{t("auth.resetSent")}</DoneNote>
      ) : (
        <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
          <EmailField value={values.email} onChange={set("email")} errors={errorsOf("email")} />
          <FormError message={server.fields.email ? null : server.message} />
          <Button type="submit" loading={request.isPending} className="w-full">
            {t("auth.sendResetLink")}
          </Button>
        </form>
      )}
    </AuthCard>
  );
}
