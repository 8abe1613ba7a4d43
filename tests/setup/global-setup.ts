import postgres from "postgres";

/** Fails fast with a clear message when TEST_DATABASE_URL points at a server that is not up. */
export default async function globalSetup(): Promise<void> {
  (process.env as Record<string, string>).NODE_ENV = "test";
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => undefined });
  try {
    await sql`select 1`;
  } catch (error) {
    throw new Error(`TEST_DATABASE_URL=${url} is not reachable: ${(error as Error).message}`);
  } finally {
    await sql.end();
  }
}
