import { z } from "zod";
import { uuidSchema } from "./common";

/**
 * What an import file holds; one kind per file, each with its own fact table. The last five are
 * the facts of the current rules (data-formats-current.md); their names are a contract of
 * `koubei import --kind` and of bulk manifests.
 */
export const IMPORT_KINDS = [
  "orders",
  "reviews",
  "after_sales",
  "complaints",
  "chats",
  "creator_orders",
  "chat_turns",
  "waybills",
  "help_requests",
  "penalties",
  "shop_services",
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/**
 * Who owns an import's rows: a shop of the organisation (its own back-end's exports), or a creator
 * account (creator_orders: the creator's 巨量百应 达人订单 export, whose rows name the merchant's
 * shop, which is not one of the organisation's shops).
 */
export const IMPORT_OWNER_OF_KIND = {
  orders: "shop",
  reviews: "shop",
  after_sales: "shop",
  complaints: "shop",
  chats: "shop",
  creator_orders: "creator",
  chat_turns: "shop",
  waybills: "shop",
  help_requests: "shop",
  penalties: "shop",
  shop_services: "shop",
} as const satisfies Record<ImportKind, "shop" | "creator">;
export type ImportOwnerKind = (typeof IMPORT_OWNER_OF_KIND)[ImportKind];
export const SHOP_IMPORT_KINDS = IMPORT_KINDS.filter((k) => IMPORT_OWNER_OF_KIND[k] === "shop");
export const CREATOR_IMPORT_KINDS = IMPORT_KINDS.filter((k) => IMPORT_OWNER_OF_KIND[k] === "creator");
export const isImportKind = (value: string): value is ImportKind => (IMPORT_KINDS as readonly string[]).includes(value);

export const IMPORT_STATUSES = ["queued", "running", "succeeded", "failed", "undone"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** Where an import's rows came from: an uploaded file, or a sync with a platform's open API (a sync run is the bundle). */
export const IMPORT_SOURCES = ["file", "sync"] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

/** What the user may choose; "auto" lets the bytes decide. GBK files are read as GB18030, its superset. */
export const ENCODING_CHOICES = ["auto", "utf-8", "gbk", "gb18030", "utf-16le", "utf-16be"] as const;
export type EncodingChoice = (typeof ENCODING_CHOICES)[number];
export const isEncodingChoice = (value: string): value is EncodingChoice => (ENCODING_CHOICES as readonly string[]).includes(value);

export const importKindSchema = z.enum(IMPORT_KINDS);
export const encodingChoiceSchema = z.enum(ENCODING_CHOICES);
/** File header → field; null leaves a column unmapped. */
export const headerMappingSchema = z.record(z.string().max(80), z.string().max(500).nullable());

/** Into a shop (its exports), or for creator_orders into a creator account (its 达人订单 export). */
export const importFileInput = z.object({
  uploadId: uuidSchema,
  shopId: uuidSchema.optional(),
  creatorId: uuidSchema.optional(),
  kind: importKindSchema.optional(),
  encoding: encodingChoiceSchema.optional(),
  mapping: headerMappingSchema.optional(),
});
export const confirmImportInput = importFileInput.extend({ kind: importKindSchema });
export const importIdInput = z.object({ importId: uuidSchema });
export const importSourceSchema = z.enum(IMPORT_SOURCES);
export const listImportsInput = z
  .object({
    shopId: uuidSchema.optional(),
    creatorId: uuidSchema.optional(),
    bundleId: uuidSchema.optional(),
    source: importSourceSchema.optional(),
    limit: z.number().int().min(1).max(500).optional(),
  })
  .optional();
/** A bulk upload's or a sync run's imports, taken as one (a sync run's id is its bundle id). */
export const bundleIdInput = z.object({ bundleId: uuidSchema });
export const rejectedRowsInput = importIdInput.extend({ limit: z.number().int().min(1).max(1000).optional() });
export const uploadIdInput = z.object({ uploadId: uuidSchema });

export const listTemplatesInput = z.object({ kind: importKindSchema.optional() }).optional();
export const saveTemplateInput = z.object({
  kind: importKindSchema,
  name: z.string().trim().min(1, "errors.required").max(80, "errors.tooLong"),
  mapping: headerMappingSchema,
  encoding: encodingChoiceSchema.optional(),
});
export const templateIdInput = z.object({ templateId: uuidSchema });

export type ImportFileInput = z.infer<typeof importFileInput>;
export type SaveTemplateInput = z.infer<typeof saveTemplateInput>;
