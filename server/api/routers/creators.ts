import { creatorMerchantsInput } from "@/lib/contracts/creator-merchants";
import { creatorMerchants } from "@/server/entities/creator-merchants";
import { orgProcedure, router } from "../trpc";
import { scoredEntityProcedures } from "./scored-entities";

/** The scored-entity procedures, and the merchants the creator account sold for (its own imported orders). */
export const creatorsRouter = router({
  ...scoredEntityProcedures("creator"),
  merchants: orgProcedure("creators.read")
    .input(creatorMerchantsInput)
    .query(({ ctx, input }) => creatorMerchants(ctx.tx, ctx.scope, input)),
});
