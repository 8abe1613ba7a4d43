import { z } from "zod";
import { createCreatorInput, listCreatorsInput, updateCreatorInput } from "@/server/creators/schemas";
import { createCreator, getCreator, listCreators, setCreatorArchived, updateCreator } from "@/server/creators/service";
import { uuidSchema } from "@/lib/contracts/common";
import { orgProcedure, router } from "../trpc";

export const creatorsRouter = router({
  list: orgProcedure("creators.read").input(listCreatorsInput).query(({ ctx, input }) => listCreators(ctx.tx, ctx.scope, input)),
  get: orgProcedure("creators.read")
    .input(z.object({ id: uuidSchema }))
    .query(({ ctx, input }) => getCreator(ctx.tx, ctx.scope, input.id)),
  create: orgProcedure("creators.write").input(createCreatorInput).mutation(({ ctx, input }) => createCreator(ctx.tx, ctx.scope, input)),
  update: orgProcedure("creators.write").input(updateCreatorInput).mutation(({ ctx, input }) => updateCreator(ctx.tx, ctx.scope, input)),
  setArchived: orgProcedure("creators.write")
    .input(z.object({ id: uuidSchema, archived: z.boolean() }))
    .mutation(({ ctx, input }) => setCreatorArchived(ctx.tx, ctx.scope, input.id, input.archived)),
});
