"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { FormError } from "@/components/forms/form-error";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ALERT_CONDITION_KINDS, ALERT_METRICS, ALERT_OPERATORS, formatAlertRule, parseAlertRule, type AlertCondition, type AlertConditionKind } from "@/lib/contracts/alerts";
import { useTRPC } from "@/lib/trpc-client";

export type RuleDraft = { name: string; rule: string; entity: { kind: "shop" | "creator"; id: string } | null; endpointIds: string[]; enabled: boolean };

type Parts = { kind: AlertConditionKind; metric: string; op: string; value: string; days: string; indicator: string };

function partsOf(condition: AlertCondition | null): Parts {
  const parts: Parts = { kind: "threshold", metric: "overall", op: "<", value: "4.6", days: "7", indicator: "quality_return_rate" };
  if (!condition) return parts;
  const c = condition as Record<string, unknown>;
  return {
    kind: condition.kind,
    metric: typeof c.metric === "string" ? c.metric : parts.metric,
    op: typeof c.op === "string" ? c.op : parts.op,
    value: typeof c.value === "number" ? String(c.value) : typeof c.by === "number" ? String(c.by) : parts.value,
    days: typeof c.days === "number" ? String(c.days) : parts.days,
    indicator: typeof c.indicator === "string" ? c.indicator : parts.indicator,
  };
}

/** The rule text the parts say, in the one rule language (parsed back, so what is saved is what is shown). */
function ruleTextOf(parts: Parts): string {
  const value = parts.value.trim();
  const text = {
    threshold: `${parts.metric}${parts.op}${value}`,
    drop: `${parts.metric} drop>${value} in ${parts.days}d`,
    forecast: `forecast ${parts.metric}${parts.op}${value} within ${parts.days}d`,
    indicator: `indicator ${parts.indicator.trim()}${parts.op}${value}`,
    import_failed: "import failed",
    sync_failed: "sync failed",
    stale: `stale>${parts.days}d`,
  }[parts.kind];
  const parsed = parseAlertRule(text);
  return parsed ? formatAlertRule(parsed) : text;
}

