"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { inputToTarget, targetToInput } from "@/components/goals/goal-format";
import { Button } from "@/components/ui/button";
import { DatePicker } from "@/components/ui/date-picker";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { GoalMetricRef, GoalProgress } from "@/lib/contracts/goals";

/** A metric the entity's rule set scores, as the form offers it. */
export type MetricOption = { ref: GoalMetricRef; label: string; unit: GoalProgress["unit"] };
export type GoalFormValues = { target: GoalMetricRef; value: number; dueDay: string; note: string };

const keyOf = (ref: GoalMetricRef) => (ref.metric === "overall" ? "overall" : `${ref.metric}:${ref.code}`);

function addDays(day: string, n: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

/** New goal (metric, target, due day, note) or an existing goal's target, due day and note. */
export function GoalForm({
  options,
  today,
  goal,
  pending,
  onSubmit,
  onCancel,
}: {
  options: readonly MetricOption[];
  today: string;
  goal?: GoalProgress;
  pending: boolean;
  onSubmit: (values: GoalFormValues) => void;
  onCancel?: () => void;
}) {
  const t = useTranslations("goals.form");
  const locale = useLocale();
  const initialRef: GoalMetricRef = goal ? (goal.metric === "overall" ? { metric: "overall" } : { metric: goal.metric, code: goal.code ?? "" }) : (options[0]?.ref ?? { metric: "overall" });
  const [metricKey, setMetricKey] = useState(keyOf(initialRef));
  const chosen = options.find((o) => keyOf(o.ref) === metricKey) ?? options[0];
  const unit = goal?.unit ?? chosen?.unit ?? "score";
  const [value, setValue] = useState(goal ? String(targetToInput(goal.target, goal.unit)) : "");
  const [dueDay, setDueDay] = useState<string | null>(goal?.dueDay ?? addDays(today, 30));
  const [note, setNote] = useState(goal?.note ?? "");
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const number = Number(value.replace(",", "."));
    if (value.trim() === "" || !Number.isFinite(number)) return setError(t("valueRequired"));
    if (!dueDay) return setError(t("dueRequired"));
    setError(null);
    onSubmit({ target: chosen?.ref ?? initialRef, value: inputToTarget(number, unit), dueDay, note });
  };

  return (
    <form onSubmit={submit} className="grid gap-3 sm:grid-cols-2" data-testid={goal ? "goal-edit-form" : "goal-form"}>
      {goal ? null : (
        <Field label={t("metric")}>
          <Select value={metricKey} onChange={(e) => setMetricKey(e.target.value)} options={options.map((o) => ({ value: keyOf(o.ref), label: o.label }))} data-testid="goal-metric" />
        </Field>
      )}
      <Field label={unit === "rate" ? t("valuePercent") : unit === "hours" ? t("valueHours") : t("valueScore")} errors={error ? [error] : undefined}>
        <Input inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} data-testid="goal-value" lang={locale} />
      </Field>
      <Field label={t("dueDay")}>
        <div>
          <DatePicker value={dueDay} onChange={setDueDay} placeholder={t("dueRequired")} label={t("dueDay")} min={today} testId="goal-due" />
        </div>
      </Field>
      <Field label={t("note")}>
        <Input value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} data-testid="goal-note" />
      </Field>
      <div className="flex gap-2 sm:col-span-2">
        <Button type="submit" loading={pending} data-testid="goal-save">
          {goal ? t("save") : t("create")}
        </Button>
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel}>
            {t("cancel")}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
