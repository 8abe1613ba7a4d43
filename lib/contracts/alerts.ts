import { z } from "zod";
import { DIGEST_KINDS } from "./digest";
import { nameSchema, uuidSchema } from "./common";
import { ENTITY_KINDS } from "./entity-kinds";

/**
 * Alert rules (issue 18): one small language shared by the rule builder, the procedures and the
 * CLI (`koubei alert create --rule "overall<4.6"`). A rule is stored as its canonical text and as
 * the parsed condition. Client-safe: zod only.
 *
 *   overall<4.6 · product>=4.8              a score or dimension on the other side of a number
 *   overall drop>0.3 in 7d                  fell by more than 0.3 against 7 days before
 *   forecast overall<4.6 within 7d          the stored forecast is on that side within 7 days
 *   indicator quality_return_rate>0.02      an indicator value beyond a bound
 *   import failed · sync failed             the latest import (or sync run) of the entity failed
 *   stale>3d                                no facts for more than 3 days
 */

export const ALERT_METRICS = ["overall", "product", "logistics", "service"] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];
export const ALERT_OPERATORS = ["<", "<=", ">", ">="] as const;
export type AlertOperator = (typeof ALERT_OPERATORS)[number];
export const ALERT_CONDITION_KINDS = ["threshold", "drop", "forecast", "indicator", "import_failed", "sync_failed", "stale"] as const;
export type AlertConditionKind = (typeof ALERT_CONDITION_KINDS)[number];

const metric = z.enum(ALERT_METRICS);
const operator = z.enum(ALERT_OPERATORS);
const bound = z.number().finite();
const days = z.number().int().min(1).max(90);

export const alertConditionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("threshold"), metric, op: operator, value: bound }),
  z.object({ kind: z.literal("drop"), metric, by: z.number().finite().positive(), days }),
  z.object({ kind: z.literal("forecast"), metric, op: operator, value: bound, days }),
  z.object({ kind: z.literal("indicator"), indicator: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/), op: operator, value: bound }),
  z.object({ kind: z.literal("import_failed") }),
  z.object({ kind: z.literal("sync_failed") }),
  z.object({ kind: z.literal("stale"), days }),
]);
export type AlertCondition = z.infer<typeof alertConditionSchema>;

const NUMBER = String.raw`(-?\d+(?:\.\d+)?)`;
const OP = String.raw`(<=|>=|<|>)`;
const METRIC = `(${ALERT_METRICS.join("|")})`;
const DAYS = String.raw`(\d{1,2})\s*d`;
const GRAMMAR: { pattern: RegExp; build: (m: string[]) => unknown }[] = [
  { pattern: new RegExp(`^${METRIC}\\s*${OP}\\s*${NUMBER}$`), build: (m) => ({ kind: "threshold", metric: m[1], op: m[2], value: Number(m[3]) }) },
  { pattern: new RegExp(`^${METRIC}\\s+drop\\s*>\\s*${NUMBER}\\s+in\\s+${DAYS}$`), build: (m) => ({ kind: "drop", metric: m[1], by: Number(m[2]), days: Number(m[3]) }) },
  {
    pattern: new RegExp(`^forecast\\s+${METRIC}\\s*${OP}\\s*${NUMBER}\\s+within\\s+${DAYS}$`),
    build: (m) => ({ kind: "forecast", metric: m[1], op: m[2], value: Number(m[3]), days: Number(m[4]) }),
  },
  { pattern: new RegExp(`^indicator\\s+([a-z][a-z0-9_]*)\\s*${OP}\\s*${NUMBER}$`), build: (m) => ({ kind: "indicator", indicator: m[1], op: m[2], value: Number(m[3]) }) },
  { pattern: /^import\s+failed$/, build: () => ({ kind: "import_failed" }) },
  { pattern: /^sync\s+failed$/, build: () => ({ kind: "sync_failed" }) },
  { pattern: new RegExp(`^stale\\s*>\\s*${DAYS}$`), build: (m) => ({ kind: "stale", days: Number(m[1]) }) },
];

/** The condition a rule text says, or null when it is not in the language. */
export function parseAlertRule(text: string): AlertCondition | null {
  const normalised = text.trim().toLowerCase().replace(/\s+/g, " ").replace(/＜/g, "<").replace(/＞/g, ">");
  for (const { pattern, build } of GRAMMAR) {
    const match = pattern.exec(normalised);
    if (!match) continue;
    const parsed = alertConditionSchema.safeParse(build([...match]));
    return parsed.success ? parsed.data : null;
  }
  return null;
}

/** The canonical text of a condition: what is stored, shown and sent as `rule`. */
export function formatAlertRule(condition: AlertCondition): string {
  switch (condition.kind) {
    case "threshold":
      return `${condition.metric}${condition.op}${condition.value}`;
    case "drop":
      return `${condition.metric} drop>${condition.by} in ${condition.days}d`;
    case "forecast":
      return `forecast ${condition.metric}${condition.op}${condition.value} within ${condition.days}d`;
    case "indicator":
      return `indicator ${condition.indicator}${condition.op}${condition.value}`;
    case "import_failed":
      return "import failed";
    case "sync_failed":
      return "sync failed";
    case "stale":
      return `stale>${condition.days}d`;
  }
}

