import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import type { Tx } from "@/db/client";
import { can } from "@/server/authz/permissions";
import type { Permission } from "@/lib/contracts/permissions";
import type { Role } from "@/lib/contracts/members";
import { withTenant } from "@/server/db/tenant";
import { AppError, type AppErrorCode } from "@/server/lib/errors";
import { translateError } from "@/server/lib/i18n";
import type { Locale } from "@/lib/contracts/locales";
import type { OrgScope } from "@/server/lib/scope";
import { grantedShopIds } from "@/server/members/service";
import { findMembership } from "@/server/orgs/service";
import { logger } from "@/server/lib/logger";
import type { Runtime } from "@/server/runtime";
import { findUserById } from "@/server/users/service";

export type Session = { userId: string; sessionVersion: number } | null;

export type Context = {
  runtime: Runtime;
  session: Session;
  /** The organisation the client is working in (header x-koubei-org); membership is checked per call. */
  orgId: string | null;
  locale: Locale;
  ip: string;
};

const TRPC_CODE: Record<AppErrorCode, TRPCError["code"]> = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  UNAUTHORIZED: "UNAUTHORIZED",
  CONFLICT: "CONFLICT",
  BAD_INPUT: "BAD_REQUEST",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  GONE: "PRECONDITION_FAILED",
};

export type FieldErrors = Record<string, string[]>;

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error, ctx }) {
    const locale = ctx?.locale ?? "zh-CN";
    const cause = error.cause;
    let messageKey: string | null = null;
    let fieldErrors: FieldErrors | null = null;
    if (cause instanceof AppError) {
      messageKey = cause.messageKey;
      if (cause.details.field) fieldErrors = { [cause.details.field]: [translateError(locale, cause.messageKey, cause.details.params)] };
    } else if (cause instanceof ZodError) {
      messageKey = "errors.invalidInput";
      fieldErrors = {};
      for (const issue of cause.issues) {
        const field = issue.path.join(".") || "_";
        (fieldErrors[field] ??= []).push(translateError(locale, issue.message));
      }
    }
    return {
      ...shape,
      message: messageKey ? translateError(locale, messageKey, cause instanceof AppError ? cause.details.params : undefined) : shape.message,
      data: { ...shape.data, messageKey, fieldErrors, stack: undefined },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

/** AppError → TRPCError, once, for every procedure. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: TRPC_CODE[cause.code], message: cause.messageKey, cause });
  }
  return result;
});

export const publicProcedure = t.procedure.use(mapErrors);

export const authedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "errors.signInRequired" });
  const user = await findUserById(ctx.runtime.handle, ctx.session.userId);
  // A bumped session version (password change, forced sign-out) invalidates older JWTs.
  if (!user || user.sessionVersion !== ctx.session.sessionVersion) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "errors.signInRequired" });
  }
  return next({ ctx: { ...ctx, user } });
});

export type OrgContext = { tx: Tx; scope: OrgScope; role: Role };

/**
 * The tenant comes from the context, never from input: membership and role are read from the
 * database on every call, and the whole procedure runs in one RLS-scoped transaction.
 */
export const orgProcedure = (permission: Permission) =>
  authedProcedure.use(async ({ ctx, next }) => {
    const orgId = ctx.orgId;
    if (!orgId || !z.uuid().safeParse(orgId).success) {
      throw new TRPCError({ code: "BAD_REQUEST", message: "errors.noOrganisation" });
    }
    const userId = ctx.user.id;
    // Work that must see this call's writes (queued jobs): run once the transaction has committed.
    const committed: (() => Promise<void>)[] = [];
    const afterCommit = (task: () => Promise<void>) => void committed.push(task);
    const outcome = await withTenant(ctx.runtime.handle, { orgId, userId }, async (tx) => {
      const membership = await findMembership(tx, orgId, userId);
      if (!membership) throw new TRPCError({ code: "FORBIDDEN", message: "errors.notAMember", cause: new AppError("FORBIDDEN", "errors.notAMember") });
      if (!can(membership.role, permission)) {
        throw new TRPCError({ code: "FORBIDDEN", message: "errors.forbidden", cause: new AppError("FORBIDDEN", "errors.forbidden") });
      }
      const scope: OrgScope = {
        orgId,
        userId,
        role: membership.role,
        shopIds: await grantedShopIds(tx, orgId, userId, membership.limitedToGrants),
      };
      const result = await next({ ctx: { ...ctx, tx, scope, role: membership.role, afterCommit } });
      // next() reports failure as a value; rethrow so the transaction rolls back.
      if (!result.ok) throw result.error;
      return result;
    });
    for (const task of committed) {
      await task().catch((error: unknown) => logger.error({ err: error, orgId }, "after-commit task failed"));
    }
    return outcome;
  });
