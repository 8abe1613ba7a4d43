"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useOrg } from "@/components/layout/org-context";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/select";
import { PageSpinner } from "@/components/ui/spinner";
import { ENTITY_KINDS, type EntityKind } from "@/lib/contracts/entity-kinds";
import { PLAYBOOK_DIMENSIONS, type PlaybookDimension } from "@/lib/contracts/playbooks";
import { useTRPC } from "@/lib/trpc-client";
import { PageHeader } from "../../_components/page-header";
import { PlaybookEffects } from "../../checklists/_components/playbook-effects";
import { usePlaybookLabels } from "./use-playbook-labels";

/** The library: built-ins and the organisation's own playbooks, filtered by dimension, indicator and kind. */
export function PlaybookLibrary() {
  const t = useTranslations("playbooks");
  const trpc = useTRPC();
  const { orgId, can } = useOrg();
  const labels = usePlaybookLabels();
  const [dimension, setDimension] = useState<PlaybookDimension | "">("");
  const [indicator, setIndicator] = useState("");
  const [kind, setKind] = useState<EntityKind | "">("");
  const list = useQuery(
    trpc.playbooks.list.queryOptions({ dimension: dimension || undefined, indicator: indicator || undefined, entityKind: kind || undefined }),
  );

  return (
    <div className="space-y-5">
      <PageHeader title={t("title")} description={t("lead")} />
      <div className="grid gap-3 sm:grid-cols-3">
        <label className="space-y-1 text-sm">
          <span className="text-zinc-600">{t("filters.dimension")}</span>
          <Select
            data-testid="playbook-filter-dimension"
            value={dimension}
            placeholder={t("filters.all")}
            onChange={(e) => setDimension(e.target.value as PlaybookDimension | "")}
            options={PLAYBOOK_DIMENSIONS.map((d) => ({ value: d, label: t(`dimensions.${d}`) }))}
          />
        </label>
        <label className="space-y-1 text-sm">
          <span className="text-zinc-600">{t("filters.indicator")}</span>
          <Select
            data-testid="playbook-filter-indicator"
            value={indicator}
            placeholder={t("filters.all")}
            onChange={(e) => setIndicator(e.target.value)}
            options={labels.indicators.map((i) => ({ value: i.code, label: labels.indicatorName(i.code) }))}
          />
        </label>
        <label className="space-y-1 text-sm">
          <span className="text-zinc-600">{t("filters.kind")}</span>
          <Select
            value={kind}
            placeholder={t("filters.all")}
            onChange={(e) => setKind(e.target.value as EntityKind | "")}
            options={ENTITY_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
          />
        </label>
      </div>
      {list.isPending ? (
        <PageSpinner label={t("loading")} />
      ) : (list.data?.entries.length ?? 0) === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <ul className="grid gap-3 md:grid-cols-2" data-testid="playbook-list">
          {list.data?.entries.map((entry) => (
            <li key={`${entry.source}-${entry.code}`}>
              <Link
                href={`/o/${orgId}/playbooks/${encodeURIComponent(entry.code)}`}
                data-testid={`playbook-${entry.code}`}
                className="block h-full rounded-lg border border-zinc-200 bg-white p-4 hover:border-rose-300"
              >
                <div className="flex flex-wrap items-center gap-2">
                  <Badge tone={entry.source === "org" ? "brand" : "neutral"}>{t(`source.${entry.source}`)}</Badge>
                  <Badge>{t(`dimensions.${entry.definition.dimension}`)}</Badge>
                  <span className="text-xs text-zinc-500">{t("version", { version: entry.version })}</span>
                  {entry.archived ? <Badge tone="warning">{t("archived")}</Badge> : null}
                </div>
                <h2 className="mt-2 font-medium break-words text-zinc-900">{labels.title(entry.definition)}</h2>
                <p className="mt-1 text-sm text-zinc-600">{entry.definition.indicators.map(labels.indicatorName).join(" · ")}</p>
                <p className="mt-1 text-xs text-zinc-500">
                  {entry.definition.steps.length} {t("steps")} · {entry.definition.entityKinds.map((k) => t(`kinds.${k}`)).join(" / ")}
                </p>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {/* What each playbook did for this organisation's shops: the checklists' measured effect at 7, 14 and 30 days. */}
      {can("checklists.read") ? <PlaybookEffects /> : null}
    </div>
  );
}
