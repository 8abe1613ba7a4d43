import { z } from "zod";
import { nameSchema, uuidSchema } from "./common";

/** What a key may do: read (every read endpoint) or write (reads plus imports). */
export const API_KEY_SCOPES = ["read", "write"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
export const apiKeyScopeSchema = z.enum(API_KEY_SCOPES);

/** Every secret starts so: a leaked key is recognisable in logs and by secret scanners. */
export const API_KEY_PREFIX = "kb_live_";

export const createApiKeyInput = z.object({
  name: nameSchema(80),
  scope: apiKeyScopeSchema,
});
export const apiKeyIdInput = z.object({ id: uuidSchema });

export type CreateApiKeyInput = z.infer<typeof createApiKeyInput>;

/** A key as listed: never its secret, only the visible prefix that tells keys apart. */
export type ApiKeySummary = {
  id: string;
  name: string;
  scope: ApiKeyScope;
  prefix: string;
  createdAt: Date;
  createdBy: string | null;
  createdByName: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};
