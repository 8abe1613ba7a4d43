import {
  applyPlaybookInput,
  archivePlaybookInput,
  copyPlaybookInput,
  createPlaybookInput,
  listPlaybooksInput,
  playbookByCodeInput,
  suggestPlaybooksInput,
  updatePlaybookInput,
} from "@/lib/contracts/playbook-library";
import { applyPlaybook } from "@/server/playbooks/apply";
import { archivePlaybook, copyBuiltin, createPlaybook, libraryView, playbookByCode, updatePlaybook } from "@/server/playbooks/library";
import { suggestPlaybooks } from "@/server/playbooks/suggest";
import { orgProcedure, router } from "../trpc";

/** The playbook library (built-ins and the organisation's own), suggestions for a score, and applying one as a checklist. */
export const playbooksRouter = router({
  list: orgProcedure("playbooks.read").input(listPlaybooksInput).query(({ ctx, input }) => libraryView(ctx.tx, ctx.scope, input)),
  get: orgProcedure("playbooks.read").input(playbookByCodeInput).query(({ ctx, input }) => playbookByCode(ctx.tx, ctx.scope, input.code)),
  copy: orgProcedure("playbooks.write").input(copyPlaybookInput).mutation(({ ctx, input }) => copyBuiltin(ctx.tx, ctx.scope, input)),
  create: orgProcedure("playbooks.write").input(createPlaybookInput).mutation(({ ctx, input }) => createPlaybook(ctx.tx, ctx.scope, input)),
  update: orgProcedure("playbooks.write").input(updatePlaybookInput).mutation(({ ctx, input }) => updatePlaybook(ctx.tx, ctx.scope, input)),
  archive: orgProcedure("playbooks.write").input(archivePlaybookInput).mutation(({ ctx, input }) => archivePlaybook(ctx.tx, ctx.scope, input)),
  suggest: orgProcedure("playbooks.read").input(suggestPlaybooksInput).query(({ ctx, input }) => suggestPlaybooks(ctx.tx, ctx.scope, input)),
  // "apply" itself is a word tRPC reserves (routers are proxies of functions).
  applyToEntity: orgProcedure("playbooks.apply").input(applyPlaybookInput).mutation(({ ctx, input }) => applyPlaybook(ctx.tx, ctx.scope, input)),
});
