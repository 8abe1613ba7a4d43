import type { Command } from "commander";
import { z } from "zod";
import { roleSchema } from "@/lib/contracts/members";
import { memberships } from "@/db/schema";
import { createOrganisation, resolveOrgRef } from "@/server/orgs/service";
import { createOrgInput } from "@/lib/contracts/orgs";
import { RULE_SET_NAMES_BY_KIND } from "@/lib/contracts/rule-sets";
import { emailSchema, nameSchema, passwordSchema } from "@/lib/contracts/common";
import { createUser } from "@/server/users/service";
import { withTenant } from "@/server/db/tenant";
import { emit, withDatabase } from "../context";

export function registerOrgAndUserCommands(program: Command) {
  program
    .command("org")
    .description("organisations")
    .command("create")
    .requiredOption("--name <name>")
    .option("--kind <kind>", "agency | brand | creator_team", "brand")
    // Scripts keep their meaning: without --rule-set new shops start with douyin-shop-v1, as before.
    .option("--rule-set <name>", `the rule set new shops start with: ${RULE_SET_NAMES_BY_KIND.shop.join(" | ")}`, "douyin-shop-v1")
    .action(async (opts: { name: string; kind: string; ruleSet: string }) => {
      const input = createOrgInput.parse({ name: opts.name, kind: opts.kind, defaultShopRuleSet: opts.ruleSet });
      const org = await withDatabase((handle) => createOrganisation(handle, { ...input, ownerUserId: null }));
      emit({ id: org.orgId, name: org.name, kind: org.kind, defaultShopRuleSet: org.defaultShopRuleSet });
    });

  program
    .command("user")
    .description("users")
    .command("create")
    .requiredOption("--email <email>")
    .requiredOption("--password <password>")
    .option("--name <name>")
    .option("--org <org>", "organisation id or exact name to join")
    .option("--role <role>", "owner | admin | analyst | viewer", "viewer")
    .action(async (opts: { email: string; password: string; name?: string; org?: string; role: string }) => {
      const input = z
        .object({ email: emailSchema, password: passwordSchema, name: nameSchema(60), role: roleSchema })
        .parse({ ...opts, name: opts.name ?? opts.email.split("@")[0] });
      const result = await withDatabase(async (handle) => {
        const user = await createUser(handle, input);
        if (!opts.org) return { id: user.id, email: user.email };
        const { orgId } = await resolveOrgRef(handle, opts.org);
        await withTenant(handle, { orgId }, (tx) => tx.insert(memberships).values({ orgId, userId: user.id, role: input.role }));
        return { id: user.id, email: user.email, orgId, role: input.role };
      });
      emit(result);
    });
}
