import { and, eq, inArray, sql } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import type { DbHandle, Tx } from "@/db/client";
import { alertDeliveries, alertEndpoints, alertRuleEndpoints, alertRules, alertStates, memberships, membershipShopGrants, organisations, users } from "@/db/schema";
import { DEFAULT_ALERT_PREFERENCES, type AlertChannel, type AlertConditionKind } from "@/lib/contracts/alerts";
import type { EntityKind } from "@/lib/contracts/entity-kinds";
import { isLocale, type Locale } from "@/lib/contracts/locales";
import { withTenant } from "@/server/db/tenant";
import { logger } from "@/server/lib/logger";
import type { Day } from "@/server/lib/time";
import { notify, type NewNotification } from "@/server/notifications/service";
import { alertLine, alertMessage, entityPath, type FiredAlert } from "./alert-message";
import { KindReadings } from "./conditions";
import { alertQueue, dispatchDeliveries, type AttemptResult, type DeliveryPayload } from "./deliveries";
import type { MessageMention } from "./message";
import { preferencesByMember } from "./preferences";

export type EvaluateOptions = {
  /** Deliver through this queue; default: the process's running alert workers, else inline. */
  boss?: PgBoss | null;
  /** Only rules of these kinds (an import or sync failure evaluates only the rules about failures). */
  only?: readonly AlertConditionKind[];
};

/** One message to an endpoint or a member's mailbox, as `koubei alert evaluate` prints it. */
export type AlertDeliveryRecord = {
  delivery: string;
  rule: string;
  ruleId: string;
  channel: AlertChannel;
  endpoint: string | null;
  user: string | null;
  entity: { kind: EntityKind; id: string; externalId: string };
  shop?: { id: string; externalId: string };
  creator?: { id: string; externalId: string };
  value: number | null;
  date: Day;
  status: "sent" | "failed" | "pending" | "queued";
  attempts: number;
  httpStatus: number | null;
};

type Member = { userId: string; email: string; name: string | null; locale: Locale; limited: boolean; grants: Set<string> };

async function orgMembers(tx: Tx, orgId: string): Promise<Member[]> {
  const rows = await tx
    .select({ userId: memberships.userId, limited: memberships.limitedToGrants, email: users.email, name: users.name, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId));
  const grants = await tx.select().from(membershipShopGrants).where(eq(membershipShopGrants.orgId, orgId));
  return rows.map((r) => ({
    userId: r.userId,
    email: r.email,
    name: r.name,
    locale: isLocale(r.locale) ? r.locale : "zh-CN",
    limited: r.limited,
    grants: new Set(grants.filter((g) => g.userId === r.userId).map((g) => g.shopId)),
  }));
}

/** A limited member hears only of the shops granted to them, never of creator accounts (as they see them). */
const memberSees = (member: Member, alert: FiredAlert) => !member.limited || (alert.entity.kind === "shop" && member.grants.has(alert.entity.id));

type Pending = { deliveryId: string; alert: FiredAlert; channel: AlertChannel; endpointId: string | null; userId: string | null };

/**
 * Evaluates the organisation's enabled rules against its stored data of `day`, updates each
 * (rule, entity) state, and sends what newly fired: a rule fires when it starts to hold and again
 * only after it has cleared. In-app notifications are written with the states; endpoint and
 * e-mail deliveries are logged there too, then handed to the queue (or sent inline).
 */
export async function evaluateAlerts(handle: DbHandle, orgId: string, day: Day, options: EvaluateOptions = {}): Promise<AlertDeliveryRecord[]> {
  const pending = await withTenant(handle, { orgId }, (tx) => evaluateInTransaction(tx, orgId, day, options));
  if (pending.length === 0) return [];
  const boss = options.boss === undefined ? alertQueue() : options.boss;
  const results = await dispatchDeliveries(handle, orgId, pending.map((p) => p.deliveryId), boss);
  return pending.map((p) => toRecord(p, results.get(p.deliveryId) ?? null, day));
}

