import { vocDictionaryInput, vocEntityInput, vocProblemItemsInput, vocProblemsInput } from "@/lib/contracts/voc";
import { readDictionary, resetDictionary, saveDictionary } from "@/server/voc/dictionary";
import { drillDowns } from "@/server/voc/drill-downs";
import { problemItems, problemSummary } from "@/server/voc/problems";
import { orgProcedure, router } from "../trpc";

/** 买家之声 Voice of the customer: problems heard from buyers and where each indicator is lost, for shops and creators alike. */
export const vocRouter = router({
  problems: orgProcedure("scores.read").input(vocProblemsInput).query(({ ctx, input }) => problemSummary(ctx.tx, ctx.scope, input)),
  problemItems: orgProcedure("scores.read").input(vocProblemItemsInput).query(({ ctx, input }) => problemItems(ctx.tx, ctx.scope, input)),
  drillDowns: orgProcedure("scores.read").input(vocEntityInput).query(({ ctx, input }) => drillDowns(ctx.tx, ctx.scope, input)),
  dictionary: orgProcedure("org.read").query(({ ctx }) => readDictionary(ctx.tx, ctx.scope.orgId)),
  saveDictionary: orgProcedure("voc.write").input(vocDictionaryInput).mutation(({ ctx, input }) => saveDictionary(ctx.tx, ctx.scope, input)),
  resetDictionary: orgProcedure("voc.write").mutation(({ ctx }) => resetDictionary(ctx.tx, ctx.scope)),
});
