import type { Tx } from "@/db/client";
import type { AppliedChecklist, ApplyPlaybookInput } from "@/lib/contracts/playbook-library";
import type { OrgScope } from "@/server/lib/scope";
import { applyPlaybook } from "@/server/playbooks/apply";

/**
 * The demo shop that ships slowly: its facts are generated at a low latent quality, so its pickup
 * and delivery fall to the bottom of the 服饰内衣 cohort and the logistics playbooks are suggested
 * on the newcomer's first visit to it.
 */
export const DEMO_SLOW_SHIPPER = "暖冬羽绒";
export const DEMO_SLOW_SHIPPER_QUALITY = 0.06;

/**
 * Applies a playbook in the demo organisation as its member would (same checklist, items, due days
 * and audit row as the Apply button): for seeding applied playbooks with history.
 */
export function applyDemoPlaybook(tx: Tx, scope: OrgScope, input: ApplyPlaybookInput): Promise<AppliedChecklist> {
  return applyPlaybook(tx, scope, input);
}