/** After a rescore or a failed import: alerts never fail the work that triggered them; a problem is logged. */
export async function evaluateAlertsQuietly(handle: DbHandle, orgId: string, day: Day, options: EvaluateOptions = {}): Promise<void> {
  try {
    await evaluateAlerts(handle, orgId, day, options);
  } catch (error) {
    logger.error({ err: error, orgId, day }, "alert evaluation failed");
  }
}

function toRecord(p: Pending, result: AttemptResult | null, day: Day): AlertDeliveryRecord {
  const entity = { id: p.alert.entity.id, externalId: p.alert.entity.externalId };
  return {
    delivery: p.deliveryId,
    rule: p.alert.rule.ruleText,
    ruleId: p.alert.rule.id,
    channel: p.channel,
    endpoint: p.endpointId,
    user: p.userId,
    entity: { kind: p.alert.entity.kind, ...entity },
    [p.alert.entity.kind]: entity,
    value: p.alert.verdict.value,
    date: day,
    status: result ? result.status : "queued",
    attempts: result?.attempts ?? 0,
    httpStatus: result?.httpStatus ?? null,
  };
}

async function evaluateInTransaction(tx: Tx, orgId: string, day: Day, options: EvaluateOptions): Promise<Pending[]> {
  const rules = (await tx.select().from(alertRules).where(and(eq(alertRules.orgId, orgId), eq(alertRules.enabled, true)))).filter(
    (r) => !options.only || options.only.includes(r.condition.kind),
  );
  if (rules.length === 0) return [];
  const ruleIds = rules.map((r) => r.id);
  const states = new Map(
    (await tx.select().from(alertStates).where(and(eq(alertStates.orgId, orgId), inArray(alertStates.ruleId, ruleIds)))).map((s) => [`${s.ruleId}|${s.entityKind}|${s.entityId}`, s]),
  );
  const readings = new Map<EntityKind, Promise<KindReadings>>();
  const readingsOf = (kind: EntityKind) => {
    let found = readings.get(kind);
    if (!found) {
      found = KindReadings.load(tx, orgId, kind, day);
      readings.set(kind, found);
    }
    return found;
  };

  const fired: FiredAlert[] = [];
  const now = new Date();
  for (const rule of rules) {
    const kinds: EntityKind[] = rule.entityKind ? [rule.entityKind] : ["shop", "creator"];
    for (const kind of kinds) {
      const kindReadings = await readingsOf(kind);
      const verdicts = await kindReadings.verdicts(rule.condition);
      for (const entity of kindReadings.entities) {
        if (rule.entityId && entity.id !== rule.entityId) continue;
        const verdict = verdicts.get(entity.id);
        if (!verdict || verdict.matched === null) continue;
        const state = states.get(`${rule.id}|${kind}|${entity.id}`);
        const key = { orgId, ruleId: rule.id, entityKind: kind, entityId: entity.id };
        if (verdict.matched && !state?.active) {
          fired.push({ rule, entity, verdict, day });
          await tx
            .insert(alertStates)
            .values({ ...key, active: true, value: verdict.value, day, firedAt: now })
            .onConflictDoUpdate({ target: [alertStates.orgId, alertStates.ruleId, alertStates.entityKind, alertStates.entityId], set: { active: true, value: verdict.value, day, firedAt: now, clearedAt: null } });
        } else if (!verdict.matched && state?.active) {
          await tx
            .update(alertStates)
            .set({ active: false, value: verdict.value, day, clearedAt: now })
            .where(and(eq(alertStates.orgId, orgId), eq(alertStates.ruleId, rule.id), eq(alertStates.entityKind, kind), eq(alertStates.entityId, entity.id)));
        }
      }
    }
  }
  if (fired.length === 0) return [];
  return recordFired(tx, orgId, fired);
}

