import { z } from "zod";
import { isDay } from "./common";
import { ENTITY_KINDS } from "./entity-kinds";
import { scoreExplanationFieldsSchema } from "./explanation";
import { encodingChoiceSchema, IMPORT_STATUSES, importKindSchema } from "./imports";

/*
 * The public REST API's contracts (app/api/v1, OpenAPI at /api/v1/openapi.json). They are the
 * API's promise to agencies' tools, kept apart from the app's own procedures so the UI can change
 * without breaking a script. Times are ISO 8601 strings, days YYYY-MM-DD (Asia/Shanghai).
 */

/** Where the OpenAPI document lives, and the base every path below is relative to. */
export const PUBLIC_API_BASE = "/api/v1";
export const OPENAPI_DOCUMENT_PATH = `${PUBLIC_API_BASE}/openapi.json`;

const isoTime = z.string().describe("ISO 8601 time");

// Fresh schemas, never the app's shared ones: the REST adapter switches coercion on in the
// schemas of query parameters, and that must not reach the app's own inputs.
const id = () => z.uuid({ message: "errors.notFound" });
const day = () => z.string().refine(isDay, { message: "errors.date" });

export const publicEntitySchema = z.object({
  id: z.uuid(),
  kind: z.enum(ENTITY_KINDS),
  name: z.string(),
  externalId: z.string().describe("the platform's id (抖店 shop id or 达人 account id)"),
  categoryCode: z.string(),
  ruleSet: z.string(),
  archived: z.boolean(),
});
export type PublicEntity = z.infer<typeof publicEntitySchema>;

export const publicListEntitiesInput = z.object({
  search: z.string().trim().max(80).optional(),
  includeArchived: z.enum(["true", "false"]).optional().describe("archived entities too (default false)"),
});
export const publicEntityListSchema = z.object({ items: z.array(publicEntitySchema) });

export const publicScoreInput = z.object({ id: id(), day: day().optional().describe("the score as of this day (default: the latest)") });
export const publicScoreSchema = z.object({
  entity: publicEntitySchema,
  day: z.string().nullable().describe("the day of the score; null when none is stored yet"),
  computedAt: isoTime.nullable(),
  /** A rescore is on its way: ask again shortly for the newer score. */
  recalculating: z.boolean(),
  explanation: scoreExplanationFieldsSchema.nullable().describe("how the score came about: dimensions, indicators, weights, the band"),
});
export type PublicScore = z.infer<typeof publicScoreSchema>;

/** At most a year of days per history request. */
export const PUBLIC_HISTORY_MAX_DAYS = 366;
export const publicHistoryInput = z.object({
  id: id(),
  from: day().optional().describe("first day (default: 89 days before `to`)"),
  to: day().optional().describe("last day (default: the latest scored day)"),
});
export const publicHistoryPointSchema = z.object({
  day: z.string(),
  state: z.enum(["scored", "insufficient_data"]),
  overall: z.number().nullable(),
  overallShown: z.number().nullable(),
  beatsPercent: z.number().nullable(),
  dimensions: z.record(z.string(), z.number().nullable()),
});
export const publicHistorySchema = z.object({
  entity: publicEntitySchema,
  from: z.string().nullable(),
  to: z.string().nullable(),
  points: z.array(publicHistoryPointSchema),
});

/** A file sent inline (base64 keeps the API JSON-only) is at most this large; bigger exports go through the app's upload. */
export const PUBLIC_IMPORT_MAX_BYTES = 20 * 1024 * 1024;

export const publicStartImportInput = z.object({
  shopId: id().optional().describe("the shop the file belongs to (shop kinds)"),
  creatorId: id().optional().describe("the creator account (kind creator_orders)"),
  kind: importKindSchema,
  fileName: z.string().trim().min(1).max(200).describe("the export's file name (.csv or .xlsx)"),
  contentBase64: z.string().min(1).describe("the file's bytes, base64-encoded"),
  encoding: encodingChoiceSchema.optional().describe("a CSV's encoding (default: detected)"),
});
export type PublicStartImportInput = z.infer<typeof publicStartImportInput>;
export const publicImportSchema = z.object({
  importId: z.uuid(),
  /** queued: the job queue runs it (poll the app); otherwise it already ran and `status` says how it ended. */
  queued: z.boolean(),
  status: z.enum(IMPORT_STATUSES),
  rowsProcessed: z.number().int().nullable(),
  rejected: z.number().int().nullable(),
});

export const publicAlertsInput = z.object({ limit: z.coerce.number().int().min(1).max(200).optional() });
/** A rule that fired on a shop or creator account: still holding (`active`) or cleared since. */
export const publicAlertSchema = z.object({
  rule: z.object({ id: z.uuid(), name: z.string(), text: z.string() }),
  entity: z.object({ kind: z.enum(ENTITY_KINDS), id: z.uuid(), externalId: z.string().nullable(), name: z.string().nullable() }),
  active: z.boolean(),
  /** The rule's measured value on `day` (unrounded, as `koubei score` prints it); null for import/sync failures. */
  value: z.number().nullable(),
  day: z.string(),
  firedAt: isoTime,
  clearedAt: isoTime.nullable(),
});
export const publicAlertListSchema = z.object({ items: z.array(publicAlertSchema) });
