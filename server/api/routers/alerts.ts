import { idInput } from "@/lib/contracts/common";
import { alertEndpointInputSchema, alertEndpointUpdateSchema, alertPreferencesSchema, alertRuleInputSchema, alertRuleUpdateSchema } from "@/lib/contracts/alerts";
import { createAlertEndpoint, deleteAlertEndpoint, listAlertEndpoints, updateAlertEndpoint } from "@/server/alerts/endpoints";
import { listAlertDeliveries, myAlertPreferences, saveAlertPreferences } from "@/server/alerts/preferences";
import { createAlertRule, deleteAlertRule, listAlertRules, updateAlertRule } from "@/server/alerts/rules";
import { sendTestMessage } from "@/server/alerts/test-send";
import { secretKey } from "@/server/sync/secrets";
import { orgProcedure, orgScopeProcedure, router } from "../trpc";

/** Alert rules, their endpoints, each member's own choices and the delivery log (issue 18). */
export const alertsRouter = router({
  rules: orgProcedure("alerts.read").query(({ ctx }) => listAlertRules(ctx.tx, ctx.scope)),
  createRule: orgProcedure("alerts.manage")
    .input(alertRuleInputSchema)
    .mutation(({ ctx, input }) => createAlertRule(ctx.tx, ctx.scope, input)),
  updateRule: orgProcedure("alerts.manage")
    .input(alertRuleUpdateSchema)
    .mutation(({ ctx, input }) => updateAlertRule(ctx.tx, ctx.scope, input)),
  deleteRule: orgProcedure("alerts.manage")
    .input(idInput)
    .mutation(({ ctx, input }) => deleteAlertRule(ctx.tx, ctx.scope, input.id)),

  endpoints: orgProcedure("alerts.read").query(({ ctx }) => listAlertEndpoints(ctx.tx, ctx.scope)),
  createEndpoint: orgProcedure("alerts.manage")
    .input(alertEndpointInputSchema)
    .mutation(({ ctx, input }) => createAlertEndpoint(ctx.tx, secretKey(ctx.runtime.handle), ctx.scope, input)),
  updateEndpoint: orgProcedure("alerts.manage")
    .input(alertEndpointUpdateSchema)
    .mutation(({ ctx, input }) => updateAlertEndpoint(ctx.tx, ctx.scope, input)),
  deleteEndpoint: orgProcedure("alerts.manage")
    .input(idInput)
    .mutation(({ ctx, input }) => deleteAlertEndpoint(ctx.tx, ctx.scope, input.id)),
  // Its own transactions: the message goes out with none open.
  testEndpoint: orgScopeProcedure("alerts.manage")
    .input(idInput)
    .mutation(({ ctx, input }) => sendTestMessage(ctx.runtime.handle, ctx.scope, input.id)),

  deliveries: orgProcedure("alerts.log").query(({ ctx }) => listAlertDeliveries(ctx.tx, ctx.scope)),

  preferences: orgProcedure("alerts.read").query(({ ctx }) => myAlertPreferences(ctx.tx, ctx.scope)),
  savePreferences: orgProcedure("alerts.read")
    .input(alertPreferencesSchema)
    .mutation(({ ctx, input }) => saveAlertPreferences(ctx.tx, ctx.scope, input)),
});
