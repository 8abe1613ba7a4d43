"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { FormError } from "@/components/forms/form-error";
import { messageKeyOf } from "@/components/forms/validation";
import { Button, buttonClasses } from "@/components/ui/button";
import { PageSpinner } from "@/components/ui/spinner";
import { useTRPC } from "@/lib/trpc-client";

export function InviteView({ token, signedIn }: { token: string; signedIn: boolean }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const invitation = useQuery(trpc.auth.describeInvitation.queryOptions({ token }));
  const accept = useMutation(
    trpc.auth.acceptInvitation.mutationOptions({
      onSuccess: ({ orgId }) => router.push(`/o/${orgId}`),
    }),
  );

  if (invitation.isPending) return <PageSpinner label={t("common.loading")} />;

  if (invitation.isError) {
    return (
      <div className="rounded-xl border border-zinc-200 bg-white p-6 text-center shadow-xs">
        <h1 className="text-xl font-semibold">{t("invite.unusableTitle")}</h1>
        <p className="mt-2 text-sm text-zinc-600">{invitation.error.message}</p>
        <p className="mt-2 text-sm text-zinc-600">{t("invite.askForNew")}</p>
        <Link href="/" className={buttonClasses("secondary", "md", "mt-5")}>
          {t("invite.goHome")}
        </Link>
      </div>
    );
  }

  const { orgId, orgName, role, limited, email } = invitation.data;
  const alreadyMember = messageKeyOf(accept.error) === "errors.alreadyMember";
  const callback = encodeURIComponent(`/invite/${token}`);
  return (
    <div className="rounded-xl border border-zinc-200 bg-white p-6 shadow-xs">
      <h1 className="text-xl font-semibold">{t("invite.title")}</h1>
      <dl className="mt-4 space-y-2 text-sm">
        <div className="flex justify-between gap-4">
          <dt className="text-zinc-500">{t("invite.organisation")}</dt>
          <dd className="text-right font-medium break-words" data-testid="invite-org-name">
            {orgName}
          </dd>
        </div>
        <div className="flex justify-between gap-4">
          <dt className="text-zinc-500">{t("invite.role")}</dt>
          <dd className="text-right font-medium">{t(`roles.${role}`)}</dd>
        </div>
        {email ? (
          <div className="flex justify-between gap-4">
            <dt className="text-zinc-500">{t("invite.invitedAddress")}</dt>
            <dd className="text-right" data-testid="invite-email">
              {email}
            </dd>
          </div>
        ) : null}
        <div className="flex justify-between gap-4">
          <dt className="text-zinc-500">{t("invite.access")}</dt>
          <dd className="text-right">
            {limited ? t("invite.accessLimited") : t("invite.accessAll")}
          </dd>
        </div>
      </dl>
      <p className="mt-4 text-sm text-zinc-600">{t(`roleDescriptions.${role}`)}</p>
      <div className="mt-6 space-y-3">
        {signedIn ? (
          <>
            <FormError message={accept.error?.message} />
            {alreadyMember ? (
              <Link href={`/o/${orgId}`} className={buttonClasses("primary", "md", "w-full")}>
                {t("invite.openOrganisation")}
              </Link>
            ) : (
              <Button
                className="w-full"
                loading={accept.isPending}
                onClick={() => accept.mutate({ token })}
              >
                {t("invite.accept")}
              </Button>
            )}
          </>
        ) : (
          <>
            <Link
              href={`/sign-up?invite=${encodeURIComponent(token)}`}
              className={buttonClasses("primary", "md", "w-full")}
            >
              {t("invite.signUpToAccept")}
            </Link>
            <Link
              href={`/sign-in?callbackUrl=${callback}`}
              className={buttonClasses("secondary", "md", "w-full")}
            >
              {t("invite.signInToAccept")}
            </Link>
          </>
        )}
      </div>
    </div>
  );
}
