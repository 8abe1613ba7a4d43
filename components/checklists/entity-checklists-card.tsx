"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useOrg } from "@/components/layout/org-context";
import { Card } from "@/components/ui/card";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import { formatDay } from "@/lib/scores/format";
import { useTRPC } from "@/lib/trpc-client";
import { useLocalText } from "./local-text";

/** Beside an entity's score: the checklists running on it, with progress and what is overdue. */
export function EntityChecklistsCard({ kind, id }: { kind: EntityKind; id: string }) {
  const t = useTranslations("checklists");
  const locale = useLocale();
  const local = useLocalText();
  const { orgId, can } = useOrg();
  const trpc = useTRPC();
  const list = useQuery({ ...trpc.checklists.forEntity.queryOptions({ kind, id }), enabled: can("checklists.read") });
  if (!can("checklists.read")) return null;
  const rows = list.data ?? [];
  return (
    <Card title={t("entityCard.title")} testId="entity-checklists" actions={<Link href={`/o/${orgId}/checklists`} className="text-sm text-rose-700 hover:underline">{t("entityCard.all")}</Link>}>
      {rows.length === 0 ? (
        <p className="text-sm text-zinc-500">{t("entityCard.none")}</p>
      ) : (
        <ul className="divide-y divide-zinc-100 text-sm">
          {rows.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <Link href={`/o/${orgId}/checklists/${c.id}`} className="font-medium text-rose-700 hover:underline">
                {local(c.titleZh, c.titleEn)}
              </Link>
              <span className="text-xs text-zinc-600 tabular-nums">
                {t("progressValue", { done: c.itemsDone, total: c.itemsTotal })}
                {c.itemsOverdue > 0 ? <span className="ml-2 font-semibold text-red-700">{t("overdue")} {c.itemsOverdue}</span> : null}
                {c.nextDueDay ? <span className="ml-2">{t("nextDue")} {formatDay(c.nextDueDay, locale)}</span> : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
