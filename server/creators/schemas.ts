import { z } from "zod";
import { nameSchema, uuidSchema } from "@/lib/contracts/common";
import { externalIdSchema } from "@/server/shops/schemas";
import { RULE_SET_NAMES_BY_KIND } from "@/lib/contracts/rule-sets";

export const creatorFields = z.object({
  name: nameSchema(80),
  /** The platform's author id (达人ID) that orders carry. */
  externalId: externalIdSchema,
  handle: z.string().trim().max(60, { message: "errors.tooLong" }).nullish(),
  category: z.string().trim().min(1, { message: "errors.required" }).max(40, { message: "errors.tooLong" }),
  ruleSet: z.enum(RULE_SET_NAMES_BY_KIND.creator).optional(),
});
export const createCreatorInput = creatorFields;
export const updateCreatorInput = creatorFields.partial().extend({ id: uuidSchema });
export const listCreatorsInput = z
  .object({ search: z.string().trim().max(80).optional(), category: z.string().trim().max(40).optional(), includeArchived: z.boolean().default(false) })
  .default({ includeArchived: false });

export type CreateCreatorInput = z.infer<typeof createCreatorInput>;
export type UpdateCreatorInput = z.infer<typeof updateCreatorInput>;
export type ListCreatorsInput = z.infer<typeof listCreatorsInput>;
