"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Menu } from "@/components/ui/menu";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc-client";

/** "Add to shortlist": the organisation's shortlists, or a new one named on the spot. */
export function ShortlistMenu({ cardIds, testId, label }: { cardIds: readonly string[]; testId?: string; label?: string }) {
  const t = useTranslations("directory");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const lists = useQuery(trpc.directory.shortlists.queryOptions());
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState("");
  const add = useMutation(trpc.directory.addToShortlist.mutationOptions());
  const create = useMutation(trpc.directory.createShortlist.mutationOptions());

  const addAll = async (shortlist: { id: string; name: string }) => {
    for (const cardId of cardIds) await add.mutateAsync({ shortlistId: shortlist.id, cardId });
    await queryClient.invalidateQueries({ queryKey: trpc.directory.pathKey() });
    toast.show(t("actions.added", { name: shortlist.name }), "success");
  };

  return (
    <>
      <Menu
        trigger={label ?? t("actions.addToShortlist")}
        testId={testId}
        items={[
          ...(lists.data ?? []).map((list) => ({ key: list.id, label: list.name, onSelect: () => void addAll(list), testId: `shortlist-option-${list.name}` })),
          ...((lists.data ?? []).length > 0 ? [{ kind: "separator" as const, key: "sep" }] : []),
          { key: "new", label: t("actions.newShortlist"), onSelect: () => setNaming(true), testId: "shortlist-option-new" },
        ]}
      />
      <Dialog
        open={naming}
        onClose={() => setNaming(false)}
        title={t("shortlists.new")}
        footer={
          <Button
            type="button"
            data-testid="shortlist-create"
            disabled={name.trim() === "" || create.isPending}
            onClick={async () => {
              const created = await create.mutateAsync({ name: name.trim() });
              setNaming(false);
              setName("");
              await addAll(created);
            }}
          >
            {t("shortlists.create")}
          </Button>
        }
      >
        <Field label={t("shortlists.name")}>
          <Input value={name} maxLength={60} data-testid="shortlist-name" onChange={(e) => setName(e.target.value)} />
        </Field>
      </Dialog>
    </>
  );
}
