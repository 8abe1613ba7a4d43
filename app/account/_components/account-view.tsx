"use client";

import { useMutation } from "@tanstack/react-query";
import { signIn, signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { AuthCard, DoneNote } from "@/components/forms/auth-card";
import { FormError } from "@/components/forms/form-error";
import { PasswordField } from "@/components/forms/password-field";
import { useFormFields } from "@/components/forms/use-form-fields";
import { Button } from "@/components/ui/button";
import { changePasswordInput } from "@/lib/contracts/auth";
import { useTRPC } from "@/lib/trpc-client";

export function AccountView({ email }: { email: string }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const change = useMutation(trpc.auth.changePassword.mutationOptions());
  const endSessions = useMutation(trpc.auth.signOut.mutationOptions());
  const { values, set, errorsOf, server, check, setValues } = useFormFields(
    { currentPassword: "", newPassword: "" },
    change.error,
  );
  const [changed, setChanged] = useState(false);

  function onChange(event: FormEvent) {
    event.preventDefault();
    const data = check(changePasswordInput, values);
    if (!data) return;
    change.mutate(data, {
      // Every session ended, this one too: sign in again with the new password, quietly.
      onSuccess: async () => {
        setValues({ currentPassword: "", newPassword: "" });
        setChanged(true);
        await signIn("credentials", { email, password: data.newPassword, redirect: false });
        router.refresh();
      },
    });
  }

  async function onSignOutEverywhere() {
    await endSessions.mutateAsync();
    await signOut({ redirect: false });
    router.replace("/sign-in");
    router.refresh();
  }

  return (
    <div className="space-y-6">
      <AuthCard title={t("account.title")} lead={t("account.lead")}>
        <h2 className="mt-6 font-medium">{t("account.changePasswordTitle")}</h2>
        <form onSubmit={onChange} className="mt-3 space-y-4" noValidate>
          <PasswordField
            label={t("account.currentPassword")}
            name="currentPassword"
            value={values.currentPassword}
            onChange={set("currentPassword")}
            errors={errorsOf("currentPassword")}
          />
          <PasswordField
            chosen
            label={t("account.newPassword")}
            name="newPassword"
            value={values.newPassword}
            onChange={set("newPassword")}
            errors={errorsOf("newPassword")}
          />
          <FormError message={Object.keys(server.fields).length > 0 ? null : server.message} />
          {changed ? <DoneNote>{t("account.passwordChanged")}</DoneNote> : null}
          <Button type="submit" loading={change.isPending} className="w-full">
            {t("account.changePassword")}
          </Button>
        </form>
      </AuthCard>
      <section className="rounded-xl border border-zinc-200 bg-white p-6 shadow-xs">
        <h2 className="font-medium">{t("account.signOutEverywhereTitle")}</h2>
        <p className="mt-1 text-sm text-zinc-600">{t("account.signOutEverywhereLead")}</p>
        <Button
          variant="secondary"
          className="mt-4 w-full"
          loading={endSessions.isPending}
          onClick={onSignOutEverywhere}
        >
          {t("account.signOutEverywhere")}
        </Button>
      </section>
    </div>
  );
}
