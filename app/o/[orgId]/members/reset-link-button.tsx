"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { Member } from "@/components/api-types";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc-client";

/** An owner's one-time password reset link for a member; shown once, only in this dialog. */
export function ResetLinkButton({ member }: { member: Member }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const toast = useToast();
  const [link, setLink] = useState<string | null>(null);
  const issue = useMutation(
    trpc.members.resetLink.mutationOptions({
      onSuccess: ({ path }) => setLink(`${window.location.origin}${path}`),
      onError: (error) => toast.show(error.message, "error"),
    }),
  );
  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        loading={issue.isPending}
        onClick={() => issue.mutate({ userId: member.userId })}
      >
        {t("members.resetLink")}
      </Button>
      <Dialog open={link !== null} onClose={() => setLink(null)} title={t("members.resetLink")}>
        <p className="text-sm text-zinc-700">{t("members.resetLinkShownOnce")}</p>
        <p
          className="mt-3 rounded-md bg-zinc-50 p-3 font-mono text-xs break-all select-all"
          data-testid="reset-link"
        >
          {link}
        </p>
      </Dialog>
    </>
  );
}
