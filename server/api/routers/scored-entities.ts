import {
  createEntityInput,
  listEntitiesInput,
  scoredEntityKinds,
  setEntityArchivedInput,
  updateEntityInput,
  type CreateEntityInput,
  type ScoredEntityKind,
  type UpdateEntityInput,
} from "@/lib/contracts/entities";
import { idInput } from "@/lib/contracts/common";
import { createAnnotationInput, updateAnnotationInput } from "@/lib/contracts/scores";
import { addAnnotation, deleteAnnotation, updateAnnotation } from "@/server/entities/annotations";
import { forecastInputSchema, gapInputSchema, whatIfInputSchema } from "@/lib/contracts/outlook";
import { entityForecast, gapToThreshold, whatIf } from "@/server/insight/outlook";
import { createGoalInput, entityGoalsInput, updateGoalInput } from "@/lib/contracts/goals";
import { createGoal, deleteGoal, listEntityGoals, updateGoal } from "@/server/goals/service";
import { getEntity, listEntities } from "@/server/entities/queries";
import { createEntity, setEntityArchived, updateEntity } from "@/server/entities/service";
import { scheduleRescore } from "@/server/scoring/rescore";
import { orgProcedure, router } from "../trpc";

/** The router of one kind of scored entity (`shops`, `creators`): same procedures, its permissions. */
export function scoredEntityRouter<K extends ScoredEntityKind>(kind: K) {
  return router(scoredEntityProcedures(kind));
}

/** The procedures of that router, for a kind that adds its own beside them (creators: merchants). */
export function scoredEntityProcedures<K extends ScoredEntityKind>(kind: K) {
  const { read, write } = scoredEntityKinds[kind].permissions;
  // tRPC cannot resolve the parsed type of a schema picked by a generic kind (it widens it with
  // undefined); the resolvers only run once that very schema has parsed the input.
  type Create = CreateEntityInput<K>;
  type Update = UpdateEntityInput<K>;
  return {
    list: orgProcedure(read).input(listEntitiesInput).query(({ ctx, input }) => listEntities(ctx.tx, ctx.scope, kind, input)),
    get: orgProcedure(read).input(idInput).query(({ ctx, input }) => getEntity(ctx.tx, ctx.scope, kind, input.id)),
    create: orgProcedure(write).input(createEntityInput[kind]).mutation(({ ctx, input }) => createEntity(ctx.tx, ctx.scope, kind, input as Create)),
    update: orgProcedure(write)
      .input(updateEntityInput[kind])
      .mutation(async ({ ctx, input }) => {
        const row = await updateEntity(ctx.tx, ctx.scope, kind, input as Update);
        const { handle, boss } = ctx.runtime;
        const orgId = ctx.scope.orgId;
        // The entity is marked in this transaction; the rescore must see that commit.
        if (row.rescoreScheduled) ctx.afterCommit(async () => void (await scheduleRescore(handle, { orgId }, { boss })));
        return row;
      }),
    setArchived: orgProcedure(write)
      .input(setEntityArchivedInput)
      .mutation(({ ctx, input }) => setEntityArchived(ctx.tx, ctx.scope, kind, input.id, input.archived)),
    // Notes on the score history's time axis: read with the score (scores.shop / scores.creator).
    addAnnotation: orgProcedure(write).input(createAnnotationInput).mutation(({ ctx, input }) => addAnnotation(ctx.tx, ctx.scope, kind, input)),
    updateAnnotation: orgProcedure(write).input(updateAnnotationInput).mutation(({ ctx, input }) => updateAnnotation(ctx.tx, ctx.scope, kind, input)),
    deleteAnnotation: orgProcedure(write).input(idInput).mutation(({ ctx, input }) => deleteAnnotation(ctx.tx, ctx.scope, kind, input.id)),
    // Insight (issue 11): the stored forecast, and what-if / gap recomputed against the newest day's cohort.
    forecast: orgProcedure("scores.read").input(forecastInputSchema).query(({ ctx, input }) => entityForecast(ctx.tx, ctx.scope, kind, input.id)),
    whatIf: orgProcedure("scores.read").input(whatIfInputSchema).query(({ ctx, input }) => whatIf(ctx.tx, ctx.scope, kind, input)),
    gap: orgProcedure("scores.read").input(gapInputSchema).query(({ ctx, input }) => gapToThreshold(ctx.tx, ctx.scope, kind, input)),
    // Goals (issue 18): whoever may change the entity sets its goals; whoever reads its score reads them.
    goals: orgProcedure("scores.read").input(entityGoalsInput).query(({ ctx, input }) => listEntityGoals(ctx.tx, ctx.scope, kind, input.entityId)),
    createGoal: orgProcedure(write).input(createGoalInput).mutation(({ ctx, input }) => createGoal(ctx.tx, ctx.scope, kind, input)),
    updateGoal: orgProcedure(write).input(updateGoalInput).mutation(({ ctx, input }) => updateGoal(ctx.tx, ctx.scope, kind, input)),
    deleteGoal: orgProcedure(write).input(idInput).mutation(({ ctx, input }) => deleteGoal(ctx.tx, ctx.scope, kind, input.id)),
  };
}
