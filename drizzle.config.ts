import { defineConfig } from "drizzle-kit";

// Migrations are generated offline from the schema; they are applied at start-up by db/migrate.ts.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  strict: true,
  verbose: true,
});
