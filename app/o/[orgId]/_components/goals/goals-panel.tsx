"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { formatDay, formatGoalValue } from "@/components/goals/goal-format";
import { GoalStatusBadge } from "@/components/goals/goal-status-badge";
import { useOrg } from "@/components/layout/org-context";
import { useEntityScoreOptions } from "@/components/scores/use-entity-score-options";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageSpinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import type { ScoredEntityKind } from "@/lib/contracts/entities";
import type { GoalProgress } from "@/lib/contracts/goals";
import { useEntityApi } from "../entities/use-entity-api";
import { GoalChart } from "./goal-chart";
import { GoalForm, type GoalFormValues, type MetricOption } from "./goal-form";

/** The entity's goals: each with its progress chart and status; writers add, edit and delete them. */
export function GoalsPanel({ kind, id }: { kind: ScoredEntityKind; id: string }) {
  const t = useTranslations("goals");
  const locale = useLocale();
  const { api, info } = useEntityApi(kind);
  const { can } = useOrg();
  const mayWrite = can(info.permissions.write);
  const queryClient = useQueryClient();
  const toast = useToast();
  const goals = useQuery(api.goals.queryOptions({ entityId: id }));
  const score = useQuery(useEntityScoreOptions(kind, id));
  const [adding, setAdding] = useState(false);
  const handlers = {
    onSuccess: async () => {
      setAdding(false);
      await queryClient.invalidateQueries({ queryKey: api.goals.pathKey() });
    },
    onError: (error: { message: string }) => toast.show(error.message, "error"),
  };
  const create = useMutation(api.createGoal.mutationOptions(handlers));

  if (goals.isPending || score.isPending) return <PageSpinner label={t("loading")} />;
  if (goals.isError) return <EmptyState title={goals.error.message} />;
  const english = locale === "en";
  const named = (zh: string, en: string) => (english ? en : `${zh} ${en}`);
  const indicators = score.data?.latest?.explanation.dimensions.flatMap((d) => d.indicators) ?? [];
  const options: MetricOption[] = [
    { ref: { metric: "overall" }, label: t("overall"), unit: "score" },
    ...(score.data?.dimensions ?? []).map((d): MetricOption => ({ ref: { metric: "dimension", code: d.code }, label: named(d.nameZh, d.nameEn), unit: "score" })),
    ...indicators.map((i): MetricOption => ({ ref: { metric: "indicator", code: i.code }, label: named(i.nameZh, i.nameEn), unit: i.kind === "rate" ? "rate" : "hours" })),
  ];
  const today = score.data?.today ?? new Date().toISOString().slice(0, 10);
  const add = (values: GoalFormValues) => create.mutate({ entityId: id, ...values, note: values.note || undefined });

  return (
    <div className="space-y-4" data-testid="goals-panel">
      {mayWrite ? (
        adding ? (
          <Card title={t("newGoal")}>
            <GoalForm options={options} today={today} pending={create.isPending} onSubmit={add} onCancel={() => setAdding(false)} />
          </Card>
        ) : (
          <div className="flex justify-end">
            <Button onClick={() => setAdding(true)} data-testid="goal-add">
              {t("add")}
            </Button>
          </div>
        )
      ) : null}
      {goals.data.length === 0 ? <EmptyState title={t("emptyTitle")} description={mayWrite ? t("emptyWriter") : t("emptyReader")} /> : null}
      {goals.data.map((goal) => (
        <GoalCard key={goal.id} kind={kind} goal={goal} options={options} today={today} mayWrite={mayWrite} />
      ))}
    </div>
  );
}

function GoalCard({ kind, goal, options, today, mayWrite }: { kind: ScoredEntityKind; goal: GoalProgress; options: MetricOption[]; today: string; mayWrite: boolean }) {
  const t = useTranslations("goals");
  const locale = useLocale();
  const { api } = useEntityApi(kind);
  const queryClient = useQueryClient();
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const handlers = {
    onSuccess: async () => {
      setEditing(false);
      await queryClient.invalidateQueries({ queryKey: api.goals.pathKey() });
    },
    onError: (error: { message: string }) => toast.show(error.message, "error"),
  };
  const update = useMutation(api.updateGoal.mutationOptions(handlers));
  const remove = useMutation(api.deleteGoal.mutationOptions(handlers));
  const value = (v: number | null) => formatGoalValue(v, goal, locale);
  const metricName = locale === "en" ? goal.nameEn : `${goal.nameZh} ${goal.nameEn}`;
  const facts: [string, string][] = [
    [t("start"), `${value(goal.startValue)} · ${formatDay(goal.startDay, locale, true)}`],
    [t("current"), goal.currentDay ? `${value(goal.current)} · ${formatDay(goal.currentDay, locale, true)}` : "—"],
    [t("projected"), `${value(goal.projected)} (${t(`basis.${goal.basis}`)})`],
    [t("due"), formatDay(goal.dueDay, locale, true)],
  ];
  return (
    <Card
      testId="goal-card"
      title={
        <span className="inline-flex flex-wrap items-center gap-2">
          {t("title", { metric: metricName, target: value(goal.target) })}
          <GoalStatusBadge status={goal.status} testId="goal-status" />
        </span>
      }
      description={goal.note || undefined}
      actions={
        mayWrite && !editing ? (
          <div className="flex gap-2">
            <Button size="sm" variant="secondary" onClick={() => setEditing(true)} data-testid="goal-edit">
              {t("edit")}
            </Button>
            <Button size="sm" variant="danger" loading={remove.isPending} onClick={() => (window.confirm(t("confirmDelete")) ? remove.mutate({ id: goal.id }) : undefined)} data-testid="goal-delete">
              {t("delete")}
            </Button>
          </div>
        ) : null
      }
    >
      {editing ? (
        <GoalForm
          options={options}
          today={today}
          goal={goal}
          pending={update.isPending}
          onSubmit={(v) => update.mutate({ id: goal.id, value: v.value, dueDay: v.dueDay, note: v.note })}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <div className="space-y-4">
          <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
            {facts.map(([label, text]) => (
              <div key={label}>
                <dt className="text-zinc-500">{label}</dt>
                <dd className="font-medium text-zinc-900 tabular-nums">{text}</dd>
              </div>
            ))}
          </dl>
          <GoalChart goal={goal} />
        </div>
      )}
    </Card>
  );
}