export function compareAlertValue(value: number, op: AlertOperator, bound: number): boolean {
  switch (op) {
    case "<":
      return value < bound;
    case "<=":
      return value <= bound;
    case ">":
      return value > bound;
    case ">=":
      return value >= bound;
  }
}

/** A rule text in the language, parsed; refused with a message key otherwise. */
export const alertRuleTextSchema = z
  .string()
  .max(200, { message: "errors.tooLong" })
  .transform((text, ctx) => {
    const condition = parseAlertRule(text);
    if (!condition) {
      ctx.addIssue({ code: "custom", message: "errors.alerts.badRule" });
      return z.NEVER;
    }
    return condition;
  });

/** Channels of shared endpoints; in-app and e-mail to members are each member's own choice. */
export const ALERT_CHANNELS = ["webhook", "feishu", "wecom", "dingtalk", "email"] as const;
export type AlertChannel = (typeof ALERT_CHANNELS)[number];
/** Channels whose platform signs with a secret the user copies from the bot's settings. */
export const CHANNELS_WITH_BOT_SECRET: readonly AlertChannel[] = ["feishu", "dingtalk"];

const httpUrl = z
  .string()
  .trim()
  .max(2000, { message: "errors.tooLong" })
  .refine((s) => /^https?:\/\/[^\s]+$/i.test(s) && URL.canParse(s), { message: "errors.alerts.badUrl" });

export const alertEndpointInputSchema = z
  .object({
    name: nameSchema(80),
    channel: z.enum(ALERT_CHANNELS),
    /** The webhook or bot URL; for e-mail, the address. */
    target: z.string().trim().min(1, { message: "errors.required" }).max(2000, { message: "errors.tooLong" }),
    /** Feishu / DingTalk signing secret from the bot's settings (webhooks get one generated). */
    botSecret: z.string().trim().max(200, { message: "errors.tooLong" }).optional(),
    /** Also send the organisation's daily brief / weekly digest here. */
    digestKinds: z.array(z.enum(DIGEST_KINDS)).max(DIGEST_KINDS.length).default([]),
  })
  .superRefine((input, ctx) => {
    const ok = input.channel === "email" ? z.email().safeParse(input.target).success : httpUrl.safeParse(input.target).success;
    if (!ok) ctx.addIssue({ code: "custom", path: ["target"], message: input.channel === "email" ? "errors.email" : "errors.alerts.badUrl" });
  });
export type AlertEndpointInput = z.infer<typeof alertEndpointInputSchema>;

export const alertEndpointUpdateSchema = z.object({
  id: uuidSchema,
  name: nameSchema(80).optional(),
  target: z.string().trim().min(1).max(2000).optional(),
  enabled: z.boolean().optional(),
  digestKinds: z.array(z.enum(DIGEST_KINDS)).max(DIGEST_KINDS.length).optional(),
});

export const alertRuleInputSchema = z.object({
  name: nameSchema(80),
  rule: alertRuleTextSchema,
  /** Limit the rule to one shop or creator account; absent = every entity of the organisation. */
  entity: z.object({ kind: z.enum(ENTITY_KINDS), id: uuidSchema }).nullable().optional(),
  endpointIds: z.array(uuidSchema).max(20).default([]),
  enabled: z.boolean().default(true),
});
export type AlertRuleInput = z.input<typeof alertRuleInputSchema>;

export const alertRuleUpdateSchema = z.object({
  id: uuidSchema,
  name: nameSchema(80).optional(),
  rule: alertRuleTextSchema.optional(),
  entity: z.object({ kind: z.enum(ENTITY_KINDS), id: uuidSchema }).nullable().optional(),
  endpointIds: z.array(uuidSchema).max(20).optional(),
  enabled: z.boolean().optional(),
});

/** What each member receives: in-app on by default, e-mail off; rules muted; their @-mention ids on each bot. */
export const alertPreferencesSchema = z.object({
  inApp: z.boolean(),
  email: z.boolean(),
  mutedRuleIds: z.array(uuidSchema).max(200),
  feishuMention: z.string().trim().max(100).nullable(),
  wecomMention: z.string().trim().max(100).nullable(),
  dingtalkMention: z.string().trim().max(100).nullable(),
});
export type AlertPreferences = z.infer<typeof alertPreferencesSchema>;
export const DEFAULT_ALERT_PREFERENCES: AlertPreferences = { inApp: true, email: false, mutedRuleIds: [], feishuMention: null, wecomMention: null, dingtalkMention: null };

export const ALERT_DELIVERY_STATUSES = ["pending", "sent", "failed"] as const;
export type AlertDeliveryStatus = (typeof ALERT_DELIVERY_STATUSES)[number];
