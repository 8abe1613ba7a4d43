"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import { useToast } from "@/components/ui/toast";
import type { DigestPreferences } from "@/lib/contracts/digest";
import { useTRPC } from "@/lib/trpc-client";

const CHOICES = ["daily", "weekly", "inApp", "email"] as const satisfies readonly (keyof DigestPreferences)[];

/** The member's own choice: the daily brief and the weekly digest, in the app and by e-mail. Saved on each change. */
export function DigestPreferencesForm() {
  const t = useTranslations("digest.preferences");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const current = useQuery(trpc.digest.preferences.queryOptions());
  const save = useMutation(
    trpc.digest.setPreferences.mutationOptions({
      onSuccess: async () => {
        toast.show(t("saved"), "success");
        await queryClient.invalidateQueries({ queryKey: trpc.digest.preferences.pathKey() });
      },
      onError: (error: { message: string }) => toast.show(error.message, "error"),
    }),
  );
  const values = current.data;
  return (
    <Card title={t("title")} description={t("description")} testId="digest-preferences">
      {values ? (
        <div className="grid gap-2 sm:grid-cols-2">
          {CHOICES.map((choice) => (
            <label key={choice} className="flex items-center gap-2 text-sm text-zinc-800">
              <input
                type="checkbox"
                className="h-4 w-4 accent-rose-600"
                checked={values[choice]}
                disabled={save.isPending}
                onChange={(e) => save.mutate({ ...values, [choice]: e.target.checked })}
                data-testid={`digest-pref-${choice}`}
              />
              {t(choice)}
            </label>
          ))}
        </div>
      ) : null}
    </Card>
  );
}
