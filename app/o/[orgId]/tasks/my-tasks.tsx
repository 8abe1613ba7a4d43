"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useLocalText } from "@/components/checklists/local-text";
import { ItemStatusBadge } from "@/components/checklists/status-badge";
import { useOrg } from "@/components/layout/org-context";
import { EmptyState } from "@/components/ui/empty-state";
import { KpiGrid, KpiTile } from "@/components/ui/kpi-tile";
import { PageSpinner } from "@/components/ui/spinner";
import { TASK_BUCKETS, type TaskBucket, type TaskRow } from "@/lib/contracts/checklists";
import { formatDay } from "@/lib/scores/format";
import { useTRPC } from "@/lib/trpc-client";
import { PageHeader } from "../_components/page-header";

const TONES = { overdue: "danger", today: "warning", week: "neutral", later: "neutral" } as const;

/** The member's own open items across every shop and creator account they may see: overdue, today, this week, later. */
export function MyTasks() {
  const t = useTranslations("checklists");
  const locale = useLocale();
  const local = useLocalText();
  const { orgId } = useOrg();
  const trpc = useTRPC();
  const tasks = useQuery(trpc.checklists.myTasks.queryOptions());
  if (tasks.isPending) return <PageSpinner label={t("tasksTitle")} />;
  const rows = tasks.data ?? [];
  const inBucket = (bucket: TaskBucket) => rows.filter((r) => r.bucket === bucket);
  return (
    <div className="space-y-6">
      <PageHeader title={t("tasksTitle")} />
      <KpiGrid>
        {TASK_BUCKETS.map((bucket) => (
          <KpiTile key={bucket} label={t(`buckets.${bucket}`)} value={String(inBucket(bucket).length)} tone={inBucket(bucket).length > 0 ? TONES[bucket] : "neutral"} testId={`tasks-count-${bucket}`} />
        ))}
      </KpiGrid>
      {rows.length === 0 ? (
        <EmptyState title={t("tasksEmpty")} />
      ) : (
        TASK_BUCKETS.filter((bucket) => inBucket(bucket).length > 0).map((bucket) => (
          <section key={bucket} aria-labelledby={`bucket-${bucket}`} className="space-y-2" data-testid={`tasks-${bucket}`}>
            <h2 id={`bucket-${bucket}`} className="text-base font-semibold text-zinc-900">
              {t(`buckets.${bucket}`)}
            </h2>
            <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 bg-white">
              {inBucket(bucket).map((task) => (
                <TaskLine key={task.itemId} task={task} href={`/o/${orgId}/checklists/${task.checklistId}`} day={task.dueDay ? formatDay(task.dueDay, locale, true) : t("noDueDay")} text={local(task.textZh, task.textEn)} title={local(task.titleZh, task.titleEn)} occurrence={task.cadence === "once" ? null : t("occurrence", { n: task.occurrence })} />
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}

function TaskLine({ task, href, day, text, title, occurrence }: { task: TaskRow; href: string; day: string; text: string; title: string; occurrence: string | null }) {
  return (
    <li className="flex flex-col gap-1 p-3 sm:flex-row sm:items-center sm:justify-between" data-testid="task">
      <div className="min-w-0">
        <Link href={href} className="font-medium break-words text-zinc-900 hover:underline">
          {text}
        </Link>
        <p className="text-xs text-zinc-500">
          {task.entityName} · {title}
          {occurrence ? ` · ${occurrence}` : ""}
        </p>
      </div>
      <div className="flex shrink-0 items-center gap-2 text-sm tabular-nums">
        <ItemStatusBadge status={task.status} />
        <span className={task.bucket === "overdue" ? "font-semibold text-red-700" : "text-zinc-700"}>{day}</span>
      </div>
    </li>
  );
}
