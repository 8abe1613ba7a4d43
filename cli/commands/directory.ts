import type { Command } from "commander";
import { CARD_FIELDS, DIRECTORY_SORTS, type CardField, type DirectorySort } from "@/lib/contracts/directory";
import { listCard, unlistCard } from "@/server/directory/listing";
import { runDirectoryMatcher } from "@/server/directory/matcher";
import type { PublicCard } from "@/server/directory/public-card";
import { searchDirectory } from "@/server/directory/search";
import { findEntityByRef } from "@/server/entities/queries";
import { isDay } from "@/server/lib/time";
import { CliUsageError, emit, inOrg, withDatabase } from "../context";

type EntityOptions = { org?: string; shop?: string; creator?: string };

function namedEntity(opts: EntityOptions) {
  if (!opts.org) throw new CliUsageError("--org is required");
  if (Boolean(opts.shop) === Boolean(opts.creator)) throw new CliUsageError("name exactly one of --shop or --creator");
  return opts.shop ? { kind: "shop" as const, ref: opts.shop } : { kind: "creator" as const, ref: opts.creator ?? "" };
}

function parseFields(text: string | undefined): CardField[] {
  const names = (text ?? "").split(",").map((f) => f.trim()).filter(Boolean);
  const unknown = names.filter((f) => !(CARD_FIELDS as readonly string[]).includes(f));
  if (unknown.length > 0) throw new CliUsageError(`unknown field ${unknown.join(", ")}; fields are ${CARD_FIELDS.join(",")}`);
  return names as CardField[];
}

function parseNumber(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new CliUsageError(`${name} must be a number, got ${text}`);
  return value;
}

/** A card as `koubei directory search` prints it (a contract used by acceptance checks): the listed fields only. */
export function cardLine(card: PublicCard): Record<string, unknown> {
  const line: Record<string, unknown> = { kind: card.kind, card: card.card, name: card.name, category: card.category ? card.category.nameZh : null };
  const shows = new Set(card.fields);
  if (shows.has("overall")) line.overall = card.overall ?? null;
  if (shows.has("dimensions")) line.dimensions = card.dimensions ?? {};
  if (shows.has("goodReviewRate")) line.goodReviewRate = card.goodReviewRate ?? null;
  // The contract's keys are the four above plus the listed fields, nothing else: the trend is its 30-day direction.
  if (shows.has("trend")) line.trend = card.trend?.direction ?? null;
  if (shows.has("ruleSet")) line.ruleSet = card.ruleSet ?? null;
  if (shows.has("contact")) line.contact = card.contact ?? null;
  if (shows.has("indicators")) line.indicators = Object.fromEntries((card.indicators ?? []).map((i) => [i.code, { value: i.value, percentile: i.percentile }]));
  return line;
}

type SearchOptions = { org?: string; kind?: string; category?: string; minScore?: string; minGoodReviewRate?: string; sort?: string; date?: string };

async function searchCommand(opts: SearchOptions) {
  if (!opts.org) throw new CliUsageError("--org is required");
  if (opts.kind && opts.kind !== "shop" && opts.kind !== "creator") throw new CliUsageError("--kind is shop or creator");
  if (opts.sort && !(DIRECTORY_SORTS as readonly string[]).includes(opts.sort)) throw new CliUsageError(`--sort is one of ${DIRECTORY_SORTS.join(", ")}`);
  if (opts.date && !isDay(opts.date)) throw new CliUsageError(`--date must be YYYY-MM-DD, got ${opts.date}`);
  const filter = {
    kind: opts.kind as "shop" | "creator" | undefined,
    category: opts.category,
    minScore: parseNumber("--min-score", opts.minScore),
    minGoodReviewRate: parseNumber("--min-good-review-rate", opts.minGoodReviewRate),
    sort: (opts.sort ?? "score") as DirectorySort,
    date: opts.date,
  };
  await withDatabase(async (handle) => {
    await inOrg(handle, opts.org ?? "", async (tx) => {
      const pageSize = 200;
      for (let page = 1; ; page++) {
        const result = await searchDirectory(tx, { ...filter, page, pageSize, descending: filter.sort !== "name" });
        for (const card of result.cards) emit(cardLine(card));
        if (page * pageSize >= result.total) break;
      }
    });
  });
}

export function registerDirectoryCommands(program: Command) {
  const directory = program.command("directory").description("the business directory: publish score cards, search other organisations' cards");
  directory
    .command("list")
    .description("publish (or republish) an entity's score card with the chosen fields")
    .option("--org <org>", "organisation id or exact name")
    .option("--shop <shop>", "shop id or external id")
    .option("--creator <creator>", "creator account id or author id (达人ID)")
    .option("--fields <fields>", `comma-separated: ${CARD_FIELDS.join(",")}`, "")
    .option("--contact <text>", "the contact line (shown when contact is among the fields)")
    .action(async (opts: EntityOptions & { fields?: string; contact?: string }) => {
      const named = namedEntity(opts);
      const fields = parseFields(opts.fields);
      await withDatabase(async (handle) => {
        const listed = await inOrg(handle, opts.org ?? "", async (tx, scope) => {
          const entity = await findEntityByRef(tx, scope, named.kind, named.ref);
          const result = await listCard(tx, scope, { kind: named.kind, id: entity.id, fields, contact: opts.contact ?? null });
          return { kind: named.kind, card: result.cardId, name: entity.name, fields: result.fields };
        });
        await runDirectoryMatcher(handle);
        emit({ listed: true, ...listed });
      });
    });
  directory
    .command("unlist")
    .description("remove an entity's card from the directory at once")
    .option("--org <org>", "organisation id or exact name")
    .option("--shop <shop>", "shop id or external id")
    .option("--creator <creator>", "creator account id or author id (达人ID)")
    .action(async (opts: EntityOptions) => {
      const named = namedEntity(opts);
      await withDatabase(async (handle) => {
        const result = await inOrg(handle, opts.org ?? "", async (tx, scope) => {
          const entity = await findEntityByRef(tx, scope, named.kind, named.ref);
          return unlistCard(tx, scope, named.kind, entity.id);
        });
        emit({ kind: named.kind, ...result });
      });
    });
  directory
    .command("search")
    .description("cards this organisation may see (one JSON object per card, listed fields only)")
    .option("--org <org>", "organisation id or exact name")
    .option("--kind <kind>", "shop or creator")
    .option("--category <name>", "category name or code")
    .option("--min-score <x>", "overall score at least")
    .option("--min-good-review-rate <r>", "good-review rate at least (a fraction, 0.9)")
    .option("--sort <field>", "score (default) or goodReviewRate")
    .option("--date <day>", "values as of this day (YYYY-MM-DD); default today")
    .action(searchCommand);
}
