"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import type { Invitation } from "@/components/api-types";
import { FormError } from "@/components/forms/form-error";
import { serverErrorsOf, validate, type FieldErrors } from "@/components/forms/validation";
import { useOrg } from "@/components/layout/org-context";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { Table, type Column } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc-client";
import { emailSchema } from "@/lib/contracts/common";
import { isRole } from "@/lib/contracts/members";
import { roleOptions } from "./role-options";
import { ShopLimit } from "./shop-checklist";

type Status = "pending" | "accepted" | "revoked" | "expired";
const STATUS_TONE: Record<Status, BadgeTone> = {
  pending: "warning",
  accepted: "success",
  revoked: "neutral",
  expired: "neutral",
};

function statusOf(inv: Invitation, now: number): Status {
  if (inv.acceptedAt) return "accepted";
  if (inv.revokedAt) return "revoked";
  return inv.expiresAt.getTime() < now ? "expired" : "pending";
}

export function InvitationList() {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const format = useFormatter();
  const invitations = useQuery(trpc.members.invitations.queryOptions());
  const [now] = useState(() => Date.now());
  const revoke = useMutation(
    trpc.members.revokeInvitation.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.members.invitations.queryKey() });
        toast.show(t("members.invitationRevoked"));
      },
      onError: (error) => toast.show(error.message, "error"),
    }),
  );

  const columns: Column<Invitation>[] = [
    {
      key: "role",
      header: t("members.role"),
      primary: true,
      cell: (inv) => t(`roles.${inv.role}`),
    },
    {
      key: "email",
      header: t("members.inviteEmail"),
      cell: (inv) => <span className="break-all">{inv.email ?? "—"}</span>,
    },
    {
      key: "access",
      header: t("members.access"),
      cell: (inv) =>
        inv.shopIds.length > 0
          ? t("members.limitedTo", { count: inv.shopIds.length })
          : t("members.allShops"),
    },
    {
      key: "status",
      header: t("shops.status"),
      cell: (inv) => {
        const status = statusOf(inv, now);
        return <Badge tone={STATUS_TONE[status]}>{t(`members.invitationStatus.${status}`)}</Badge>;
      },
    },
    {
      key: "expires",
      header: t("members.expires"),
      cell: (inv) => format.dateTime(inv.expiresAt, { dateStyle: "medium", timeStyle: "short" }),
    },
    {
      key: "actions",
      header: <span className="sr-only">{t("common.actions")}</span>,
      align: "end",
      cell: (inv) =>
        statusOf(inv, now) === "pending" ? (
          <Button
            size="sm"
            variant="ghost"
            className="text-red-700"
            loading={revoke.isPending && revoke.variables.id === inv.id}
            onClick={() => revoke.mutate({ id: inv.id })}
          >
            {t("members.revoke")}
          </Button>
        ) : null,
    },
  ];

  return (
    <section aria-labelledby="invitations-title">
      <h2 id="invitations-title" className="mb-3 text-lg font-semibold">
        {t("members.invitationsTitle")}
      </h2>
      {invitations.isPending ? (
        <Spinner label={t("common.loading")} />
      ) : invitations.isError ? (
        <EmptyState title={t("common.loadFailed")} description={invitations.error.message} />
      ) : invitations.data.length === 0 ? (
        <EmptyState
          title={t("members.noInvitationsTitle")}
          description={t("members.noInvitationsBody")}
        />
      ) : (
        <Table
          rows={invitations.data}
          columns={columns}
          rowKey={(inv) => inv.id}
          caption={t("members.invitationsTitle")}
          testId="invitation-list"
        />
      )}
    </section>
  );
}

export function InviteButton() {
  const t = useTranslations();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t("members.invite")}</Button>
      {open ? <InviteDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function InviteDialog({ onClose }: { onClose: () => void }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { org } = useOrg();
  const [role, setRole] = useState<string>("viewer");
  const [email, setEmail] = useState("");
  const [limited, setLimited] = useState(false);
  const [shopIds, setShopIds] = useState<string[]>([]);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [copied, setCopied] = useState(false);
  const invite = useMutation(
    trpc.members.invite.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: trpc.members.invitations.queryKey() }),
    }),
  );
  const server = serverErrorsOf(invite.error, t);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const errors: FieldErrors = {};
    let checkedEmail: string | undefined;
    if (email.trim()) {
      const checked = validate(emailSchema, email, t);
      if (checked.ok) checkedEmail = checked.data;
      else errors.email = checked.errors._ ?? [t("errors.email")];
    }
    if (limited && shopIds.length === 0) errors.shopIds = [t("members.pickAShop")];
    if (!isRole(role)) errors.role = [t("errors.required")];
    setClientErrors(errors);
    if (Object.keys(errors).length > 0 || !isRole(role)) return;
    invite.mutate({ role, email: checkedEmail, shopIds: limited ? shopIds : [] });
  }

  const link = invite.data ? `${window.location.origin}${invite.data.path}` : null;
  const formId = "invite-form";
  return (
    <Dialog
      open
      onClose={onClose}
      title={t("members.inviteTitle")}
      description={link ? t("members.linkLead") : t("members.inviteLead")}
      footer={
        link ? (
          <Button onClick={onClose}>{t("common.done")}</Button>
        ) : (
          <>
            <Button variant="secondary" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" form={formId} loading={invite.isPending}>
              {t("members.createLink")}
            </Button>
          </>
        )
      }
    >
      {link ? (
        <div className="space-y-3">
          <p
            data-testid="invite-link"
            className="rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-sm break-all select-all"
          >
            {link}
          </p>
          <Button
            variant="secondary"
            onClick={async () => {
              try {
                await navigator.clipboard.writeText(link);
                setCopied(true);
              } catch {
                setCopied(false);
              }
            }}
          >
            {copied ? t("members.copied") : t("members.copyLink")}
          </Button>
          <p className="text-sm text-zinc-600">{t("members.linkOnce")}</p>
        </div>
      ) : (
        <form id={formId} onSubmit={onSubmit} className="space-y-4" noValidate>
          <Field
            label={t("members.role")}
            hint={isRole(role) ? t(`roleDescriptions.${role}`) : undefined}
            errors={clientErrors.role ?? server.fields.role}
          >
            <Select
              name="role"
              value={role}
              options={roleOptions(t, org.role)}
              onChange={(e) => setRole(e.target.value)}
            />
          </Field>
          <Field
            label={t("members.inviteEmailOptional")}
            hint={t("members.inviteEmailHint")}
            errors={clientErrors.email ?? server.fields.email}
          >
            <Input
              type="email"
              name="email"
              inputMode="email"
              autoComplete="off"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </Field>
          <ShopLimit limited={limited} onLimitedChange={setLimited} selected={shopIds} onChange={setShopIds} />
          {clientErrors.shopIds ? (
            <p className="text-sm text-red-600">{clientErrors.shopIds.join(" ")}</p>
          ) : null}
          <FormError message={Object.keys(server.fields).length > 0 ? null : server.message} />
        </form>
      )}
    </Dialog>
  );
}
