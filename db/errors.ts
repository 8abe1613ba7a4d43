/**
 * The SQLSTATE of a failed statement, wherever the drivers put it: postgres.js and PGlite set
 * `code` on their errors, and Drizzle wraps them in an error whose `cause` is the driver's.
 */
export function sqlStateOf(error: unknown): string | null {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

export const isUniqueViolation = (error: unknown): boolean => sqlStateOf(error) === "23505";
