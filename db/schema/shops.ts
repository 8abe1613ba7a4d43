import {
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
import { createdAt, idColumn, orgIdColumn, tsColumn, updatedAt } from "./_columns";
import { categories } from "./catalog";
import { memberships, organisations } from "./orgs";

export const shops = pgTable(
  "shops",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    id: idColumn(),
    platform: text("platform", { enum: PLATFORMS }).notNull().default("douyin"),
    externalId: text("external_id").notNull(),
    name: text("name").notNull(),
    categoryCode: text("category_code")
      .notNull()
      .references(() => categories.code),
    openedAt: date("opened_at", { mode: "string" }),
    ruleSet: text("rule_set").notNull().default("douyin-shop-v1"),
    /** Bumped whenever this shop's roll-ups are rebuilt; cached day values record the version they saw. */
    rollupVersion: integer("rollup_version").notNull().default(0),
    archivedAt: tsColumn("archived_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("shops_external").on(t.orgId, t.platform, t.externalId),
    index("shops_org_category").on(t.orgId, t.categoryCode),
  ],
);

export const creators = pgTable(
  "creators",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    id: idColumn(),
    platform: text("platform", { enum: PLATFORMS }).notNull().default("douyin"),
    /** The platform's author id (达人ID) that orders carry in author_id. */
    externalId: text("external_id").notNull(),
    handle: text("handle"),
    name: text("name").notNull(),
    categoryCode: text("category_code")
      .notNull()
      .references(() => categories.code),
    ruleSet: text("rule_set").notNull().default("douyin-creator-v1"),
    rollupVersion: integer("rollup_version").notNull().default(0),
    archivedAt: tsColumn("archived_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("creators_external").on(t.orgId, t.platform, t.externalId),
    index("creators_org_category").on(t.orgId, t.categoryCode),
  ],
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
