import { date, doublePrecision, foreignKey, index, jsonb, pgTable, primaryKey, smallint, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { CARD_FIELDS, SHORTLIST_STATUSES, TRENDS } from "@/lib/contracts/directory";
import { ENTITY_KINDS } from "@/lib/contracts/entity-kinds";
import { createdAt, idColumn, orgIdColumn, tsColumn, updatedAt } from "./_columns";
import { users } from "./auth";
import { organisations } from "./orgs";

/** One indicator as a card shows it: the explanation's value and peer percentile. */
export type CardIndicator = { code: string; nameZh: string; nameEn: string; value: number; percentile: number | null };

/**
 * The values a card shows for one day. Only the fields the owner published are ever written; the
 * others stay null, so nothing hidden is stored where other organisations read (ADR 0012).
 */
const cardValueColumns = () => ({
  day: date("day", { mode: "string" }).notNull(),
  overall: doublePrecision("overall"),
  product: doublePrecision("dim_product"),
  logistics: doublePrecision("dim_logistics"),
  service: doublePrecision("dim_service"),
  goodReviewRate: doublePrecision("good_review_rate"),
  trend30: doublePrecision("trend_30"),
  trend90: doublePrecision("trend_90"),
  trend: text("trend", { enum: TRENDS }),
  indicators: jsonb("indicators").$type<CardIndicator[]>(),
});

/**
 * A published score card: readable by every signed-in organisation (the documented cross-org read,
 * docs/security.md), written only by the organisation that lists it. The card id is random, not the
 * entity's id; unlisting deletes the row.
 */
export const directoryCards = pgTable(
  "directory_cards",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    id: idColumn(),
    entityKind: text("entity_kind", { enum: ENTITY_KINDS }).notNull(),
    entityId: uuid("entity_id").notNull(),
    name: text("name").notNull(),
    /**
     * The entity's platform id (a shop's 店铺ID): never published with the card, only matched on the
     * server against an id the reader already holds (a creator's own export names its merchants by it).
     */
    platformId: text("platform_id"),
    fields: text("fields", { enum: CARD_FIELDS }).array().notNull(),
    categoryCode: text("category_code"),
    ruleSet: text("rule_set"),
    contact: text("contact"),
    /** How scores are shown (the rule set's decimals): not a hidden field, the UI needs it to format. */
    scoreDecimals: smallint("score_decimals").notNull().default(2),
    /**
     * The rule set's score bounds (3–5, 0–5, 50–100, 0–100): not hidden either, every card shows
     * its scale so an 85 out of 100 is never read as a 4.85 out of 5, and score filters compare
     * only cards of the chosen maximum.
     */
    scoreMin: doublePrecision("score_min").notNull().default(3),
    scoreMax: doublePrecision("score_max").notNull().default(5),
    ...cardValueColumns(),
    day: date("day", { mode: "string" }),
    listedAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    // Other organisations find a card by its id (shortlists, compare): random, so unique in practice; not a
    // unique index, which distribution by org_id could not keep (docs/scale-out.md).
    index("directory_cards_id").on(t.id),
    uniqueIndex("directory_cards_entity").on(t.orgId, t.entityKind, t.entityId),
    index("directory_cards_kind_overall").on(t.entityKind, t.overall),
    index("directory_cards_category_overall").on(t.categoryCode, t.overall),
    index("directory_cards_kind_good_review").on(t.entityKind, t.goodReviewRate),
    index("directory_cards_platform").on(t.entityKind, t.platformId),
  ],
);

/** A card's values per day, so a search "as of day D" reads what the entity page showed that day. */
export const directoryCardDays = pgTable(
  "directory_card_days",
  {
    orgId: orgIdColumn(),
    cardId: uuid("card_id").notNull(),
    ...cardValueColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.cardId, t.day] }),
    index("directory_card_days_card_day").on(t.cardId, t.day),
    foreignKey({ columns: [t.orgId, t.cardId], foreignColumns: [directoryCards.orgId, directoryCards.id] }).onDelete("cascade"),
  ],
);

export const shortlists = pgTable(
  "shortlists",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    id: idColumn(),
    name: text("name").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

/** A candidate on a shortlist: the card id only (a card may be unlisted later; the item stays, marked so). */
export const shortlistItems = pgTable(
  "shortlist_items",
  {
    orgId: orgIdColumn(),
    shortlistId: uuid("shortlist_id").notNull(),
    cardId: uuid("card_id").notNull(),
    note: text("note").notNull().default(""),
    status: text("status", { enum: SHORTLIST_STATUSES }).notNull().default("to_contact"),
    addedAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.shortlistId, t.cardId] }),
    index("shortlist_items_card").on(t.orgId, t.cardId),
    foreignKey({ columns: [t.orgId, t.shortlistId], foreignColumns: [shortlists.orgId, shortlists.id] }).onDelete("cascade"),
  ],
);

export const savedSearches = pgTable(
  "saved_searches",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    id: idColumn(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    filter: jsonb("filter").$type<Record<string, unknown>>().notNull(),
    bar: jsonb("bar").$type<{ minScore?: number; minGoodReviewRate?: number }>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

/**
 * What the matcher has told a saved search's owner already: a new match once ever; a shortlisted
 * card under the bar once until it recovers (the row goes when it does).
 */
export const savedSearchHits = pgTable(
  "saved_search_hits",
  {
    orgId: orgIdColumn(),
    searchId: uuid("search_id").notNull(),
    cardId: uuid("card_id").notNull(),
    kind: text("kind", { enum: ["match", "below_bar"] }).notNull(),
    at: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.searchId, t.cardId, t.kind] }),
    foreignKey({ columns: [t.orgId, t.searchId], foreignColumns: [savedSearches.orgId, savedSearches.id] }).onDelete("cascade"),
  ],
);

/** In-app notifications: generic (a message key with parameters and a link) so other features can add kinds. */
export const notifications = pgTable(
  "notifications",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    id: idColumn(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    messageKey: text("message_key").notNull(),
    params: jsonb("params").$type<Record<string, string | number>>().notNull().default({}),
    link: text("link"),
    readAt: tsColumn("read_at"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index("notifications_user_unread").on(t.orgId, t.userId, t.readAt)],
);
