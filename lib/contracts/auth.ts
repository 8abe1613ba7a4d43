import { z } from "zod";
import { orgKindSchema, shopRuleSetSchema } from "./orgs";
import { emailSchema, nameSchema, passwordSchema, uuidSchema } from "./common";

export const signUpInput = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: nameSchema(60),
  /** Without an invitation the new user starts their own organisation. */
  orgName: nameSchema(80).optional(),
  orgKind: orgKindSchema.default("brand"),
  orgRuleSet: shopRuleSetSchema.optional(),
  inviteToken: z.string().max(200).optional(),
});

/** Loose on purpose: a wrong password and a malformed one get the same answer. */
export const signInInput = z.object({ email: z.string().trim().toLowerCase().max(254), password: z.string().max(200) });

export type SignUpInput = z.infer<typeof signUpInput>;

/** The current password is required: a borrowed, unlocked session must not be enough to take the account. */
export const changePasswordInput = z.object({ currentPassword: z.string().max(200), newPassword: passwordSchema });
export const requestPasswordResetInput = z.object({ email: emailSchema });
export const resetPasswordInput = z.object({ token: z.string().min(1).max(200), newPassword: passwordSchema });
export const memberResetLinkInput = z.object({ userId: uuidSchema });

/** Sign-up answers this whatever happened to the address (docs/adr/0011-authentication-hardening.md). */
export type SignUpAnswer = { status: "accepted" };
