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
import { requestPasswordResetInput } from "@/lib/contracts/auth";
import { useTRPC } from "@/lib/trpc-client";

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
    <div className="rounded-xl border border-zinc-200 bg-white p-6 shadow-xs">
      <h1 className="text-xl font-semibold">{t("auth.forgotTitle")}</h1>
      <p className="mt-1 text-sm text-zinc-600">{t("auth.forgotLead")}</p>
      {request.isSuccess ? (
        <p className="mt-6 text-sm text-emerald-700" role="status">
          {t("auth.resetSent")}
        </p>
      ) : (
        <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
          <Field label={t("auth.email")} errors={errorsOf("email")}>
            <Input
              type="email"
              name="email"
              autoComplete="email"
              inputMode="email"
              value={values.email}
              onChange={set("email")}
            />
          </Field>
          <FormError message={Object.keys(server.fields).length > 0 ? null : server.message} />
          <Button type="submit" loading={request.isPending} className="w-full">
            {t("auth.sendResetLink")}
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
