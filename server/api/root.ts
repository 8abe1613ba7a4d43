import { authRouter } from "./routers/auth";
import { catalogRouter } from "./routers/catalog";
import { creatorsRouter } from "./routers/creators";
import { digestRouter } from "./routers/digest";
import { directoryRouter } from "./routers/directory";
import { importsRouter } from "./routers/imports";
import { insightRouter } from "./routers/insight";
import { membersRouter } from "./routers/members";
import { notificationsRouter } from "./routers/notifications";
import { orgsRouter } from "./routers/orgs";
import { portfolioRouter } from "./routers/portfolio";
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
  portfolio: portfolioRouter,
  insight: insightRouter,
  imports: importsRouter,
  sync: syncRouter,
  voc: vocRouter,
  directory: directoryRouter,
  notifications: notificationsRouter,
  digest: digestRouter,
});

export type AppRouter = typeof appRouter;
/** The router of a shop or a creator account, seen as "either kind": what the shared entity UI calls. */
export type EitherKindEntityRouter = ReturnType<typeof scoredEntityRouter<ScoredEntityKind>>;
export const createCaller = createCallerFactory(appRouter);
