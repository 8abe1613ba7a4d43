import { scoredEntityKinds, type ScoredEntityKind } from "@/lib/contracts/entities";
import {
  publicAlertListSchema,
  publicAlertsInput,
  publicEntityListSchema,
  publicHistoryInput,
  publicHistorySchema,
  publicImportSchema,
  publicListEntitiesInput,
  publicScoreInput,
  publicScoreSchema,
  publicStartImportInput,
} from "@/lib/contracts/public-api";
import { listOrganisationAlerts } from "@/server/public-api/alerts";
import { listPublicEntities } from "@/server/public-api/entities";
import { startImportFromApi } from "@/server/public-api/imports";
import { publicHistory, publicScore } from "@/server/public-api/scores";
import { orgProcedure, orgScopeProcedure, router } from "../trpc";

/** 401/403/404/429 as every endpoint may answer them (a key missing, revoked, out of scope; a row not found; the rate spent). */
// The document speaks to developers: Chinese first, English beside it.
const ERRORS = { 400: "输入无效 · Invalid input", 401: "密钥缺失、无效或已撤销 · Missing, unknown or revoked API key", 403: "密钥权限不足 · The key's scope does not allow this", 404: "未找到 · Not found", 429: "请求过于频繁 · Rate limit reached (see Retry-After)" };

const PLURAL: Record<ScoredEntityKind, "shops" | "creators"> = { shop: "shops", creator: "creators" };
const LIST_SUMMARY: Record<ScoredEntityKind, string> = { shop: "店铺列表 · List the organisation's shops", creator: "达人账号列表 · List the organisation's creator accounts" };

/** The same three endpoints for shops and creator accounts, each under its kind's permissions. */
function entityEndpoints<K extends ScoredEntityKind>(kind: K) {
  const plural = PLURAL[kind];
  const { read } = scoredEntityKinds[kind].permissions;
  const tags = [plural];
  return router({
    list: orgProcedure(read)
      .meta({ openapi: { method: "GET", path: `/${plural}`, tags, summary: LIST_SUMMARY[kind], errorResponses: ERRORS } })
      .input(publicListEntitiesInput)
      .output(publicEntityListSchema)
      .query(({ ctx, input }) => listPublicEntities(ctx.tx, ctx.scope, kind, input)),
    // Scoring a day that is not stored opens its own transactions, so the guard's has to end first.
    score: orgScopeProcedure("scores.read")
      .meta({ openapi: { method: "GET", path: `/${plural}/{id}/score`, tags, summary: "评分及其解释 · The score with its explanation (latest, or as of a day)", errorResponses: ERRORS } })
      .input(publicScoreInput)
      .output(publicScoreSchema)
      .query(({ ctx, input }) => publicScore(ctx.runtime.handle, ctx.scope, kind, input.id, input.day)),
    history: orgProcedure("scores.read")
      .meta({ openapi: { method: "GET", path: `/${plural}/{id}/history`, tags, summary: "每日评分历史 · The daily score history (overall and dimensions)", errorResponses: ERRORS } })
      .input(publicHistoryInput)
      .output(publicHistorySchema)
      .query(({ ctx, input }) => publicHistory(ctx.tx, ctx.scope, kind, input.id, input)),
  });
}

/**
 * The public REST API (app/api/v1, OpenAPI at /api/v1/openapi.json): procedures like any other,
 * behind the same guard, with stable inputs and outputs of their own. Its route handler hands
 * the guard an API key instead of a session.
 */
export const publicApiRouter = router({
  shops: entityEndpoints("shop"),
  creators: entityEndpoints("creator"),
  startImport: orgScopeProcedure("imports.write")
    .meta({ openapi: { method: "POST", path: "/imports", tags: ["imports"], summary: "导入文件 · Import a CSV/XLSX export into a shop or creator account", errorResponses: { ...ERRORS, 403: "只读密钥不能导入 · A read-only key cannot import" } } })
    .input(publicStartImportInput)
    .output(publicImportSchema)
    .mutation(({ ctx, input }) => startImportFromApi(ctx.runtime.handle, ctx.runtime.boss, ctx.scope, input)),
  alerts: orgProcedure("org.read")
    .meta({ openapi: { method: "GET", path: "/alerts", tags: ["alerts"], summary: "提醒列表 · The organisation's alerts, newest first", errorResponses: ERRORS } })
    .input(publicAlertsInput)
    .output(publicAlertListSchema)
    .query(({ ctx, input }) => listOrganisationAlerts(ctx.tx, ctx.scope, input.limit)),
});
