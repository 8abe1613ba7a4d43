import { z } from "zod";
import { localeSchema } from "./locales";
import { nameSchema } from "./common";
import { RULE_SET_NAMES_BY_KIND } from "./rule-sets";

export const ORG_KINDS = ["agency", "brand", "creator_team"] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const orgKindSchema = z.enum(ORG_KINDS);
/** The rule set an organisation's new shops start with. */
export const shopRuleSetSchema = z.enum(RULE_SET_NAMES_BY_KIND.shop);
export const createOrgInput = z.object({ name: nameSchema(80), kind: orgKindSchema.default("brand"), defaultShopRuleSet: shopRuleSetSchema.optional() });
export const updateOrgInput = z.object({
  name: nameSchema(80).optional(),
  kind: orgKindSchema.optional(),
  benchmarking: z.boolean().optional(),
  locale: localeSchema.optional(),
  defaultShopRuleSet: shopRuleSetSchema.optional(),
});
/** Deleting asks for the organisation's name typed again; the service compares it. */
export const deleteOrgInput = z.object({ confirmName: z.string().max(200) });

export type CreateOrgInput = z.infer<typeof createOrgInput>;
export type UpdateOrgInput = z.infer<typeof updateOrgInput>;
