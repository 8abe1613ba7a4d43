import fs from "node:fs";
import path from "node:path";
import { addDays, daysBetween, type Day } from "@/server/lib/time";

const S002 = path.resolve(import.meta.dirname, "../fixtures/samples/douyin-exports/s002");
const DATE = /\b\d{4}-\d{2}-\d{2}\b/g;

export type S002Exports = Record<"orders" | "reviews", string>;

/**
 * The s002 platform exports (GBK, decoded) moved in time so that their newest day is `newest`:
 * a test then scores them in today's 90-day window whatever day it runs.
 */
export function s002ExportsEndingOn(newest: Day): S002Exports {
  const read = (file: string) => new TextDecoder("gb18030").decode(fs.readFileSync(path.join(S002, file)));
  const texts = { orders: read("orders.csv"), reviews: read("reviews.csv") };
  const last = [...texts.orders.matchAll(DATE), ...texts.reviews.matchAll(DATE)].map((m) => m[0]).sort().at(-1);
  if (!last) throw new Error("the s002 exports hold no dates");
  const shift = daysBetween(last, newest);
  const moved = (text: string) => text.replace(DATE, (day) => addDays(day, shift));
  return { orders: moved(texts.orders), reviews: moved(texts.reviews) };
}
