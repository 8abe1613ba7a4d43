import type { Command } from "commander";
import { ALERT_CHANNELS, alertRuleInputSchema, alertRuleTextSchema, type AlertChannel } from "@/lib/contracts/alerts";
import { createAlertEndpoint } from "@/server/alerts/endpoints";
import { evaluateAlerts, unscoredEntityCount } from "@/server/alerts/evaluate";
import { createAlertRule } from "@/server/alerts/rules";
import { withTenant } from "@/server/db/tenant";
import { findEntityByRef } from "@/server/entities/queries";
import { isDay, todayInShanghai } from "@/server/lib/time";
import { systemScope } from "@/server/lib/scope";
import { resolveOrgRef } from "@/server/orgs/service";
import { rescoreEverythingStale } from "@/server/scoring/rescore";
import { storeOrganisationDay } from "@/server/scoring/service";
import { secretKey } from "@/server/sync/secrets";
import { CliUsageError, emit, withDatabase } from "../context";

type CreateOptions = { org?: string; channel?: string; url?: string; rule?: string; shop?: string; creator?: string; name?: string; secret?: string };

const isChannel = (value: string): value is AlertChannel => (ALERT_CHANNELS as readonly string[]).includes(value);

/** `koubei alert create`: an endpoint and a rule sending to it, in one transaction; prints {"id","secret"} (the secret of a webhook, shown once). */
async function createCommand(opts: CreateOptions) {
  if (!opts.org) throw new CliUsageError("--org is required");
  if (!opts.channel || !isChannel(opts.channel)) throw new CliUsageError(`--channel must be one of ${ALERT_CHANNELS.join(", ")}`);
  if (!opts.url) throw new CliUsageError("--url is required (the e-mail address for --channel email)");
  if (!opts.rule) throw new CliUsageError("--rule is required, e.g. \"overall<4.6\"");
  if (opts.shop && opts.creator) throw new CliUsageError("name at most one of --shop or --creator");
  const channel = opts.channel;
  // A rule outside the language is refused before the database is opened.
  alertRuleTextSchema.parse(opts.rule);
  const created = await withDatabase(async (handle) => {
    const { orgId } = await resolveOrgRef(handle, opts.org ?? "");
    const scope = systemScope(orgId);
    return withTenant(handle, { orgId }, async (tx) => {
      const named = opts.shop ? { kind: "shop" as const, ref: opts.shop } : opts.creator ? { kind: "creator" as const, ref: opts.creator } : null;
      const entity = named ? await findEntityByRef(tx, scope, named.kind, named.ref) : null;
      const name = opts.name ?? opts.rule ?? "";
      const { endpoint, secret } = await createAlertEndpoint(tx, secretKey(handle), scope, { name: name.slice(0, 80), channel, target: opts.url ?? "", botSecret: opts.secret });
      const input = alertRuleInputSchema.parse({ name: name.slice(0, 80), rule: opts.rule ?? "", entity: entity && named ? { kind: named.kind, id: entity.id } : null, endpointIds: [endpoint.id] });
      const rule = await createAlertRule(tx, scope, input);
      return { id: rule.id, secret };
    });
  });
  emit(created);
}

/** `koubei alert evaluate`: the day's scores (scored first when missing), every rule, one JSON line per delivery. */
async function evaluateCommand(opts: { org?: string; date?: string }) {
  if (!opts.org) throw new CliUsageError("--org is required");
  const date = opts.date ?? todayInShanghai();
  if (!isDay(date)) throw new CliUsageError(`--date must be YYYY-MM-DD, got ${date}`);
  await withDatabase(async (handle) => {
    const { orgId } = await resolveOrgRef(handle, opts.org ?? "");
    // As `koubei score`: a rescore still owed is caught up first; its alerts are this command's to print.
    await rescoreEverythingStale(handle, todayInShanghai(), { alerts: false });
    for (const kind of ["shop", "creator"] as const) {
      const missing = await withTenant(handle, { orgId }, (tx) => unscoredEntityCount(tx, orgId, kind, date));
      if (missing > 0) await storeOrganisationDay(handle, { orgId, kind, day: date });
    }
    for (const record of await evaluateAlerts(handle, orgId, date, { boss: null })) emit(record);
  });
}

export function registerAlertCommands(program: Command) {
  const alert = program.command("alert").description("alert rules and their delivery");
  alert
    .command("create")
    .description("create an endpoint and a rule sending to it (prints {\"id\",\"secret\"})")
    .option("--org <org>", "organisation id or exact name")
    .option("--channel <channel>", ALERT_CHANNELS.join(" | "))
    .option("--url <url>", "webhook or bot URL (an e-mail address for email)")
    .option("--rule <rule>", "e.g. \"overall<4.6\", \"service<=4.5\", \"overall drop>0.2 in 7d\", \"forecast overall<4.6 within 7d\", \"import failed\", \"stale>3d\"")
    .option("--shop <shop>", "only this shop (id or external id)")
    .option("--creator <creator>", "only this creator account (id or author id)")
    .option("--name <name>", "the rule's name (default: the rule)")
    .option("--secret <secret>", "the signing secret of a Feishu or DingTalk bot")
    .action(createCommand);
  alert
    .command("evaluate")
    .description("evaluate every rule against the day's scores and deliver (prints one JSON object per delivery)")
    .option("--org <org>", "organisation id or exact name")
    .option("--date <day>", "the day (YYYY-MM-DD, Asia/Shanghai); default today")
    .action(evaluateCommand);
}
