import type { MessageParams } from "@/lib/contracts/message";

/** The one error type of the domain; mapped once to tRPC codes and to the user's language. */
export type AppErrorCode =
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "UNAUTHORIZED"
  | "CONFLICT"
  | "BAD_INPUT"
  | "RATE_LIMITED"
  | "GONE"
  /** Our own stored data is wrong (e.g. a malformed score explanation); not the user's doing. */
  | "INTERNAL";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    /** A message key in messages/*.json (errors.*), so the UI can show it in the user's language. */
    readonly messageKey: string,
    readonly details: { field?: string; params?: MessageParams } = {},
  ) {
    super(messageKey);
    this.name = "AppError";
  }
}

export const notFound = (what = "notFound") => new AppError("NOT_FOUND", `errors.${what}`);
export const forbidden = (key = "forbidden") => new AppError("FORBIDDEN", `errors.${key}`);
export const conflict = (key: string, field?: string) => new AppError("CONFLICT", `errors.${key}`, { field });
export const badInput = (key: string, field?: string, params?: MessageParams) =>
  new AppError("BAD_INPUT", `errors.${key}`, { field, params });
