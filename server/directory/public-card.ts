import type { CardIndicator } from "@/db/schema";
import type { CardValues } from "./card-values";
import type { CardField, DirectoryDimension, Trend } from "@/lib/contracts/directory";
import type { EntityKind } from "@/lib/contracts/entity-kinds";

/** A card row as read for another organisation: hidden fields are null in storage already. */
export type CardRow = Omit<CardValues, "day"> & {
  id: string;
  entityKind: EntityKind;
  name: string;
  fields: CardField[];
  categoryCode: string | null;
  categoryZh: string | null;
  categoryEn: string | null;
  ruleSet: string | null;
  contact: string | null;
  scoreDecimals: number;
  scoreMin: number;
  scoreMax: number;
  /** Null until the card's first values are published. */
  day: string | null;
  updatedAt: Date | string;
};

/**
 * What leaves the server for a card: kind, card id, name, freshness and the published fields only.
 * Storage holds nothing hidden (listing writes the mask), and this second gate drops any field not
 * in the mask, so a hidden value can reach no response, export or CLI line.
 */
export type PublicCard = {
  kind: EntityKind;
  card: string;
  name: string;
  fields: CardField[];
  /** The day the values are as of (freshness). */
  day: string | null;
  scoreDecimals: number;
  /**
   * The bounds of the card's score (3–5, 0–5 for TikTok's SPS, 50–100 or 0–100 under the 100-point
   * rules): always sent, like the decimals, so every number is shown on its own scale.
   */
  scale: { min: number; max: number };
  category?: { code: string; nameZh: string; nameEn: string } | null;
  overall?: number | null;
  dimensions?: Partial<Record<DirectoryDimension, number | null>>;
  goodReviewRate?: number | null;
  trend?: { direction: Trend | null; change30: number | null; change90: number | null };
  ruleSet?: string | null;
  contact?: string | null;
  indicators?: CardIndicator[];
};

export function publicCard(row: CardRow): PublicCard {
  const shows = new Set(row.fields);
  const card: PublicCard = { kind: row.entityKind, card: row.id, name: row.name, fields: row.fields, day: row.day, scoreDecimals: row.scoreDecimals, scale: { min: Number(row.scoreMin), max: Number(row.scoreMax) } };
  if (shows.has("category"))
    card.category = row.categoryCode ? { code: row.categoryCode, nameZh: row.categoryZh ?? row.categoryCode, nameEn: row.categoryEn ?? row.categoryCode } : null;
  if (shows.has("overall")) card.overall = row.overall;
  if (shows.has("dimensions")) card.dimensions = { product: row.product, logistics: row.logistics, service: row.service };
  if (shows.has("goodReviewRate")) card.goodReviewRate = row.goodReviewRate;
  if (shows.has("trend")) card.trend = { direction: row.trend, change30: row.trend30, change90: row.trend90 };
  if (shows.has("ruleSet")) card.ruleSet = row.ruleSet;
  if (shows.has("contact")) card.contact = row.contact;
  if (shows.has("indicators")) card.indicators = row.indicators ?? [];
  return card;
}
