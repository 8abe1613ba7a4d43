"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { Member } from "@/components/api-types";
import { FormError } from "@/components/forms/form-error";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc-client";
import { ShopLimit } from "./shop-checklist";

/** Limit a member to some shops, or lift the limit. */
export function GrantsDialog({ member, onClose }: { member: Member; onClose: () => void }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [limited, setLimited] = useState(member.limitedToGrants === true);
  const [shopIds, setShopIds] = useState<string[]>(member.shopIds);
  const save = useMutation(
    trpc.members.setShopGrants.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.members.pathKey() });
        toast.show(t("common.saved"));
        onClose();
      },
    }),
  );
  return (
    <Dialog
      open
      onClose={onClose}
      title={t("members.grantsTitle", { name: member.name })}
      description={t("members.grantsLead")}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button
            loading={save.isPending}
            onClick={() =>
              save.mutate({ userId: member.userId, limited, shopIds: limited ? shopIds : [] })
            }
          >
            {t("common.save")}
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        <ShopLimit
          limited={limited}
          onLimitedChange={setLimited}
          selected={shopIds}
          onChange={setShopIds}
          unlimitedNote={<p className="text-sm text-zinc-600">{t("members.seesAllShops")}</p>}
        />
        {limited && shopIds.length === 0 ? (
          <p className="text-sm text-amber-700">{t("members.limitedNone")}</p>
        ) : null}
        <FormError message={save.error?.message} />
      </div>
    </Dialog>
  );
}
