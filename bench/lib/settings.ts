import postgres from "postgres";

/** A positive number from the environment (a benchmark's size), or the default. */
export function benchSetting(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

/** Fresh tables have no statistics; a production database has them (autovacuum), so give them. */
export async function analyzeAsOwner(ownerUrl: string | undefined): Promise<void> {
  if (!ownerUrl) return;
  const owner = postgres(ownerUrl, { max: 1, onnotice: () => undefined });
  await owner`analyze`;
  await owner.end();
}
