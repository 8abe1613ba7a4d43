import { z } from "zod";
import { isDay } from "@/server/lib/time";
import { nameSchema, uuidSchema } from "@/lib/contracts/common";
import { RULE_SET_NAMES_BY_KIND } from "@/lib/contracts/rule-sets";

export const externalIdSchema = z
  .string()
  .trim()
  .min(1, { message: "errors.required" })
  .max(64, { message: "errors.tooLong" })
  .regex(/^[\w.:-]+$/u, { message: "errors.externalIdFormat" });

export const shopFields = z.object({
  name: nameSchema(80),
  category: z.string().trim().min(1, { message: "errors.required" }).max(40, { message: "errors.tooLong" }),
  externalId: externalIdSchema.optional(),
  openedAt: z
    .string()
    .refine(isDay, { message: "errors.date" })
    .nullish(),
  ruleSet: z.enum(RULE_SET_NAMES_BY_KIND.shop).optional(),
});

export const createShopInput = shopFields;
export const updateShopInput = shopFields.partial().extend({ id: uuidSchema });
export const listShopsInput = z
  .object({
    search: z.string().trim().max(80).optional(),
    category: z.string().trim().max(40).optional(),
    includeArchived: z.boolean().default(false),
  })
  .default({ includeArchived: false });

export type CreateShopInput = z.infer<typeof createShopInput>;
export type UpdateShopInput = z.infer<typeof updateShopInput>;
export type ListShopsInput = z.infer<typeof listShopsInput>;
