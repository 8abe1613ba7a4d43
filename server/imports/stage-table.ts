import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import type { FactTable } from "./fact-tables";
import { stageType } from "./stage-rows";

/**
 * The staging table of one import: a temporary table of the import's transaction (dropped at
 * commit or rollback, invisible to other sessions, no indexes, no WAL) that the accepted rows are
 * copied into while the file is parsed, and that the merge (stage-merge.ts) reads.
 */
export const STAGE_TABLE = "koubei_import_stage";

export async function createStageTable(tx: Tx, table: FactTable): Promise<void> {
  const columns = table.columns.map((c) => `"${c.name}" ${stageType(c)}`).join(", ");
  await tx.execute(sql.raw(`create temp table ${STAGE_TABLE} (seq integer not null, ${columns}) on commit drop`));
}
