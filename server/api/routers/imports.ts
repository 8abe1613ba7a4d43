import { z } from "zod";
import { uuidSchema } from "@/server/lib/text";
import { bulkConfirmUpload, bulkPreviewUpload } from "@/server/imports/bulk-flow";
import { confirmUpload, getImportFor, listImportsFor, previewUpload, rejectedRowsFor, undoImportFor } from "@/server/imports/flow";
import { IMPORT_KINDS } from "@/server/imports/kinds";
import { deleteTemplate, listTemplates, saveTemplate } from "@/server/imports/queries";
import { orgScopeProcedure, router } from "../trpc";

const kindSchema = z.enum(IMPORT_KINDS);
const encodingSchema = z.enum(["auto", "utf-8", "gbk", "gb18030", "utf-16le", "utf-16be"]);
const mappingSchema = z.record(z.string().max(80), z.string().max(500).nullable());
const fileInput = z.object({
  uploadId: uuidSchema,
  shopId: uuidSchema,
  kind: kindSchema.optional(),
  encoding: encodingSchema.optional(),
  mapping: mappingSchema.optional(),
});

export const importsRouter = router({
  preview: orgScopeProcedure("imports.write")
    .input(fileInput)
    .mutation(({ ctx, input }) => previewUpload(ctx.runtime.handle, ctx.scope, ctx.locale, input)),
  confirm: orgScopeProcedure("imports.write")
    .input(fileInput.extend({ kind: kindSchema }))
    .mutation(({ ctx, input }) => confirmUpload(ctx.runtime.handle, ctx.runtime.boss, ctx.scope, input)),
  get: orgScopeProcedure("imports.read")
    .input(z.object({ importId: uuidSchema }))
    .query(({ ctx, input }) => getImportFor(ctx.runtime.handle, ctx.scope, input.importId)),
  list: orgScopeProcedure("imports.read")
    .input(z.object({ shopId: uuidSchema.optional(), bundleId: uuidSchema.optional(), limit: z.number().int().min(1).max(500).optional() }).optional())
    .query(({ ctx, input }) => listImportsFor(ctx.runtime.handle, ctx.scope, input ?? {})),
  rejectedRows: orgScopeProcedure("imports.read")
    .input(z.object({ importId: uuidSchema, limit: z.number().int().min(1).max(1000).optional() }))
    .query(({ ctx, input }) => rejectedRowsFor(ctx.runtime.handle, ctx.scope, input)),
  undo: orgScopeProcedure("imports.write")
    .input(z.object({ importId: uuidSchema }))
    .mutation(({ ctx, input }) => undoImportFor(ctx.runtime.handle, ctx.runtime.boss, ctx.scope, input.importId)),
  templates: orgScopeProcedure("imports.read")
    .input(z.object({ kind: kindSchema.optional() }).optional())
    .query(({ ctx, input }) => listTemplates(ctx.runtime.handle, ctx.scope, input ?? {})),
  saveTemplate: orgScopeProcedure("imports.write")
    .input(z.object({ kind: kindSchema, name: z.string().trim().min(1, "errors.required").max(80, "errors.tooLong"), mapping: mappingSchema, encoding: encodingSchema.optional() }))
    .mutation(({ ctx, input }) => saveTemplate(ctx.runtime.handle, ctx.scope, input)),
  deleteTemplate: orgScopeProcedure("imports.write")
    .input(z.object({ templateId: uuidSchema }))
    .mutation(({ ctx, input }) => deleteTemplate(ctx.runtime.handle, ctx.scope, input)),
  bulkPreview: orgScopeProcedure("imports.write")
    .input(z.object({ uploadId: uuidSchema }))
    .mutation(({ ctx, input }) => bulkPreviewUpload(ctx.runtime.handle, ctx.scope, input)),
  bulkConfirm: orgScopeProcedure("imports.write")
    .input(z.object({ uploadId: uuidSchema }))
    .mutation(({ ctx, input }) => bulkConfirmUpload(ctx.runtime.handle, ctx.runtime.boss, ctx.scope, input)),
});
