import type { DbHandle } from "@/db/client";
import { openConfiguredDatabase } from "@/db/client";
import { DataDirLockedError } from "@/db/data-dir-lock";
import { assertAppRoleIsRestricted, migrateDatabase } from "@/db/migrate";
import { withTenant } from "@/server/db/tenant";
import { AppError } from "@/server/lib/errors";
import { cliLocale, translateError } from "@/server/lib/i18n";
import { systemScope, type OrgScope } from "@/server/lib/scope";
import { resolveOrgRef } from "@/server/orgs/service";
import type { Tx } from "@/db/client";

/** Prints the command's one JSON object on stdout; everything else goes to stderr. */
export function emit(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

export class CliUsageError extends Error {}

export async function withDatabase<T>(fn: (handle: DbHandle) => Promise<T>): Promise<T> {
  const handle = await openConfiguredDatabase();
  try {
    await assertAppRoleIsRestricted(handle);
    await migrateDatabase(handle);
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

/** Runs fn for the organisation named by --org (id or exact name), as the organisation itself. */
export async function inOrg<T>(handle: DbHandle, orgRef: string, fn: (tx: Tx, scope: OrgScope) => Promise<T>): Promise<T> {
  const { orgId } = await resolveOrgRef(handle, orgRef);
  return withTenant(handle, { orgId }, (tx) => fn(tx, systemScope(orgId)));
}

/** Turns any failure into one JSON line on stderr and a non-zero exit code. */
export function reportFailure(error: unknown): number {
  if (error instanceof DataDirLockedError) {
    process.stderr.write(`${JSON.stringify({ error: { code: "DATABASE_IN_USE", message: error.message } })}\n`);
    return 3;
  }
  if (error instanceof AppError) {
    const message = translateError(cliLocale(), error.messageKey, error.details.params);
    process.stderr.write(`${JSON.stringify({ error: { code: error.code, message, field: error.details.field } })}\n`);
    return 2;
  }
  if (error instanceof CliUsageError) {
    process.stderr.write(`${JSON.stringify({ error: { code: "USAGE", message: error.message } })}\n`);
    return 64;
  }
  if (error && typeof error === "object" && "issues" in error) {
    const issues = (error as { issues: { path: PropertyKey[]; message: string }[] }).issues;
    const fields = issues.map((i) => ({ field: i.path.join("."), message: translateError(cliLocale(), i.message) }));
    process.stderr.write(`${JSON.stringify({ error: { code: "BAD_INPUT", fields } })}\n`);
    return 2;
  }
  process.stderr.write(`${JSON.stringify({ error: { code: "INTERNAL", message: (error as Error)?.message ?? String(error) } })}\n`);
  return 1;
}
