import { z } from "zod";
import { daySchema, uuidSchema } from "./common";

export const AUDIT_SORT_KEYS = ["at", "action", "actor"] as const;
export type AuditSortKey = (typeof AUDIT_SORT_KEYS)[number];
export const AUDIT_PAGE_SIZES = [25, 50, 100] as const;
export const AUDIT_EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];
/** An export holds at most this many rows (newest first after the filters). */
export const AUDIT_EXPORT_MAX_ROWS = 50_000;

/** The filters the viewer, its export and the URL share; days are Asia/Shanghai business days. */
export const auditFilterSchema = z.object({
  action: z.string().trim().max(60).optional(),
  actorUserId: uuidSchema.optional(),
  from: daySchema.optional(),
  to: daySchema.optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditLogInput = auditFilterSchema.extend({
  sort: z.enum(AUDIT_SORT_KEYS).default("at"),
  direction: z.enum(["asc", "desc"]).default("desc"),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(10).max(100).default(50),
});
export type AuditLogInput = z.infer<typeof auditLogInput>;

/**
 * The message key of an action (audit.actions.member_role for "member.role"): dots are the
 * catalogue's nesting, so the action's own dots become underscores.
 */
export const auditActionKey = (action: string) => `audit.actions.${action.replace(/\./g, "_")}`;
