import { badInput } from "./errors";

/**
 * PostgreSQL text cannot hold U+0000: a NUL reaching a query fails it as an internal error (with
 * the SQL in the message). Inputs carrying one are refused at the edge as bad input instead.
 */
export function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (depth > 32 || value === null || typeof value !== "object") return false;
  if (Array.isArray(value)) return value.some((item) => containsNul(item, depth + 1));
  return Object.entries(value).some(([key, item]) => key.includes("\u0000") || containsNul(item, depth + 1));
}

export function refuseNul(value: unknown): void {
  if (containsNul(value)) throw badInput("nulByte");
}
