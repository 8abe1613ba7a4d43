import {
  type AnyPgColumn,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { PLATFORMS } from "@/lib/contracts/entity-kinds";
import { DEFAULT_STORE_TYPE, STORE_TYPES } from "@/lib/contracts/facts";
import { createdAt, idColumn, orgIdColumn, tsColumn, updatedAt } from "./_columns";
import { categories } from "./catalog";
import { memberships, organisations } from "./orgs";


/**
 * The columns shops and creator accounts share: server/entities serves both kinds through them,
 * so they are declared once. `rollupVersion` is bumped whenever the entity's roll-ups are rebuilt;
 * cached day values record the version they saw.
 */
const scoredEntityColumns = (defaultRuleSet: string) => ({
  orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
  id: idColumn(),
  platform: text("platform", { enum: PLATFORMS }).notNull().default("douyin"),
  /** The platform's id: the shop id, or the author id (达人ID) that orders carry in author_id. */
  externalId: text("external_id").notNull(),
  name: text("name").notNull(),
  /** What the organisation calls the entity among its own (a brand's nickname), beside the platform name. */
  alias: text("alias"),
  /** The member responsible for the entity; must be a member of the organisation (checked on write). */
  ownerUserId: uuid("owner_user_id"),
  categoryCode: text("category_code")
    .notNull()
    .references(() => categories.code),
  ruleSet: text("rule_set").notNull().default(defaultRuleSet),
  rollupVersion: integer("rollup_version").notNull().default(0),
  archivedAt: tsColumn("archived_at"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Tenant key, one row per platform id, and the category index the lists and cohorts use. */
const scoredEntityKeys =
  (table: "shops" | "creators") =>
  (t: { orgId: AnyPgColumn; id: AnyPgColumn; platform: AnyPgColumn; externalId: AnyPgColumn; categoryCode: AnyPgColumn }) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex(`${table}_external`).on(t.orgId, t.platform, t.externalId),
    index(`${table}_org_category`).on(t.orgId, t.categoryCode),
  ];

export const shops = pgTable(
  "shops",
  {
    ...scoredEntityColumns("douyin-shop-v1"),
    openedAt: date("opened_at", { mode: "string" }),
    /** 旗舰店 flagship, 专卖店 franchise, 专营店 specialty, else ordinary (the current rules' order-volume protection). */
    storeType: text("store_type", { enum: STORE_TYPES }).notNull().default(DEFAULT_STORE_TYPE),
  },
  scoredEntityKeys("shops"),
);

export const creators = pgTable(
  "creators",
  { ...scoredEntityColumns("douyin-creator-v1"), handle: text("handle") },
  scoredEntityKeys("creators"),
);

/** Limits a member (e.g. a client brand's viewer) to chosen shops of an agency. */
export const membershipShopGrants = pgTable(
  "membership_shop_grants",
  {
    orgId: orgIdColumn(),
    userId: uuid("user_id").notNull(),
    shopId: uuid("shop_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId, t.shopId] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [memberships.orgId, memberships.userId] }).onDelete(
      "cascade",
    ),
    foreignKey({ columns: [t.orgId, t.shopId], foreignColumns: [shops.orgId, shops.id] }).onDelete("cascade"),
  ],
);
