import { z } from "zod";
import { orgKindSchema } from "./orgs";
import { emailSchema, nameSchema, passwordSchema } from "./common";

export const signUpInput = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: nameSchema(60),
  /** Without an invitation the new user starts their own organisation. */
  orgName: nameSchema(80).optional(),
  orgKind: orgKindSchema.default("brand"),
  inviteToken: z.string().max(200).optional(),
});

/** Loose on purpose: a wrong password and a malformed one get the same answer. */
export const signInInput = z.object({ email: z.string().trim().toLowerCase().max(254), password: z.string().max(200) });

export type SignUpInput = z.infer<typeof signUpInput>;
