"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Spinner } from "@/components/ui/spinner";
import { useTRPC } from "@/lib/trpc-client";

/** Tick the shops a member may see; used by the invite and the limit-to-shops dialogs. */
export function ShopChecklist({
  legend,
  selected,
  onChange,
}: {
  legend: string;
  selected: readonly string[];
  onChange: (ids: string[]) => void;
}) {
  const t = useTranslations();
  const trpc = useTRPC();
  const shops = useQuery(trpc.shops.list.queryOptions({ includeArchived: false }));
  const chosen = new Set(selected);
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...chosen, id] : [...chosen].filter((s) => s !== id));
  return (
    <fieldset className="rounded-md border border-zinc-200 p-3">
      <legend className="px-1 text-sm font-medium text-zinc-800">{legend}</legend>
      {shops.isPending ? (
        <Spinner size="sm" label={t("common.loading")} />
      ) : shops.isError ? (
        <p className="text-sm text-red-600">{shops.error.message}</p>
      ) : shops.data.length === 0 ? (
        <p className="text-sm text-zinc-500">{t("members.noShopsYet")}</p>
      ) : (
        <ul className="max-h-56 space-y-1 overflow-y-auto">
          {shops.data.map((shop) => (
            <li key={shop.id}>
              <label className="flex items-center gap-2 rounded px-1 py-1.5 text-sm hover:bg-zinc-50">
                <input
                  type="checkbox"
                  className="size-4 accent-rose-600"
                  checked={chosen.has(shop.id)}
                  onChange={(e) => toggle(shop.id, e.target.checked)}
                />
                <span className="min-w-0 break-words">{shop.name}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

/** "Only some shops" and, when ticked, the shops: the invite and the limit-to-shops dialogs. */
export function ShopLimit({
  limited,
  onLimitedChange,
  selected,
  onChange,
  unlimitedNote = null,
}: {
  limited: boolean;
  onLimitedChange: (limited: boolean) => void;
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  /** Shown instead of the list while the member is not limited. */
  unlimitedNote?: ReactNode;
}) {
  const t = useTranslations("members");
  return (
    <>
      <label className="flex items-center gap-2 text-sm font-medium text-zinc-800">
        <input
          type="checkbox"
          className="size-4 accent-rose-600"
          checked={limited}
          onChange={(e) => onLimitedChange(e.target.checked)}
        />
        {t("onlySomeShops")}
      </label>
      {limited ? (
        <ShopChecklist legend={t("shopsVisible")} selected={selected} onChange={onChange} />
      ) : (
        unlimitedNote
      )}
    </>
  );
}
