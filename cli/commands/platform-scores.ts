import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { ENCODING_CHOICES, isEncodingChoice } from "@/lib/contracts/imports";
import { findEntityByRef } from "@/server/entities/queries";
import { cliLocale, translate } from "@/server/lib/i18n";
import { importPlatformScores } from "@/server/platform-scores/service";
import { CliUsageError, emit, inOrg, withDatabase } from "../context";

type ImportOptions = { org?: string; shop?: string; file?: string; encoding?: string };

/**
 * `koubei platform-scores import`: the platform's own scores of a shop from a file (日期/date,
 * 维度或指标/metric, 指标值/value, 得分/score), one JSON line with the days stored and the rows
 * refused (row, column and reason in the CLI's language). Exit code 2 when a row was refused.
 */
async function importCommand(opts: ImportOptions) {
  if (!opts.org) throw new CliUsageError("--org is required");
  if (!opts.shop) throw new CliUsageError("--shop is required (the shop's id or external id)");
  if (!opts.file) throw new CliUsageError("--file is required");
  const encoding = opts.encoding ?? "auto";
  if (!isEncodingChoice(encoding)) throw new CliUsageError(`--encoding must be one of ${ENCODING_CHOICES.join(", ")}`);
  const file = path.resolve(opts.file);
  if (!fs.existsSync(file)) throw new CliUsageError(`no such file: ${opts.file}`);
  const summary = await withDatabase((handle) =>
    inOrg(handle, opts.org ?? "", async (tx, scope) => {
      const shop = await findEntityByRef(tx, scope, "shop", opts.shop ?? "");
      return importPlatformScores(tx, scope, { shopId: shop.id, source: { path: file }, fileName: path.basename(file), encoding });
    }),
  );
  const locale = cliLocale();
  emit({
    file: opts.file,
    shopId: summary.shopId,
    encoding: summary.encoding,
    rows: summary.rows,
    days: summary.days,
    rejected: summary.rejected.length,
    errors: summary.rejected.map((r) => ({ row: r.row, column: r.column, reason: translate(locale, r.reason) })),
  });
  if (summary.rejected.length > 0) process.exitCode = 2;
}

export function registerPlatformScoreCommands(program: Command) {
  const scores = program.command("platform-scores").description("the platform's own scores of a shop (平台分), kept beside Koubei's");
  scores
    .command("import")
    .description("import a file of the platform's scores for one shop: columns 日期/date, 维度或指标/metric, 指标值/value, 得分/score (CSV in UTF-8 or GBK, or XLSX)")
    .option("--org <org>", "organisation id or exact name")
    .option("--shop <shop>", "the shop's id or external id (店铺ID)")
    .option("--file <path>", "the file")
    .option("--encoding <encoding>", "auto (default), utf-8, gbk, gb18030, utf-16le, utf-16be")
    .action(importCommand);
}
