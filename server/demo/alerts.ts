import { alertEndpoints, alertMemberPreferences } from "@/db/schema";
import type { Tx } from "@/db/client";
import { alertRuleInputSchema } from "@/lib/contracts/alerts";
import { createAlertRule } from "@/server/alerts/rules";
import type { OrgScope } from "@/server/lib/scope";

/**
 * The demo's alerts: three rules the rescore after seeding evaluates (so the bell has
 * notifications on first sign-in) and a Feishu group bot as an example endpoint, switched off
 * because its address is made up. The colleague has stored their Feishu id for @-mentions.
 */
export async function seedDemoAlerts(tx: Tx, scope: OrgScope, colleagueId: string): Promise<void> {
  const [bot] = await tx
    .insert(alertEndpoints)
    .values({ orgId: scope.orgId, name: "运营群 飞书机器人（示例）", channel: "feishu", target: "https://open.feishu.cn/open-apis/bot/v2/hook/00000000-demo-example", enabled: false, createdBy: scope.userId })
    .returning({ id: alertEndpoints.id });
  const rules = [
    { name: "综合分低于 4.6", rule: "overall<4.6", endpointIds: bot ? [bot.id] : [] },
    { name: "物流体验 7 天内下跌超过 0.2", rule: "logistics drop>0.2 in 7d" },
    { name: "数据停更超过 3 天", rule: "stale>3d" },
  ];
  for (const rule of rules) await createAlertRule(tx, scope, alertRuleInputSchema.parse(rule));
  await tx.insert(alertMemberPreferences).values({ orgId: scope.orgId, userId: colleagueId, inApp: true, email: false, feishuMention: "ou_demo_colleague" });
}
