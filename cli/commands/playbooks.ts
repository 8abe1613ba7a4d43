import type { Command } from "commander";
import { withTenant } from "@/server/db/tenant";
import { findEntityByRef } from "@/server/entities/queries";
import { cliLocale, translate } from "@/server/lib/i18n";
import { isDay, todayInShanghai } from "@/server/lib/time";
import { systemScope } from "@/server/lib/scope";
import { resolveOrgRef } from "@/server/orgs/service";
import { listLibrary } from "@/server/playbooks/library";
import { suggestPlaybooks } from "@/server/playbooks/suggest";
import { entityScoreAsOf } from "@/server/scoring/as-of";
import { rescoreEverythingStale } from "@/server/scoring/rescore";
import { CliUsageError, emit, inOrg, withDatabase } from "../context";

type SuggestOptions = { org?: string; shop?: string; creator?: string; date?: string };

const titleIn = (locale: string, d: { titleZh: string; titleEn: string }) => (locale === "en" ? d.titleEn : d.titleZh);

/**
 * `koubei playbook suggest` (a contract used by acceptance checks): one JSON object per suggested
 * playbook for the entity's score on the day, {playbook, title, dimension, indicators, reason},
 * strongest reason first; title and reason in KOUBEI_LOCALE (Chinese by default).
 */
async function suggestCommand(opts: SuggestOptions) {
  if (!opts.org) throw new CliUsageError("--org is required");
  const date = opts.date ?? todayInShanghai();
  if (!isDay(date)) throw new CliUsageError(`--date must be YYYY-MM-DD, got ${date}`);
  if ([opts.shop, opts.creator].filter(Boolean).length !== 1) throw new CliUsageError("name exactly one of --shop or --creator");
  const named = opts.shop ? { kind: "shop" as const, ref: opts.shop } : { kind: "creator" as const, ref: opts.creator ?? "" };
  const locale = cliLocale();

  await withDatabase(async (handle) => {
    const { orgId } = await resolveOrgRef(handle, opts.org ?? "");
    const scope = systemScope(orgId);
    // As `koubei score`: a rescore still owed is caught up first, then the day's score is stored if it is not yet.
    await rescoreEverythingStale(handle);
    const entity = await withTenant(handle, { orgId }, (tx) => findEntityByRef(tx, scope, named.kind, named.ref));
    await entityScoreAsOf(handle, scope, named.kind, entity.id, { day: date });
    const result = await withTenant(handle, { orgId }, (tx) => suggestPlaybooks(tx, scope, { kind: named.kind, id: entity.id, day: date }));
    for (const s of result.suggestions) {
      emit({ playbook: s.playbook, title: titleIn(locale, s), dimension: s.dimension, indicators: s.indicators, reason: translate(locale, s.reason) });
    }
  });
}

/** `koubei playbook list`: the organisation's library, one JSON object per playbook (built-ins first). */
async function listCommand(opts: { org?: string; archived?: boolean }) {
  if (!opts.org) throw new CliUsageError("--org is required");
  const locale = cliLocale();
  await withDatabase(async (handle) => {
    const entries = await inOrg(handle, opts.org ?? "", (tx, scope) => listLibrary(tx, scope, { includeArchived: opts.archived === true }));
    for (const e of entries) {
      emit({
        playbook: e.code,
        version: e.version,
        source: e.source,
        title: titleIn(locale, e.definition),
        dimension: e.definition.dimension,
        indicators: e.definition.indicators,
        entityKinds: e.definition.entityKinds,
        steps: e.definition.steps.length,
        basedOn: e.basedOnCode ? { playbook: e.basedOnCode, version: e.basedOnVersion } : null,
        archived: e.archived,
      });
    }
  });
}

export function registerPlaybookCommands(program: Command) {
  const playbook = program.command("playbook").description("improvement playbooks: the library and suggestions for a score");
  playbook
    .command("suggest")
    .description("playbooks whose triggers fire on a shop's or creator account's score (one JSON object per playbook, strongest reason first)")
    .option("--org <org>", "organisation id or exact name")
    .option("--shop <shop>", "shop id or external id")
    .option("--creator <creator>", "creator account id or author id (达人ID)")
    .option("--date <day>", "the score of this day (YYYY-MM-DD, Asia/Shanghai); default today")
    .action(suggestCommand);
  playbook
    .command("list")
    .description("the organisation's playbook library: built-ins and its own (one JSON object per playbook)")
    .option("--org <org>", "organisation id or exact name")
    .option("--archived", "include archived playbooks of the organisation")
    .action(listCommand);
}
