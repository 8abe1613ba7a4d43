import { listCategories } from "@/server/catalog/service";
import { withTenant } from "@/server/db/tenant";
import { RULE_SET_NAMES_BY_KIND } from "@/lib/contracts/rule-sets";
import { publicProcedure, router } from "../trpc";

export const catalogRouter = router({
  categories: publicProcedure.query(({ ctx }) => withTenant(ctx.runtime.handle, { orgId: null }, (tx) => listCategories(tx))),
  ruleSets: publicProcedure.query(() => RULE_SET_NAMES_BY_KIND),
});
