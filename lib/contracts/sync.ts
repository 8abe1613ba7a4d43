import { z } from "zod";
import { uuidSchema as uuid } from "./common";

/** Contracts of the sync module, shared by the connect form, the router and the CLI (client-safe: zod only). */

export const connectShopInput = z.object({
  shopId: uuid,
  baseUrl: z
    .string()
    .trim()
    .max(300, { message: "errors.tooLong" })
    .refine((value) => /^https?:\/\/[^\s/]+/.test(value), { message: "errors.sync.badBaseUrl" }),
  appKey: z.string().trim().min(1, { message: "errors.required" }).max(64, { message: "errors.tooLong" }),
  /** Empty keeps the secret already stored for the organisation's app. */
  appSecret: z.string().trim().max(128, { message: "errors.tooLong" }).optional(),
  platformShopId: z.string().trim().min(1, { message: "errors.required" }).max(64, { message: "errors.tooLong" }),
  intervalMinutes: z.number().int().min(5, { message: "errors.sync.intervalRange" }).max(1440, { message: "errors.sync.intervalRange" }).optional(),
});
export type ConnectShopInput = z.infer<typeof connectShopInput>;

export const shopRefInput = z.object({ shopId: uuid });

export const setPausedInput = z.object({ shopId: uuid, paused: z.boolean() });

export const DOUYIN_DEFAULT_BASE_URL = "https://openapi-fxg.jinritemai.com";
