"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { DEFAULT_CREATOR_BAR, DEFAULT_SCORE_SCALE, scaleOfFilter, type DirectoryFilter } from "@/lib/contracts/directory";
import { useTRPC } from "@/lib/trpc-client";

/** Saves the current filters under a name, with the creator's bar for shortlisted cards. */
export function SaveSearchButton({ filter }: { filter: DirectoryFilter }) {
  const t = useTranslations("directory");
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  // The bar's score is on the search's scale: the suggested 4.6 is a 5-point one.
  const scaleMax = scaleOfFilter(filter);
  const [minScore, setMinScore] = useState(scaleMax === DEFAULT_SCORE_SCALE ? String(DEFAULT_CREATOR_BAR.minScore ?? "") : "");
  const [minRate, setMinRate] = useState(String((DEFAULT_CREATOR_BAR.minGoodReviewRate ?? 0) * 100));
  const save = useMutation(trpc.directory.saveSearch.mutationOptions());
  const number = (text: string) => (text.trim() === "" || !Number.isFinite(Number(text)) ? undefined : Number(text));
  return (
    <>
      <Button type="button" variant="secondary" size="sm" onClick={() => setOpen(true)} data-testid="save-search">
        {t("actions.saveSearch")}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={t("actions.saveSearch")}
        footer={
          <Button
            type="button"
            disabled={name.trim() === "" || save.isPending}
            data-testid="save-search-confirm"
            onClick={async () => {
              const rate = number(minRate);
              await save.mutateAsync({ name: name.trim(), filter, bar: { minScore: number(minScore), minGoodReviewRate: rate === undefined ? undefined : rate / 100 } });
              await queryClient.invalidateQueries({ queryKey: trpc.directory.savedSearches.queryKey() });
              setOpen(false);
              toast.show(t("actions.saved"), "success");
            }}
          >
            {t("actions.saveSearch")}
          </Button>
        }
      >
        <div className="space-y-3">
          <Field label={t("actions.searchName")}>
            <Input value={name} maxLength={60} onChange={(e) => setName(e.target.value)} data-testid="save-search-name" />
          </Field>
          <p className="text-sm font-medium text-zinc-800">{t("actions.bar")}</p>
          <div className="grid grid-cols-2 gap-3">
            <Field label={t("actions.barMinScoreScale", { max: scaleMax })}>
              <Input type="number" step="0.01" min={0} max={scaleMax} value={minScore} onChange={(e) => setMinScore(e.target.value)} />
            </Field>
            <Field label={t("actions.barMinGoodReviewRate")}>
              <Input type="number" step="1" max={100} value={minRate} onChange={(e) => setMinRate(e.target.value)} />
            </Field>
          </div>
        </div>
      </Dialog>
    </>
  );
}
