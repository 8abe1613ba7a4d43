import { boolean, date, doublePrecision, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { ALERT_CHANNELS, ALERT_DELIVERY_STATUSES, type AlertCondition } from "@/lib/contracts/alerts";
import { DIGEST_KINDS } from "@/lib/contracts/digest";
import { ENTITY_KINDS } from "@/lib/contracts/entity-kinds";
import { createdAt, idColumn, orgIdColumn, tsColumn, updatedAt } from "./_columns";
import { users } from "./auth";
import { organisations } from "./orgs";

/**
 * Where alerts (and, through the same sender, digests) go: a generic webhook, a Feishu / WeCom /
 * DingTalk group bot, or a mailbox. Secrets are AES-GCM ciphertexts (server/sync/secrets.ts):
 * the webhook's own generated HMAC key, or the bot's signing secret.
 */
export const alertEndpoints = pgTable(
  "alert_endpoints",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    id: idColumn(),
    name: text("name").notNull(),
    channel: text("channel", { enum: ALERT_CHANNELS }).notNull(),
    /** The URL of a webhook or bot; the address of a mailbox. */
    target: text("target").notNull(),
    secretEncrypted: text("secret_encrypted"),
    enabled: boolean("enabled").notNull().default(true),
    /** Which of the daily brief and weekly digest this endpoint also receives (a team's group bot, say). */
    digestKinds: text("digest_kinds", { enum: DIGEST_KINDS }).array().notNull().default(sql`'{}'::text[]`),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

/** A rule: its canonical text and parsed condition, optionally limited to one shop or creator account. */
export const alertRules = pgTable(
  "alert_rules",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    id: idColumn(),
    name: text("name").notNull(),
    ruleText: text("rule_text").notNull(),
    condition: jsonb("condition").$type<AlertCondition>().notNull(),
    entityKind: text("entity_kind", { enum: ENTITY_KINDS }),
    entityId: uuid("entity_id"),
    enabled: boolean("enabled").notNull().default(true),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

export const alertRuleEndpoints = pgTable(
  "alert_rule_endpoints",
  {
    orgId: orgIdColumn(),
    ruleId: uuid("rule_id").notNull(),
    endpointId: uuid("endpoint_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.ruleId, t.endpointId] }),
    index("alert_rule_endpoints_endpoint").on(t.orgId, t.endpointId),
    foreignKey({ columns: [t.orgId, t.ruleId], foreignColumns: [alertRules.orgId, alertRules.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.orgId, t.endpointId], foreignColumns: [alertEndpoints.orgId, alertEndpoints.id] }).onDelete("cascade"),
  ],
);

/**
 * Whether a rule currently holds for an entity: it fires when it starts to hold and again only
 * after it has cleared, so a flapping score does not send the same alert every day.
 */
export const alertStates = pgTable(
  "alert_states",
  {
    orgId: orgIdColumn(),
    ruleId: uuid("rule_id").notNull(),
    entityKind: text("entity_kind", { enum: ENTITY_KINDS }).notNull(),
    entityId: uuid("entity_id").notNull(),
    active: boolean("active").notNull(),
    value: doublePrecision("value"),
    day: date("day", { mode: "string" }).notNull(),
    firedAt: tsColumn("fired_at"),
    clearedAt: tsColumn("cleared_at"),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.ruleId, t.entityKind, t.entityId] }),
    foreignKey({ columns: [t.orgId, t.ruleId], foreignColumns: [alertRules.orgId, alertRules.id] }).onDelete("cascade"),
  ],
);

/** One message to one endpoint or member mailbox: the delivery log administrators read. */
export const alertDeliveries = pgTable(
  "alert_deliveries",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    id: idColumn(),
    /** Null for messages that are not alerts (a test message, a digest). */
    ruleId: uuid("rule_id"),
    endpointId: uuid("endpoint_id"),
    /** A member's own e-mail. */
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    channel: text("channel", { enum: ALERT_CHANNELS }).notNull(),
    entityKind: text("entity_kind", { enum: ENTITY_KINDS }),
    entityId: uuid("entity_id"),
    day: date("day", { mode: "string" }),
    /** The channel-neutral message (server/alerts/message.ts) and the alert facts the webhook body carries. */
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: ALERT_DELIVERY_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    httpStatus: integer("http_status"),
    error: text("error"),
    createdAt: createdAt(),
    sentAt: tsColumn("sent_at"),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index("alert_deliveries_org_created").on(t.orgId, t.createdAt)],
);

/** A member's choices: which channels, which rules muted, and how each group bot @-mentions them. */
export const alertMemberPreferences = pgTable(
  "alert_member_preferences",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    inApp: boolean("in_app").notNull().default(true),
    email: boolean("email").notNull().default(false),
    mutedRuleIds: jsonb("muted_rule_ids").$type<string[]>().notNull().default([]),
    feishuMention: text("feishu_mention"),
    wecomMention: text("wecom_mention"),
    dingtalkMention: text("dingtalk_mention"),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] })],
);
