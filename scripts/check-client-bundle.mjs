#!/usr/bin/env node
/**
 * After `npm run build`: fails when a browser chunk in .next/static/chunks carries Drizzle (a
 * table definition or the query builder), which means server code leaked into the client bundle.
 * The unit test tests/unit/architecture/client-bundle.test.ts catches the import before a build;
 * this catches whatever the bundler actually emitted.
 *
 *   npm run build && node scripts/check-client-bundle.mjs [chunks-dir]
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Strings minification keeps: Drizzle's global symbols and the entity kinds its classes declare.
 * Any one of them in a chunk means Drizzle code is in it.
 */
const DRIZZLE_MARKERS = [
  /Symbol\.for\(\s*["']drizzle:[A-Za-z]+["']\s*\)/,
  /["']drizzle:(?:Name|Columns|BaseName|IsDrizzleTable|OriginalName)["']/,
  /["'](?:PgTable|PgColumn|PgDialect|PgSelect)["']/,
];

/** The first Drizzle marker in a chunk's text, or null. */
export function drizzleMarkerIn(text) {
  for (const marker of DRIZZLE_MARKERS) {
    const found = marker.exec(text);
    if (found) return found[0];
  }
  return null;
}

function chunkFiles(dir) {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".js"))
    .map((name) => path.join(dir, name));
}

/** Every chunk that carries Drizzle, with the marker found. */
export function findDrizzleChunks(dir) {
  return chunkFiles(dir).flatMap((file) => {
    const marker = drizzleMarkerIn(fs.readFileSync(file, "utf8"));
    return marker ? [{ file, marker }] : [];
  });
}

function main() {
  const dir = path.resolve(process.argv[2] ?? ".next/static/chunks");
  if (!fs.existsSync(dir)) {
    console.error(`check-client-bundle: ${dir} does not exist; run \`npm run build\` first.`);
    return 2;
  }
  const leaks = findDrizzleChunks(dir);
  if (leaks.length === 0) {
    console.log(`check-client-bundle: no Drizzle in ${chunkFiles(dir).length} client chunks.`);
    return 0;
  }
  console.error("check-client-bundle: Drizzle reached the browser bundle (server code imported by a client component):");
  for (const { file, marker } of leaks) console.error(`  ${path.relative(process.cwd(), file)}: ${marker}`);
  console.error("Find the import with `npx vitest run tests/unit/architecture/client-bundle.test.ts`; enums and zod inputs belong in lib/contracts.");
  return 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
