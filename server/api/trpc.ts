import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { Tx } from "@/db/client";
import type { Permission } from "@/lib/contracts/permissions";
import type { Role } from "@/lib/contracts/members";
import { AppError, type AppErrorCode } from "@/server/lib/errors";
import { translateError } from "@/server/lib/i18n";
import type { Locale } from "@/lib/contracts/locales";
import type { OrgScope } from "@/server/lib/scope";
import { logger } from "@/server/lib/logger";
import { refuseNul } from "@/server/lib/nul-bytes";
import { unexpectedError } from "@/server/lib/unexpected";
import type { Runtime } from "@/server/runtime";
import type { OpenApiMeta } from "trpc-to-openapi";
import { resolveOrgScope, signedInUser, withOrgScope, type ApiKeyCredential, type Credential, type Session } from "./org-scope";

export type { Session };

export type Context = {
  runtime: Runtime;
  session: Session;
  /** The organisation the client is working in (header x-koubei-org); membership is checked per call. */
  orgId: string | null;
  locale: Locale;
  ip: string;
  /** Names this request in the log; an unexpected error's message carries it (one is made when absent). */
  requestId?: string;
  /** Set by the public API only (app/api/v1): the key stands in for the session there, and the app's tRPC endpoint never sets it. */
  apiKey?: ApiKeyCredential | null;
};

/** The public API's requests carry a key and no session; the app's carry a session and no key. */
const credentialOf = (ctx: Context): Credential => ctx.apiKey ?? ctx.session;

const TRPC_CODE: Record<AppErrorCode, TRPCError["code"]> = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  UNAUTHORIZED: "UNAUTHORIZED",
  CONFLICT: "CONFLICT",
  BAD_INPUT: "BAD_REQUEST",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  GONE: "PRECONDITION_FAILED",
  INTERNAL: "INTERNAL_SERVER_ERROR",
};

export type FieldErrors = Record<string, string[]>;

const t = initTRPC.context<Context>().meta<OpenApiMeta>().create({
  transformer: superjson,
  errorFormatter({ shape, error, ctx }) {
    const locale = ctx?.locale ?? "zh-CN";
    const cause = error.cause;
    let messageKey: string | null = null;
    let fieldErrors: FieldErrors | null = null;
    if (cause instanceof AppError) {
      messageKey = cause.messageKey;
      if (cause.details.field) fieldErrors = { [cause.details.field]: [translateError(locale, cause.messageKey, cause.details.params)] };
    } else if (cause instanceof ZodError && error.code === "BAD_REQUEST") {
      messageKey = "errors.invalidInput";
      fieldErrors = {};
      for (const issue of cause.issues) {
        const field = issue.path.join(".") || "_";
        (fieldErrors[field] ??= []).push(translateError(locale, issue.message));
      }
    }
    // A failure outside the procedures (context, transport) never reaches mapErrors: its message
    // may still name internals, so it is replaced here too.
    let params = cause instanceof AppError ? cause.details.params : undefined;
    if (!messageKey && error.code === "INTERNAL_SERVER_ERROR") {
      messageKey = "errors.unexpected";
      params = { requestId: ctx?.requestId ?? "-" };
    }
    return {
      ...shape,
      message: messageKey ? translateError(locale, messageKey, params) : shape.message,
      data: { ...shape.data, messageKey, fieldErrors, stack: undefined },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

const appErrorToTrpc = (cause: AppError) => new TRPCError({ code: TRPC_CODE[cause.code], message: cause.messageKey, cause });

/**
 * AppError → TRPCError, once, for every procedure. Anything unplanned (a failed query, a bug)
 * is logged with the request id and leaves as a generic message: no SQL or parameters reach
 * the client, whichever way it calls.
 */
const mapErrors = t.middleware(async ({ ctx, path, next }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  if (cause instanceof AppError) throw appErrorToTrpc(cause);
  if (result.error.code === "INTERNAL_SERVER_ERROR") {
    throw appErrorToTrpc(unexpectedError(result.error, { requestId: ctx.requestId, where: `trpc ${path}`, orgId: ctx.orgId, userId: ctx.session?.userId }));
  }
  return result;
});

/** NUL bytes anywhere in the input (strings or keys, however deep) are bad input, before any parser or query sees them. */
const refuseNulBytes = t.middleware(async ({ getRawInput, next }) => {
  refuseNul(await getRawInput());
  return next();
});

export const publicProcedure = t.procedure.use(mapErrors).use(refuseNulBytes);

/** A current session; the user is read from the database on every call. */
export const authedProcedure = publicProcedure.use(async ({ ctx, next }) =>
  next({ ctx: { ...ctx, user: await signedInUser(ctx.runtime.handle, ctx.session) } }),
);

export type OrgContext = { tx: Tx; scope: OrgScope; role: Role };

/**
 * The tenant comes from the context, never from input: the tenancy guard (org-scope.ts) reads
 * membership and role on every call, and the whole procedure runs in its RLS-scoped transaction.
 */
export const orgProcedure = (permission: Permission) =>
  publicProcedure.use(async ({ ctx, next }) => {
    // Work that must see this call's writes (queued jobs): run once the transaction has committed.
    const committed: (() => Promise<void>)[] = [];
    const afterCommit = (task: () => Promise<void>) => void committed.push(task);
    const outcome = await withOrgScope(ctx.runtime.handle, credentialOf(ctx), ctx.orgId, permission, async (tx, scope) => {
      const result = await next({ ctx: { ...ctx, tx, scope, role: scope.role, afterCommit } });
      // next() reports failure as a value; rethrow so the transaction rolls back.
      if (!result.ok) throw result.error;
      return result;
    });
    for (const task of committed) {
      await task().catch((error: unknown) => logger.error({ err: error, orgId: ctx.orgId }, "after-commit task failed"));
    }
    return outcome;
  });

/**
 * The same guard, but its transaction ends before the procedure runs: the import engine opens
 * its own RLS-scoped transactions on the handle, and PGlite has a single connection.
 */
export const orgScopeProcedure = (permission: Permission) =>
  publicProcedure.use(async ({ ctx, next }) =>
    next({ ctx: { ...ctx, scope: await resolveOrgScope(ctx.runtime.handle, credentialOf(ctx), ctx.orgId, permission) } }),
  );
