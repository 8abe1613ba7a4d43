import { alertsRouter } from "./routers/alerts";
import { apiKeysRouter } from "./routers/api-keys";
import { auditRouter } from "./routers/audit";
import { authRouter } from "./routers/auth";
import { calibrationRouter } from "./routers/calibration";
import { catalogRouter } from "./routers/catalog";
import { checklistsRouter } from "./routers/checklists";
import { creatorsRouter } from "./routers/creators";
import { digestRouter } from "./routers/digest";
import { directoryRouter } from "./routers/directory";
import { importsRouter } from "./routers/imports";
import { insightRouter } from "./routers/insight";
import { membersRouter } from "./routers/members";
import { notificationsRouter } from "./routers/notifications";
import { orgsRouter } from "./routers/orgs";
import { parametersRouter } from "./routers/parameters";
import { penaltyTypesRouter } from "./routers/penalty-types";
import { platformScoresRouter } from "./routers/platform-scores";
import { playbooksRouter } from "./routers/playbooks";
import { portfolioRouter } from "./routers/portfolio";
import { queuesRouter } from "./routers/queues";
import { publicApiRouter } from "./routers/public-api";
import { scoresRouter } from "./routers/scores";
import { shopsRouter } from "./routers/shops";
import type { scoredEntityRouter } from "./routers/scored-entities";
import { syncRouter } from "./routers/sync";
import { vocRouter } from "./routers/voc";
import { createCallerFactory, router } from "./trpc";
import type { ScoredEntityKind } from "@/lib/contracts/entities";

export const appRouter = router({
  auth: authRouter,
  catalog: catalogRouter,
  orgs: orgsRouter,
  members: membersRouter,
  shops: shopsRouter,
  creators: creatorsRouter,
  scores: scoresRouter,
  parameters: parametersRouter,
  penaltyTypes: penaltyTypesRouter,
  calibration: calibrationRouter,
  portfolio: portfolioRouter,
  insight: insightRouter,
  imports: importsRouter,
  sync: syncRouter,
  platformScores: platformScoresRouter,
  voc: vocRouter,
  queues: queuesRouter,
  directory: directoryRouter,
  notifications: notificationsRouter,
  alerts: alertsRouter,
  checklists: checklistsRouter,
  playbooks: playbooksRouter,
  apiKeys: apiKeysRouter,
  audit: auditRouter,
  /** The public REST API's procedures (app/api/v1): served there with API keys, here like any other. */
  api: publicApiRouter,
  digest: digestRouter,
});

export type AppRouter = typeof appRouter;
/** The router of a shop or a creator account, seen as "either kind": what the shared entity UI calls. */
export type EitherKindEntityRouter = ReturnType<typeof scoredEntityRouter<ScoredEntityKind>>;
export const createCaller = createCallerFactory(appRouter);
