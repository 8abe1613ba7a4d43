"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import type { Member } from "@/components/api-types";
import { useOrg } from "@/components/layout/org-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/select";
import { PageSpinner } from "@/components/ui/spinner";
import { Table, type Column } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc-client";
import { PageHeader } from "../_components/page-header";
import { GrantsDialog } from "./grants-dialog";
import { ResetLinkButton } from "./reset-link-button";
import { InvitationList, InviteButton } from "./invitations";
import { isRole } from "@/lib/contracts/members";
import { roleOptions } from "./role-options";

export function MembersView() {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const format = useFormatter();
  const { org, me, can } = useOrg();
  const members = useQuery(trpc.members.list.queryOptions());
  const [grantsFor, setGrantsFor] = useState<Member | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);
  const canManage = can("members.manage");
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.members.pathKey() });
  const onError = (error: { message: string }) => toast.show(error.message, "error");
  const changeRole = useMutation(
    trpc.members.changeRole.mutationOptions({
      onSuccess: async () => {
        await refresh();
        await queryClient.invalidateQueries({ queryKey: trpc.orgs.current.queryKey() });
        toast.show(t("members.roleChanged"));
      },
      onError,
    }),
  );
  const remove = useMutation(
    trpc.members.remove.mutationOptions({
      onSuccess: async () => {
        setRemoving(null);
        await refresh();
        toast.show(t("members.removed"));
      },
      onError,
    }),
  );

  /** The server decides who is within the caller's reach (owners only by owners, limited admins within their shops). */
  const manageable = (m: Member) => canManage && m.manageable;

  const columns: Column<Member>[] = [
    {
      key: "who",
      header: t("members.member"),
      primary: true,
      cell: (m) => (
        <span className="block min-w-0">
          <span className="font-medium break-words text-zinc-900">{m.name}</span>
          {m.userId === me?.id ? (
            <span className="ml-2">
              <Badge tone="brand">{t("members.you")}</Badge>
            </span>
          ) : null}
          {m.email ? <span className="block text-xs break-all text-zinc-500">{m.email}</span> : null}
        </span>
      ),
    },
    {
      key: "role",
      header: t("members.role"),
      cell: (m) =>
        manageable(m) ? (
          <Select
            aria-label={t("members.roleOf", { name: m.name })}
            fullWidth={false}
            className="min-w-28 py-1"
            value={m.role}
            options={roleOptions(t, org.role)}
            disabled={changeRole.isPending}
            onChange={(e) => {
              const role = e.target.value;
              if (isRole(role)) changeRole.mutate({ userId: m.userId, role });
            }}
          />
        ) : (
          <Badge tone={m.role === "owner" ? "brand" : "neutral"}>{t(`roles.${m.role}`)}</Badge>
        ),
    },
    {
      key: "access",
      header: t("members.access"),
      cell: (m) => (
        <span className="inline-flex flex-wrap items-center justify-end gap-2">
          <span>
            {m.limitedToGrants === null
              ? "—"
              : m.limitedToGrants
                ? t("members.limitedTo", { count: m.shopIds.length })
                : t("members.allShops")}
          </span>
          {manageable(m) ? (
            <Button
              size="sm"
              variant="ghost"
              className="text-rose-700 underline-offset-2 hover:underline"
              aria-label={t("members.limitShopsOf", { name: m.name })}
              onClick={() => setGrantsFor(m)}
            >
              {t("members.limitShops")}
            </Button>
          ) : null}
        </span>
      ),
    },
    {
      key: "joined",
      header: t("members.joined"),
      cell: (m) => format.dateTime(m.joinedAt, { dateStyle: "medium" }),
    },
  ];
  if (canManage) {
    columns.push({
      key: "actions",
      header: <span className="sr-only">{t("common.actions")}</span>,
      align: "end",
      cell: (m) =>
        manageable(m) && m.userId !== me?.id ? (
          <span className="inline-flex items-center gap-1">
            {org.role === "owner" ? <ResetLinkButton member={m} /> : null}
            <Button
              size="sm"
              variant="ghost"
              className="text-red-700"
              aria-label={t("members.removeNamed", { name: m.name })}
              onClick={() => setRemoving(m)}
            >
              {t("members.remove")}
            </Button>
          </span>
        ) : null,
    });
  }

  return (
    <div className="space-y-8">
      <section>
        <PageHeader
          title={t("members.title")}
          description={t("members.lead")}
          actions={canManage ? <InviteButton /> : null}
        />
        {members.isPending ? (
          <PageSpinner label={t("common.loading")} />
        ) : members.isError ? (
          <EmptyState title={t("common.loadFailed")} description={members.error.message} />
        ) : (
          <Table
            rows={members.data}
            columns={columns}
            rowKey={(m) => m.userId}
            caption={t("members.title")}
            testId="member-list"
          />
        )}
      </section>
      {canManage ? <InvitationList /> : null}
      {grantsFor ? <GrantsDialog member={grantsFor} onClose={() => setGrantsFor(null)} /> : null}
      <Dialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title={t("members.removeTitle", { name: removing?.name ?? "" })}
        footer={
          <>
            <Button variant="secondary" onClick={() => setRemoving(null)}>
              {t("common.cancel")}
            </Button>
            <Button
              variant="danger"
              loading={remove.isPending}
              onClick={() => removing && remove.mutate({ userId: removing.userId })}
            >
              {t("members.remove")}
            </Button>
          </>
        }
      >
        <p className="text-sm text-zinc-700">{t("members.removeBody")}</p>
      </Dialog>
    </div>
  );
}
