import { z } from "zod";
import { createShopInput, listShopsInput, updateShopInput } from "@/server/shops/schemas";
import { createShop, getShop, listShops, setShopArchived, updateShop } from "@/server/shops/service";
import { uuidSchema } from "@/lib/contracts/common";
import { orgProcedure, router } from "../trpc";

export const shopsRouter = router({
  list: orgProcedure("shops.read").input(listShopsInput).query(({ ctx, input }) => listShops(ctx.tx, ctx.scope, input)),
  get: orgProcedure("shops.read")
    .input(z.object({ id: uuidSchema }))
    .query(({ ctx, input }) => getShop(ctx.tx, ctx.scope, input.id)),
  create: orgProcedure("shops.write").input(createShopInput).mutation(({ ctx, input }) => createShop(ctx.tx, ctx.scope, input)),
  update: orgProcedure("shops.write").input(updateShopInput).mutation(({ ctx, input }) => updateShop(ctx.tx, ctx.scope, input)),
  setArchived: orgProcedure("shops.write")
    .input(z.object({ id: uuidSchema, archived: z.boolean() }))
    .mutation(({ ctx, input }) => setShopArchived(ctx.tx, ctx.scope, input.id, input.archived)),
});
