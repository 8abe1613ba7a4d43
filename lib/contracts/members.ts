import { z } from "zod";
import { uuidSchema } from "./common";

export const ROLES = ["owner", "admin", "analyst", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const roleSchema = z.enum(ROLES);
export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** Grants are capped so one request cannot name an unbounded list. */
export const shopIdsSchema = z.array(uuidSchema).max(1000);

export const memberInput = z.object({ userId: uuidSchema });
export const changeRoleInput = memberInput.extend({ role: roleSchema });
export const setShopGrantsInput = memberInput.extend({ limited: z.boolean(), shopIds: shopIdsSchema });

export type ChangeRoleInput = z.infer<typeof changeRoleInput>;
export type SetShopGrantsInput = z.infer<typeof setShopGrantsInput>;
