import { randomUUID } from "node:crypto";
import { AppError } from "./errors";
import { logger } from "./logger";

/**
 * An error nobody planned for (a failed query, a bug): its details (SQL, parameters, stack) go to
 * the log under a request id, and the client gets only a generic message carrying that id, so
 * support can find the log line without the response revealing the database.
 */
export function unexpectedError(error: unknown, context: { requestId?: string; where: string; orgId?: string | null; userId?: string | null }): AppError {
  const requestId = context.requestId ?? randomUUID();
  logger.error({ err: error, requestId, where: context.where, orgId: context.orgId, userId: context.userId }, "unexpected error");
  return new AppError("INTERNAL", "errors.unexpected", { params: { requestId } });
}
