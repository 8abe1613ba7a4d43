"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { CARD_FIELDS, DEFAULT_CARD_FIELDS, type CardField } from "@/lib/contracts/directory";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import { useTRPC } from "@/lib/trpc-client";

/** The entity page's "list in directory" control: which fields to publish, a contact line, list / update / unlist. */
export function DirectoryListing({ kind, id, mayPublish }: { kind: EntityKind; id: string; mayPublish: boolean }) {
  const t = useTranslations("directory");
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const card = useQuery(trpc.directory.entityCard.queryOptions({ kind, id }));
  const [fields, setFields] = useState<CardField[]>([...DEFAULT_CARD_FIELDS]);
  const [contact, setContact] = useState("");
  // The stored listing arrived or changed: the form starts from it.
  const [loaded, setLoaded] = useState<typeof card.data>(undefined);
  if (card.data !== loaded) {
    setLoaded(card.data);
    if (card.data) {
      setFields(card.data.fields);
      setContact(card.data.contact ?? "");
    }
  }
  const list = useMutation(trpc.directory.list.mutationOptions());
  const unlist = useMutation(trpc.directory.unlist.mutationOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.directory.pathKey() });
  const listed = Boolean(card.data);

  return (
    <Card
      title={t("listing.title")}
      description={t("listing.lead")}
      testId="directory-listing"
      actions={<Badge tone={listed ? "success" : "neutral"}>{listed ? t("listing.listed") : t("listing.notListed")}</Badge>}
    >
      <fieldset disabled={!mayPublish || list.isPending || unlist.isPending} className="space-y-3">
        <legend className="text-sm font-medium text-zinc-800">{t("listing.fields")}</legend>
        <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
          {CARD_FIELDS.map((field) => (
            <label key={field} className="flex items-center gap-2 text-sm text-zinc-800">
              <input
                type="checkbox"
                className="size-4 accent-rose-600"
                data-testid={`listing-field-${field}`}
                checked={fields.includes(field)}
                onChange={(e) => setFields((current) => (e.target.checked ? [...current, field] : current.filter((f) => f !== field)))}
              />
              {t(`fields.${field}`)}
            </label>
          ))}
        </div>
        {fields.includes("contact") ? (
          <Field label={t("listing.contact")}>
            <Input value={contact} maxLength={120} placeholder={t("listing.contactPlaceholder")} onChange={(e) => setContact(e.target.value)} data-testid="listing-contact" />
          </Field>
        ) : null}
        {mayPublish ? (
          <div className="flex flex-wrap gap-2">
            <Button
              type="button"
              data-testid="listing-publish"
              onClick={async () => {
                await list.mutateAsync({ kind, id, fields, contact: contact.trim() || null });
                await refresh();
                toast.show(t("listing.published"), "success");
              }}
            >
              {listed ? t("listing.update") : t("listing.publish")}
            </Button>
            {listed ? (
              <Button
                type="button"
                variant="danger"
                data-testid="listing-unlist"
                onClick={async () => {
                  await unlist.mutateAsync({ kind, id });
                  await refresh();
                  toast.show(t("listing.unlistedDone"), "success");
                }}
              >
                {t("listing.unlist")}
              </Button>
            ) : null}
          </div>
        ) : (
          <p className="text-sm text-zinc-500">{t("listing.noPermission")}</p>
        )}
      </fieldset>
    </Card>
  );
}
