import { bulkConfirmUpload, bulkPreviewUpload } from "@/server/imports/bulk-flow";
import { confirmUpload, getImportFor, listImportsFor, previewUpload, rejectedRowsFor, undoBundleFor, undoImportFor } from "@/server/imports/flow";
import {
  bundleIdInput,
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
import { orgScopeProcedure, router } from "../trpc";

export const importsRouter = router({
  preview: orgScopeProcedure("imports.write")
    .input(importFileInput)
    .mutation(({ ctx, input }) => previewUpload(ctx.runtime.handle, ctx.scope, ctx.locale, input)),
  confirm: orgScopeProcedure("imports.write")
    .input(confirmImportInput)
    .mutation(({ ctx, input }) => confirmUpload(ctx.runtime.handle, ctx.runtime.boss, ctx.scope, input)),
  get: orgScopeProcedure("imports.read")
    .input(importIdInput)
    .query(({ ctx, input }) => getImportFor(ctx.runtime.handle, ctx.scope, input.importId)),
  list: orgScopeProcedure("imports.read")
    .input(listImportsInput)
    .query(({ ctx, input }) => listImportsFor(ctx.runtime.handle, ctx.scope, input ?? {})),
  rejectedRows: orgScopeProcedure("imports.read")
    .input(rejectedRowsInput)
    .query(({ ctx, input }) => rejectedRowsFor(ctx.runtime.handle, ctx.scope, input)),
  undo: orgScopeProcedure("imports.write")
    .input(importIdInput)
    .mutation(({ ctx, input }) => undoImportFor(ctx.runtime.handle, ctx.runtime.boss, ctx.scope, input.importId)),
  undoBundle: orgScopeProcedure("imports.write")
    .input(bundleIdInput)
    .mutation(({ ctx, input }) => undoBundleFor(ctx.runtime.handle, ctx.runtime.boss, ctx.scope, input.bundleId)),
  templates: orgScopeProcedure("imports.read")
    .input(listTemplatesInput)
    .query(({ ctx, input }) => listTemplates(ctx.runtime.handle, ctx.scope, input ?? {})),
  saveTemplate: orgScopeProcedure("imports.write")
    .input(saveTemplateInput)
    .mutation(({ ctx, input }) => saveTemplate(ctx.runtime.handle, ctx.scope, input)),
  deleteTemplate: orgScopeProcedure("imports.write")
    .input(templateIdInput)
    .mutation(({ ctx, input }) => deleteTemplate(ctx.runtime.handle, ctx.scope, input)),
  bulkPreview: orgScopeProcedure("imports.write")
    .input(uploadIdInput)
    .mutation(({ ctx, input }) => bulkPreviewUpload(ctx.runtime.handle, ctx.scope, input)),
  bulkConfirm: orgScopeProcedure("imports.write")
    .input(uploadIdInput)
    .mutation(({ ctx, input }) => bulkConfirmUpload(ctx.runtime.handle, ctx.runtime.boss, ctx.scope, input)),
});
