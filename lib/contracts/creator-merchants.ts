import { z } from "zod";
import { isDay, uuidSchema } from "./common";

/** The merchants a creator account sold for, from its own imported orders (creator_orders). */
export const creatorMerchantsInput = z.object({
  id: uuidSchema,
  /** The last day of the window (Asia/Shanghai); today when omitted. */
  day: z.string().refine(isDay, { message: "errors.date" }).optional(),
});
export type CreatorMerchantsInput = z.infer<typeof creatorMerchantsInput>;

export type CreatorMerchant = {
  /**
   * The merchant's platform shop id (店铺ID) as the export names it: the key a public card of the
   * shop (the directory) is found by. Null when the export names the shop only by its name.
   */
  merchantShopId: string | null;
  merchantShopName: string | null;
  /** Valid orders (scoring.md §3) paid in the window. */
  orders: number;
  /** Of those, orders with a refund. */
  refundedOrders: number;
  /** refundedOrders / orders; null with no orders. */
  refundRate: number | null;
  /** Reviews of those orders with a product rating, and how many were good (4–5★). */
  reviews: number;
  goodReviews: number;
  /** goodReviews / reviews; null with no reviews. */
  goodReviewRate: number | null;
  /** The merchant's public card in the directory, when its owner listed the shop (only the fields they show). */
  card: MerchantCard | null;
};

/** What the merchants table shows of a public card: its id (for comparison), values only where listed. */
export type MerchantCard = {
  card: string;
  day: string | null;
  scoreDecimals: number;
  /** The card's score bounds: its overall is shown out of `scale.max`. */
  scale: { min: number; max: number };
  overall?: number | null;
  goodReviewRate?: number | null;
};

export type CreatorMerchants = {
  /** The window, first and last day included (the scoring main window: 90 days). */
  window: { first: string; last: string };
  merchants: CreatorMerchant[];
};
