import { z } from "zod";
import { roleSchema, shopIdsSchema } from "./members";
import { emailSchema } from "./common";

export const inviteInput = z.object({ role: roleSchema, email: emailSchema.optional(), shopIds: shopIdsSchema.default([]) });
/** The secret part of an invitation link. */
export const invitationTokenInput = z.object({ token: z.string().min(1).max(200) });

export type InviteInput = z.infer<typeof inviteInput>;
