import { auditLogInput } from "@/lib/contracts/audit";
import { auditFilterOptions, auditLogPage } from "@/server/audit-log/queries";
import { orgProcedure, router } from "../trpc";

/** Who changed what: owners and administrators only (audit.read). */
export const auditRouter = router({
  page: orgProcedure("audit.read")
    .input(auditLogInput)
    .query(({ ctx, input }) => auditLogPage(ctx.tx, ctx.scope, input)),
  filterOptions: orgProcedure("audit.read").query(({ ctx }) => auditFilterOptions(ctx.tx, ctx.scope)),
});
