import type { Command } from "commander";
import { DIGEST_KINDS, type DigestKind } from "@/lib/contracts/digest";
import { deliverDigest } from "@/server/digest/deliver";
import { isDay, todayInShanghai } from "@/server/lib/time";
import { resolveOrgRef } from "@/server/orgs/service";
import { CliUsageError, emit, withDatabase } from "../context";

type DigestSendOptions = { org?: string; kind?: string; date?: string };

const isKind = (kind: string | undefined): kind is DigestKind => DIGEST_KINDS.includes(kind as DigestKind);

/** Sends the organisation's brief or digest of a day now, as the schedule would; a day already sent sends nothing. */
async function digestSendCommand(opts: DigestSendOptions) {
  if (!opts.org) throw new CliUsageError("--org is required");
  if (!isKind(opts.kind)) throw new CliUsageError(`--kind must be one of ${DIGEST_KINDS.join(", ")}`);
  const kind = opts.kind;
  const date = opts.date ?? todayInShanghai();
  if (!isDay(date)) throw new CliUsageError(`--date must be YYYY-MM-DD, got ${date}`);
  await withDatabase(async (handle) => {
    const { orgId } = await resolveOrgRef(handle, opts.org ?? "");
    const result = await deliverDigest(handle, orgId, kind, date);
    for (const d of result.deliveries) emit({ userId: d.userId, email: d.email, locale: d.locale, channels: d.channels, title: d.title });
  });
}

export function registerDigestCommands(program: Command) {
  program
    .command("digest")
    .description("the daily brief and weekly digest")
    .command("send")
    .description("send the organisation's brief or digest of a day to the members who chose it (one JSON line per recipient)")
    .option("--org <org>", "organisation id or exact name")
    .option("--kind <kind>", "daily | weekly")
    .option("--date <day>", "the day (YYYY-MM-DD, Asia/Shanghai); default today")
    .action(digestSendCommand);
}
