import { z } from "zod";
import { isDay, nameSchema, uuidSchema } from "./common";
import { ENTITY_KINDS, type EntityKind } from "./entity-kinds";
import { STORE_TYPES } from "./facts";
import { DEFAULT_RULE_SET, RULE_SET_NAMES_BY_KIND } from "./rule-sets";

/**
 * Shops and creator accounts are one scored-entity module: everything that differs between the
 * two kinds is declared here, as data, and the server, the CLI and the UI read it instead of
 * keeping a copy per kind. Client-safe: no table definitions (those are in server/entities/tables.ts).
 */
export const SCORED_ENTITY_KINDS = ENTITY_KINDS;
export type ScoredEntityKind = EntityKind;

/** Text fields only some kinds have; each is a nullable column of the same name. */
export type OptionalEntityField = "openedAt" | "handle";

export type ScoredEntityKindInfo = {
  kind: ScoredEntityKind;
  /** The tRPC router, the message namespace and the URL segment under /o/[orgId]. */
  plural: "shops" | "creators";
  permissions: { read: `${"shops" | "creators"}.read`; write: `${"shops" | "creators"}.write` };
  /** Which optional fields this kind has, in the order forms and detail views show them. */
  fields: readonly OptionalEntityField[];
  /** Shops may be added before their platform id is known; a creator is matched by it. */
  externalIdRequired: boolean;
  /** Optional fields the list shows as columns. */
  listFields: readonly OptionalEntityField[];
  /** Columns a list search matches besides the name and the platform id. */
  searchFields: readonly OptionalEntityField[];
  /**
   * Limited members see the shops granted to them; creator accounts belong to the whole
   * organisation, so a member limited to some shops sees none of them.
   */
  grantScoped: boolean;
  /** errors.* key of "no such entity (in this organisation)". */
  notFoundKey: "shopNotFound" | "creatorNotFound";
  ruleSets: readonly [string, ...string[]];
  defaultRuleSet: string;
  /**
   * Whose page offers a data import of its own: a shop (its back-end's exports) and a creator
   * account (its 巨量百应 达人订单 export, kind creator_orders).
   */
  importsOwnData: boolean;
  /** A creator account lists the merchants it sold for (合作商家), from its own imported orders. */
  listsMerchantsSoldFor: boolean;
  /** Only a shop connects to the platform's open API (抖店开放平台) for sync and its reported score. */
  syncsWithPlatform: boolean;
  /** A shop has a store type (店铺类型: flagship, franchise, specialty, ordinary), which the current rules read. */
  hasStoreType: boolean;
  /** The list's path under /o/[orgId] (the organisation's home is the portfolio). */
  listPath: "/shops" | "/creators";
};

export const scoredEntityKinds = {
  shop: {
    kind: "shop",
    plural: "shops",
    permissions: { read: "shops.read", write: "shops.write" },
    fields: ["openedAt"],
    listFields: [],
    externalIdRequired: false,
    searchFields: [],
    grantScoped: true,
    notFoundKey: "shopNotFound",
    ruleSets: RULE_SET_NAMES_BY_KIND.shop,
    defaultRuleSet: DEFAULT_RULE_SET.shop,
    importsOwnData: true,
    listsMerchantsSoldFor: false,
    syncsWithPlatform: true,
    hasStoreType: true,
    listPath: "/shops",
  },
  creator: {
    kind: "creator",
    plural: "creators",
    permissions: { read: "creators.read", write: "creators.write" },
    fields: ["handle"],
    listFields: ["handle"],
    externalIdRequired: true,
    searchFields: ["handle"],
    grantScoped: false,
    notFoundKey: "creatorNotFound",
    ruleSets: RULE_SET_NAMES_BY_KIND.creator,
    defaultRuleSet: DEFAULT_RULE_SET.creator,
    importsOwnData: true,
    listsMerchantsSoldFor: true,
    syncsWithPlatform: false,
    hasStoreType: false,
    listPath: "/creators",
  },
} as const satisfies { [K in ScoredEntityKind]: ScoredEntityKindInfo & { kind: K } };

export const externalIdSchema = z
  .string()
  .trim()
  .min(1, { message: "errors.required" })
  .max(64, { message: "errors.tooLong" })
  .regex(/^[\w.:-]+$/u, { message: "errors.externalIdFormat" });

const categorySchema = z
  .string()
  .trim()
  .min(1, { message: "errors.required" })
  .max(40, { message: "errors.tooLong" });

const sharedFields = {
  name: nameSchema(80),
  category: categorySchema,
  /** The organisation's own name for it (a brand's nickname); empty clears it. */
  alias: z.string().trim().max(40, { message: "errors.tooLong" }).nullish(),
  /** The member responsible for it; null clears it. */
  ownerUserId: uuidSchema.nullish(),
};

export const entityFields = {
  shop: z.object({
    ...sharedFields,
    externalId: externalIdSchema.optional(),
    openedAt: z.string().refine(isDay, { message: "errors.date" }).nullish(),
    storeType: z.enum(STORE_TYPES, { message: "errors.storeType" }).optional(),
    ruleSet: z.enum(scoredEntityKinds.shop.ruleSets).optional(),
  }),
  creator: z.object({
    ...sharedFields,
    /** The platform's author id (达人ID) that orders carry. */
    externalId: externalIdSchema,
    handle: z.string().trim().max(60, { message: "errors.tooLong" }).nullish(),
    ruleSet: z.enum(scoredEntityKinds.creator.ruleSets).optional(),
  }),
};

export const createEntityInput = entityFields;
export const updateEntityInput = {
  shop: entityFields.shop.partial().extend({ id: uuidSchema }),
  creator: entityFields.creator.partial().extend({ id: uuidSchema }),
};

export const listEntitiesInput = z
  .object({
    search: z.string().trim().max(80).optional(),
    category: z.string().trim().max(40).optional(),
    includeArchived: z.boolean().default(false),
  })
  .default({ includeArchived: false });

export const setEntityArchivedInput = z.object({ id: uuidSchema, archived: z.boolean() });

export type CreateEntityInput<K extends ScoredEntityKind> = z.infer<(typeof createEntityInput)[K]>;
export type UpdateEntityInput<K extends ScoredEntityKind> = z.infer<(typeof updateEntityInput)[K]>;
export type ListEntitiesInput = z.infer<typeof listEntitiesInput>;

