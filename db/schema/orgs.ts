import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, idColumn, orgIdColumn, tsColumn } from "./_columns";
import { ROLES } from "@/lib/contracts/members";
import { ORG_KINDS } from "@/lib/contracts/orgs";
import { users } from "./auth";

/** The tenant root: its own key is named org_id so the RLS policy is the same as everywhere else. */
export const organisations = pgTable("organisations", {
  orgId: uuid("org_id")
    .primaryKey()
    .default(sql`gen_random_uuid()`),
  name: text("name").notNull(),
  kind: text("kind", { enum: ORG_KINDS }).notNull().default("brand"),
  /** Takes part in cross-organisation peer cohorts (only counts and percentiles leave the org). */
  benchmarking: boolean("benchmarking").notNull().default(true),
  /** The demo organisation: its cohorts never mix with real organisations' (scoring.md §5). */
  demo: boolean("demo").notNull().default(false),
  locale: text("locale").notNull().default("zh-CN"),
  /** The rule set the organisation's new shops start with (the browser's sign-up suggests today's rules). */
  defaultShopRuleSet: text("default_shop_rule_set").notNull().default("douyin-shop-v1"),
  createdAt: createdAt(),
});

export const memberships = pgTable(
  "memberships",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ROLES }).notNull(),
    /** When true the member sees only the shops granted in membership_shop_grants. */
    limitedToGrants: boolean("limited_to_grants").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] }), index("memberships_user").on(t.userId)],
);

export const invitations = pgTable(
  "invitations",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    id: idColumn(),
    email: text("email"),
    role: text("role", { enum: ROLES }).notNull(),
    /** Shop ids the invitee is limited to; empty means every shop of the org. */
    shopIds: jsonb("shop_ids").$type<string[]>().notNull().default([]),
    tokenHash: text("token_hash").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: tsColumn("expires_at").notNull(),
    acceptedAt: tsColumn("accepted_at"),
    acceptedBy: uuid("accepted_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: tsColumn("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex("invitations_token").on(t.orgId, t.tokenHash)],
);

export const auditLog = pgTable(
  "audit_log",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    id: idColumn(),
    actorUserId: uuid("actor_user_id"),
    action: text("action").notNull(),
    target: text("target"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    at: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index("audit_log_org_at").on(t.orgId, t.at)],
);
