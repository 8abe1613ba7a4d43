"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { FormError } from "@/components/forms/form-error";
import { serverErrorsOf } from "@/components/forms/validation";
import { useOrg } from "@/components/layout/org-context";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useTRPC } from "@/lib/trpc-client";

/** Deleting an organisation removes all its data: the owner types its name to confirm. */
export function DeleteOrg() {
  const t = useTranslations();
  const trpc = useTRPC();
  const { org } = useOrg();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [confirmName, setConfirmName] = useState("");
  const remove = useMutation(
    trpc.orgs.delete.mutationOptions({
      // The start page sends the user to another organisation of theirs, or to creating one.
      onSuccess: () => {
        router.replace("/");
        router.refresh();
      },
    }),
  );
  const server = serverErrorsOf(remove.error, t);
  const matches = confirmName === org.name;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (matches) remove.mutate({ confirmName });
  }

  const close = () => {
    setOpen(false);
    setConfirmName("");
    remove.reset();
  };

  return (
    <section
      aria-labelledby="danger-zone"
      className="rounded-lg border border-red-200 bg-white p-5"
    >
      <h2 id="danger-zone" className="text-base font-semibold text-red-700">
        {t("settings.deleteTitle")}
      </h2>
      <p className="mt-1 text-sm text-zinc-600">{t("settings.deleteBody")}</p>
      <Button variant="danger" className="mt-4" onClick={() => setOpen(true)}>
        {t("settings.delete")}
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title={t("settings.deleteConfirmTitle")}
        description={t("settings.deleteBody")}
        footer={
          <>
            <Button variant="secondary" onClick={close}>
              {t("common.cancel")}
            </Button>
            <Button
              type="submit"
              form="delete-org-form"
              variant="danger"
              disabled={!matches}
              loading={remove.isPending || remove.isSuccess}
            >
              {t("settings.deleteForever")}
            </Button>
          </>
        }
      >
        <form id="delete-org-form" onSubmit={onSubmit} className="space-y-3" noValidate>
          <p className="text-sm text-zinc-700">
            {t.rich("settings.typeName", {
              name: org.name,
              strong: (chunks) => <strong className="font-semibold break-all">{chunks}</strong>,
            })}
          </p>
          <Field label={t("settings.confirmName")} errors={server.fields.confirmName}>
            <Input
              name="confirmName"
              autoComplete="off"
              value={confirmName}
              onChange={(e) => setConfirmName(e.target.value)}
            />
          </Field>
          <FormError message={Object.keys(server.fields).length > 0 ? null : server.message} />
        </form>
      </Dialog>
    </section>
  );
}