/** The rule builder: a kind, its parts, the scope (every entity or one) and the endpoints; the rule text is shown as it will be saved. */
export function RuleBuilder({
  initial,
  endpoints,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initial: RuleDraft | null;
  endpoints: readonly { id: string; name: string }[];
  pending: boolean;
  error: string | null;
  onSubmit: (draft: RuleDraft) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("alerts");
  const trpc = useTRPC();
  const [name, setName] = useState(initial?.name ?? "");
  const [parts, setParts] = useState<Parts>(partsOf(initial ? parseAlertRule(initial.rule) : null));
  const [scope, setScope] = useState<"all" | "shop" | "creator">(initial?.entity?.kind ?? "all");
  const [entityId, setEntityId] = useState(initial?.entity?.id ?? "");
  const [endpointIds, setEndpointIds] = useState<string[]>(initial?.endpointIds ?? []);
  const [enabled, setEnabled] = useState(initial?.enabled ?? true);
  const shops = useQuery({ ...trpc.shops.list.queryOptions({}), enabled: scope === "shop" });
  const creators = useQuery({ ...trpc.creators.list.queryOptions({}), enabled: scope === "creator" });
  const entities = (scope === "shop" ? shops.data : scope === "creator" ? creators.data : []) ?? [];
  const rule = ruleTextOf(parts);
  const valid = parseAlertRule(rule) !== null && name.trim().length > 0 && (scope === "all" || entityId !== "");
  const set = (patch: Partial<Parts>) => setParts((p) => ({ ...p, ...patch }));
  const usesMetric = ["threshold", "drop", "forecast"].includes(parts.kind);
  const usesOp = ["threshold", "forecast", "indicator"].includes(parts.kind);
  const usesValue = ["threshold", "drop", "forecast", "indicator"].includes(parts.kind);
  const usesDays = ["drop", "forecast", "stale"].includes(parts.kind);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!valid) return;
    onSubmit({ name: name.trim(), rule, entity: scope === "all" ? null : { kind: scope, id: entityId }, endpointIds, enabled });
  }

  return (
    <Card title={initial ? t("rules.edit") : t("rules.new")} testId="rule-builder">
      <form onSubmit={submit} className="grid gap-4 sm:grid-cols-2" noValidate>
        <Field label={t("rules.name")}>
          <Input name="name" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} data-testid="rule-name" />
        </Field>
        <Field label={t("rules.kind")}>
          <Select name="kind" value={parts.kind} options={ALERT_CONDITION_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} onChange={(e) => set({ kind: e.target.value as AlertConditionKind })} data-testid="rule-kind" />
        </Field>
        {usesMetric ? (
          <Field label={t("rules.metric")}>
            <Select name="metric" value={parts.metric} options={ALERT_METRICS.map((m) => ({ value: m, label: t(`metrics.${m}`) }))} onChange={(e) => set({ metric: e.target.value })} data-testid="rule-metric" />
          </Field>
        ) : null}
        {parts.kind === "indicator" ? (
          <Field label={t("rules.indicator")} hint={t("rules.indicatorHint")}>
            <Input name="indicator" value={parts.indicator} onChange={(e) => set({ indicator: e.target.value })} />
          </Field>
        ) : null}
        {usesOp ? (
          <Field label={t("rules.operator")}>
            <Select name="op" value={parts.op} options={ALERT_OPERATORS.map((o) => ({ value: o, label: o }))} onChange={(e) => set({ op: e.target.value })} data-testid="rule-op" />
          </Field>
        ) : null}
        {usesValue ? (
          <Field label={parts.kind === "drop" ? t("rules.dropBy") : t("rules.value")}>
            <Input name="value" inputMode="decimal" value={parts.value} onChange={(e) => set({ value: e.target.value })} data-testid="rule-value" />
          </Field>
        ) : null}
        {usesDays ? (
          <Field label={t("rules.days")}>
            <Input name="days" inputMode="numeric" value={parts.days} onChange={(e) => set({ days: e.target.value })} />
          </Field>
        ) : null}
        <Field label={t("rules.scope")}>
          <Select
            name="scope"
            value={scope}
            options={[
              { value: "all", label: t("rules.scopeAll") },
              { value: "shop", label: t("rules.scopeShop") },
              { value: "creator", label: t("rules.scopeCreator") },
            ]}
            onChange={(e) => {
              setScope(e.target.value as "all" | "shop" | "creator");
              setEntityId("");
            }}
          />
        </Field>
        {scope !== "all" ? (
          <Field label={scope === "shop" ? t("rules.scopeShop") : t("rules.scopeCreator")}>
            <Select name="entity" value={entityId} placeholder={t("rules.choose")} options={entities.map((e) => ({ value: e.id, label: e.name }))} onChange={(e) => setEntityId(e.target.value)} />
          </Field>
        ) : null}
        <fieldset className="sm:col-span-2">
          <legend className="mb-1 text-sm font-medium text-zinc-800">{t("rules.sendTo")}</legend>
          <p className="mb-2 text-xs text-zinc-500">{t("rules.sendToHint")}</p>
          <div className="flex flex-wrap gap-3">
            {endpoints.map((endpoint) => (
              <label key={endpoint.id} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  className="size-4 accent-rose-600"
                  checked={endpointIds.includes(endpoint.id)}
                  onChange={(e) => setEndpointIds((ids) => (e.target.checked ? [...ids, endpoint.id] : ids.filter((id) => id !== endpoint.id)))}
                />
                {endpoint.name}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="flex items-center gap-2 text-sm sm:col-span-2">
          <input type="checkbox" className="size-4 accent-rose-600" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          {t("rules.enabled")}
        </label>
        <p className="text-sm text-zinc-600 sm:col-span-2">
          {t("rules.preview")} <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-zinc-900" data-testid="rule-preview">{rule}</code>
        </p>
        <div className="sm:col-span-2">
          <FormError message={error} />
        </div>
        <div className="flex justify-end gap-2 sm:col-span-2">
          <Button type="button" variant="secondary" onClick={onCancel}>
            {t("rules.cancel")}
          </Button>
          <Button type="submit" loading={pending} disabled={!valid} data-testid="rule-save">
            {t("rules.save")}
          </Button>
        </div>
      </form>
    </Card>
  );
}