async function recordFired(tx: Tx, orgId: string, fired: FiredAlert[]): Promise<Pending[]> {
  const [org] = await tx.select({ locale: organisations.locale }).from(organisations).where(eq(organisations.orgId, orgId));
  const orgLocale: Locale = org && isLocale(org.locale) ? org.locale : "zh-CN";
  const members = await orgMembers(tx, orgId);
  const preferences = await preferencesByMember(tx, orgId);
  const prefsOf = (userId: string) => preferences.get(userId) ?? DEFAULT_ALERT_PREFERENCES;
  const links = await tx
    .select({ ruleId: alertRuleEndpoints.ruleId, endpointId: alertEndpoints.id, channel: alertEndpoints.channel })
    .from(alertRuleEndpoints)
    .innerJoin(alertEndpoints, and(eq(alertEndpoints.orgId, alertRuleEndpoints.orgId), eq(alertEndpoints.id, alertRuleEndpoints.endpointId)))
    .where(and(eq(alertRuleEndpoints.orgId, orgId), eq(alertEndpoints.enabled, true), inArray(alertRuleEndpoints.ruleId, [...new Set(fired.map((f) => f.rule.id))])));

  const pending: Pending[] = [];
  const notes: NewNotification[] = [];
  const insertDelivery = async (alert: FiredAlert, channel: AlertChannel, endpointId: string | null, userId: string | null, payload: DeliveryPayload) => {
    const [row] = await tx
      .insert(alertDeliveries)
      .values({ orgId, ruleId: alert.rule.id, endpointId, userId, channel, entityKind: alert.entity.kind, entityId: alert.entity.id, day: alert.day, payload: payload as unknown as Record<string, unknown> })
      .returning({ id: alertDeliveries.id });
    if (row) pending.push({ deliveryId: row.id, alert, channel, endpointId, userId });
  };

  for (const alert of fired) {
    const owner = alert.entity.ownerUserId ? members.find((m) => m.userId === alert.entity.ownerUserId) : undefined;
    const ownerPrefs = owner ? prefsOf(owner.userId) : null;
    const mentions: MessageMention[] =
      owner && ownerPrefs ? [{ name: owner.name ?? owner.email, feishu: ownerPrefs.feishuMention, wecom: ownerPrefs.wecomMention, dingtalk: ownerPrefs.dingtalkMention }] : [];
    for (const link of links.filter((l) => l.ruleId === alert.rule.id)) {
      await insertDelivery(alert, link.channel, link.endpointId, null, { message: alertMessage(orgId, alert, orgLocale, mentions) });
    }
    for (const member of members) {
      const prefs = prefsOf(member.userId);
      if (prefs.mutedRuleIds.includes(alert.rule.id) || !memberSees(member, alert)) continue;
      if (prefs.inApp) {
        const line = alertLine(alert);
        notes.push({ orgId, userId: member.userId, kind: "alert", messageKey: line.key, params: line.params, link: entityPath(orgId, alert.entity) });
      }
      if (prefs.email) await insertDelivery(alert, "email", null, member.userId, { message: alertMessage(orgId, alert, member.locale, []), to: member.email });
    }
  }
  await notify(tx, notes);
  return pending;
}

/** Entities of the day without a stored score, so `koubei alert evaluate` scores the day first only when it must. */
export async function unscoredEntityCount(tx: Tx, orgId: string, kind: EntityKind, day: Day): Promise<number> {
  const table = kind === "shop" ? "shops" : "creators";
  const result = await tx.execute<{ n: number }>(sql`
    select count(*)::int as n from ${sql.identifier(table)} e
    where e.org_id = ${orgId} and e.archived_at is null
      and not exists (select 1 from score_snapshots s where s.org_id = e.org_id and s.entity_kind = ${kind} and s.entity_id = e.id and s.rule_set = e.rule_set and s.day = ${day})`);
  const rows = Array.isArray(result) ? (result as { n: number }[]) : ((result as { rows?: { n: number }[] }).rows ?? []);
  return rows[0]?.n ?? 0;
}
