import type { AlertCondition } from "@/lib/contracts/alerts";
import type { Locale } from "@/lib/contracts/locales";
import { publicBaseUrl } from "@/server/mail/public-url";
import { findRuleSetView } from "@/server/scoring/rule-sets";
import { shownScoreOf } from "@/server/scoring/score-display";
import type { Verdict } from "./conditions";
import type { MessageMention, OutboundMessage } from "./message";
import type { AlertEntity } from "./readings";

export type FiredAlert = { rule: { id: string; name: string; ruleText: string; condition: AlertCondition }; entity: AlertEntity; verdict: Verdict; day: string };

/** A score as the rule set shows it (its decimals and rounding), so a message never disagrees with the page. */
function shownValue(alert: FiredAlert, value: number | null): string {
  if (value === null) return "";
  const ruleSet = findRuleSetView(alert.entity.ruleSet);
  const kind = alert.rule.condition.kind;
  if (ruleSet && (kind === "threshold" || kind === "forecast")) return String(shownScoreOf(ruleSet, value).shown);
  if (kind === "stale") return String(value);
  return String(Number(value.toPrecision(4)));
}

/** The key and parameters of the one line saying what happened (also the in-app notification's text). */
export function alertLine(alert: FiredAlert): { key: string; params: Record<string, string | number> } {
  const params: Record<string, string | number> = { ...alert.verdict.params, rule: alert.rule.name, entity: alert.entity.name, value: shownValue(alert, alert.verdict.value) };
  return { key: `alerts.message.${alert.rule.condition.kind}`, params };
}

export const entityPath = (orgId: string, entity: Pick<AlertEntity, "kind" | "id">) => `/o/${orgId}/${entity.kind === "shop" ? "shops" : "creators"}/${entity.id}`;

/** The facts a generic webhook's body carries: `shop` (or `creator`) with id and external id, rule, value, date. */
export function alertData(orgId: string, alert: FiredAlert): Record<string, unknown> {
  const entity = { id: alert.entity.id, externalId: alert.entity.externalId, name: alert.entity.name };
  return {
    event: "alert.fired",
    orgId,
    [alert.entity.kind]: entity,
    entity: { kind: alert.entity.kind, ...entity },
    rule: alert.rule.ruleText,
    ruleId: alert.rule.id,
    ruleName: alert.rule.name,
    value: alert.verdict.value,
    date: alert.day,
  };
}

export function alertMessage(orgId: string, alert: FiredAlert, locale: Locale, mentions: MessageMention[]): OutboundMessage {
  return {
    locale,
    title: { key: "alerts.message.title", params: { rule: alert.rule.name } },
    lines: [alertLine(alert), { key: "alerts.message.day", params: { date: alert.day, rule: alert.rule.ruleText } }],
    link: `${publicBaseUrl()}${entityPath(orgId, alert.entity)}`,
    mentions,
    data: alertData(orgId, alert),
  };
}
