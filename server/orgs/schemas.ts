import { z } from "zod";
import { orgKinds } from "@/db/schema/orgs";
import { nameSchema } from "@/server/lib/text";

export const orgKindSchema = z.enum(orgKinds);
export const createOrgInput = z.object({ name: nameSchema(80), kind: orgKindSchema.default("brand") });
export const updateOrgInput = z.object({
  name: nameSchema(80).optional(),
  kind: orgKindSchema.optional(),
  benchmarking: z.boolean().optional(),
  locale: z.enum(["zh-CN", "en"]).optional(),
});
export type CreateOrgInput = z.infer<typeof createOrgInput>;
export type UpdateOrgInput = z.infer<typeof updateOrgInput>;
