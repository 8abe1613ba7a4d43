"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { EmailField } from "@/components/forms/email-field";
import { FormError } from "@/components/forms/form-error";
import { PasswordField } from "@/components/forms/password-field";
import { orgKindOptions } from "@/components/forms/org-kind-options";
import { ruleSetOptions } from "@/components/forms/rule-set-options";
import { useFormFields } from "@/components/forms/use-form-fields";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { PageSpinner } from "@/components/ui/spinner";
import { useTRPC } from "@/lib/trpc-client";
import { orgKindSchema, shopRuleSetSchema } from "@/lib/contracts/orgs";
import { TODAYS_SHOP_RULE_SET } from "@/lib/contracts/rule-sets";
import { emailSchema, nameSchema, passwordSchema } from "@/lib/contracts/common";

// The client-safe half of auth.signUp's input; without an invitation the organisation is required here.
const accountSchema = z.object({
  name: nameSchema(60),
  email: emailSchema,
  password: passwordSchema,
});
const accountWithOrgSchema = accountSchema.extend({
  orgName: nameSchema(80),
  orgKind: orgKindSchema,
  orgRuleSet: shopRuleSetSchema,
});

export function SignUpForm({ inviteToken }: { inviteToken: string | null }) {
  const t = useTranslations();
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const invitation = useQuery({
    ...trpc.auth.describeInvitation.queryOptions({ token: inviteToken ?? "" }),
    enabled: Boolean(inviteToken),
  });
  const signUp = useMutation(trpc.auth.signUp.mutationOptions());
  const accept = useMutation(trpc.auth.acceptInvitation.mutationOptions());
  const { values, set, errorsOf, server, check } = useFormFields(
    { name: "", email: "", password: "", orgName: "", orgKind: "brand", orgRuleSet: TODAYS_SHOP_RULE_SET as string },
    signUp.error,
  );
  const [signingIn, setSigningIn] = useState(false);
  const [signInFailed, setSignInFailed] = useState(false);

  /**
   * "Sign up and join" in one step: a new account joined at sign-up, so it goes to the
   * organisation; an existing account that signed in with its own password joins now. Anything
   * else leaves the invitation page to explain itself.
   */
  async function joinedOrgPath(token: string): Promise<string> {
    const orgId = invitation.data?.orgId;
    const me = await queryClient.fetchQuery({ ...trpc.auth.me.queryOptions(), staleTime: 0 });
    if (orgId && me.organisations.some((org) => org.orgId === orgId)) return `/o/${orgId}`;
    try {
      return `/o/${(await accept.mutateAsync({ token })).orgId}`;
    } catch {
      return `/invite/${token}`;
    }
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const data = inviteToken ? check(accountSchema, values) : check(accountWithOrgSchema, values);
    if (!data) return;
    signUp.mutate(inviteToken ? { ...data, inviteToken } : { ...data }, {
      onSuccess: async () => {
        setSigningIn(true);
        const result = await signIn("credentials", {
          email: data.email,
          password: data.password,
          redirect: false,
        });
        if (!result || result.error) {
          setSigningIn(false);
          setSignInFailed(true);
          return;
        }
        // The answer never says what happened to the address; the home page finds the new organisation.
        router.replace(inviteToken ? await joinedOrgPath(inviteToken) : "/");
        router.refresh();
      },
    });
  }

  if (inviteToken && invitation.isPending) return <PageSpinner label={t("common.loading")} />;

  return (
    <div className="rounded-xl border border-zinc-200 bg-white p-6 shadow-xs">
      <h1 className="text-xl font-semibold">
        {inviteToken ? t("auth.signUpToJoinTitle") : t("auth.signUpTitle")}
      </h1>
      {inviteToken && invitation.data ? (
        <p className="mt-1 text-sm text-zinc-600">
          {t.rich("invite.summary", {
            org: (chunks) => <strong className="font-medium text-zinc-900">{chunks}</strong>,
            orgName: invitation.data.orgName,
            role: t(`roles.${invitation.data.role}`),
          })}
        </p>
      ) : (
        <p className="mt-1 text-sm text-zinc-600">{t("auth.signUpLead")}</p>
      )}
      {inviteToken && invitation.isError ? (
        <div className="mt-4">
          <FormError message={invitation.error.message} />
          <Link
            href="/sign-up"
            className="mt-3 inline-block text-sm font-medium text-rose-700 hover:underline"
          >
            {t("auth.signUpWithoutInvite")}
          </Link>
        </div>
      ) : (
        <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
          <Field label={t("auth.name")} errors={errorsOf("name")}>
            <Input name="name" autoComplete="name" value={values.name} onChange={set("name")} />
          </Field>
          <EmailField value={values.email} onChange={set("email")} errors={errorsOf("email")} />
          <PasswordField
            chosen
            label={t("auth.password")}
            name="password"
            value={values.password}
            onChange={set("password")}
            errors={errorsOf("password")}
          />
          {inviteToken ? null : (
            <fieldset className="space-y-4 border-t border-zinc-100 pt-4">
              <legend className="sr-only">{t("auth.yourOrganisation")}</legend>
              <Field label={t("orgs.name")} hint={t("orgs.nameHint")} errors={errorsOf("orgName")}>
                <Input
                  name="orgName"
                  autoComplete="organization"
                  value={values.orgName}
                  onChange={set("orgName")}
                />
              </Field>
              <Field label={t("orgs.kind")} errors={errorsOf("orgKind")}>
                <Select
                  name="orgKind"
                  options={orgKindOptions(t)}
                  value={values.orgKind}
                  onChange={set("orgKind")}
                />
              </Field>
              <Field label={t("orgs.defaultShopRuleSet")} hint={t("orgs.defaultShopRuleSetHint")} errors={errorsOf("orgRuleSet")}>
                <Select name="orgRuleSet" options={ruleSetOptions("shop", locale)} value={values.orgRuleSet} onChange={set("orgRuleSet")} />
              </Field>
            </fieldset>
          )}
          <FormError
            message={
              signInFailed
                ? t("auth.signInAfterSignUpFailed")
                : Object.keys(server.fields).length > 0
                  ? null
                  : server.message
            }
          />
          <Button type="submit" loading={signUp.isPending || signingIn} className="w-full">
            {inviteToken ? t("auth.signUpAndJoin") : t("auth.signUp")}
          </Button>
        </form>
      )}
      <p className="mt-6 text-center text-sm text-zinc-600">
        {t("auth.haveAccount")}{" "}
        <Link
          href={
            inviteToken
              ? `/sign-in?callbackUrl=${encodeURIComponent(`/invite/${inviteToken}`)}`
              : "/sign-in"
          }
          className="font-medium text-rose-700 hover:underline"
        >
          {t("auth.signIn")}
        </Link>
      </p>
    </div>
  );
}
