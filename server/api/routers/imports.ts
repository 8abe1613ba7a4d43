import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { can } from "@/server/authz/permissions";
import type { Permission } from "@/lib/contracts/permissions";
import { withTenant } from "@/server/db/tenant";
import { AppError } from "@/server/lib/errors";
import type { OrgScope } from "@/server/lib/scope";
import { grantedShopIds } from "@/server/members/service";
import { findMembership } from "@/server/orgs/service";
import { bulkConfirmUpload, bulkPreviewUpload } from "@/server/imports/bulk-flow";
import { confirmUpload, getImportFor, listImportsFor, previewUpload, rejectedRowsFor, undoImportFor } from "@/server/imports/flow";
import {
  confirmImportInput,
  importFileInput,
  importIdInput,
  listImportsInput,
  listTemplatesInput,
  rejectedRowsInput,
  saveTemplateInput,
  templateIdInput,
  uploadIdInput,
} from "@/lib/contracts/imports";
import { deleteTemplate, listTemplates, saveTemplate } from "@/server/imports/queries";
import { authedProcedure, router } from "../trpc";

/**
 * Like orgProcedure (membership and permission read from the database on every call), but the
 * check's transaction ends before the procedure runs: the import engine opens its own
 * RLS-scoped transactions on the handle, and PGlite has a single connection.
 */
const importProcedure = (permission: Permission) =>
  authedProcedure.use(async ({ ctx, next }) => {
    const orgId = ctx.orgId;
    if (!orgId || !z.uuid().safeParse(orgId).success) {
      throw new TRPCError({ code: "BAD_REQUEST", message: "errors.noOrganisation" });
    }
    const userId = ctx.user.id;
    const scope = await withTenant(ctx.runtime.handle, { orgId, userId }, async (tx): Promise<OrgScope> => {
      const membership = await findMembership(tx, orgId, userId);
      if (!membership) throw new TRPCError({ code: "FORBIDDEN", message: "errors.notAMember", cause: new AppError("FORBIDDEN", "errors.notAMember") });
      if (!can(membership.role, permission)) {
        throw new TRPCError({ code: "FORBIDDEN", message: "errors.forbidden", cause: new AppError("FORBIDDEN", "errors.forbidden") });
      }
      return { orgId, userId, role: membership.role, shopIds: await grantedShopIds(tx, orgId, userId, membership.limitedToGrants) };
    });
    return next({ ctx: { ...ctx, scope } });
  });

export const importsRouter = router({
  preview: importProcedure("imports.write")
    .input(importFileInput)
    .mutation(({ ctx, input }) => previewUpload(ctx.runtime.handle, ctx.scope, ctx.locale, input)),
  confirm: importProcedure("imports.write")
    .input(confirmImportInput)
    .mutation(({ ctx, input }) => confirmUpload(ctx.runtime.handle, ctx.runtime.boss, ctx.scope, input)),
  get: importProcedure("imports.read")
    .input(importIdInput)
    .query(({ ctx, input }) => getImportFor(ctx.runtime.handle, ctx.scope, input.importId)),
  list: importProcedure("imports.read")
    .input(listImportsInput)
    .query(({ ctx, input }) => listImportsFor(ctx.runtime.handle, ctx.scope, input ?? {})),
  rejectedRows: importProcedure("imports.read")
    .input(rejectedRowsInput)
    .query(({ ctx, input }) => rejectedRowsFor(ctx.runtime.handle, ctx.scope, input)),
  undo: importProcedure("imports.write")
    .input(importIdInput)
    .mutation(({ ctx, input }) => undoImportFor(ctx.runtime.handle, ctx.runtime.boss, ctx.scope, input.importId)),
  templates: importProcedure("imports.read")
    .input(listTemplatesInput)
    .query(({ ctx, input }) => listTemplates(ctx.runtime.handle, ctx.scope, input ?? {})),
  saveTemplate: importProcedure("imports.write")
    .input(saveTemplateInput)
    .mutation(({ ctx, input }) => saveTemplate(ctx.runtime.handle, ctx.scope, input)),
  deleteTemplate: importProcedure("imports.write")
    .input(templateIdInput)
    .mutation(({ ctx, input }) => deleteTemplate(ctx.runtime.handle, ctx.scope, input)),
  bulkPreview: importProcedure("imports.write")
    .input(uploadIdInput)
    .mutation(({ ctx, input }) => bulkPreviewUpload(ctx.runtime.handle, ctx.scope, input)),
  bulkConfirm: importProcedure("imports.write")
    .input(uploadIdInput)
    .mutation(({ ctx, input }) => bulkConfirmUpload(ctx.runtime.handle, ctx.runtime.boss, ctx.scope, input)),
});
