#!/usr/bin/env node
/**
 * Adds the lockfile entries npm leaves out when the registry lacks some platforms' binaries.
 *
 * Packages such as @swc/core (via next-intl) and unrs-resolver (via eslint-config-next) list one
 * optional dependency per platform. When the registry this lockfile was made against does not
 * carry the other platforms' builds, `npm install` writes no entry for them, and `npm ci` then
 * refuses the lockfile ("Missing: @swc/core-darwin-arm64@ from lock file"). An entry marked
 * optional is all npm needs: on a platform that does not need the package, nothing is fetched.
 *
 * Usage: node scripts/lockfile-platform-optionals.mjs [--check]
 *   --check  only report; exit 1 when entries are missing (nothing is written)
 * Run it after every `npm install` that changed package-lock.json, and commit the result.
 */
import fs from "node:fs";
import path from "node:path";

const lockPath = path.resolve(import.meta.dirname, "..", "package-lock.json");
const check = process.argv.includes("--check");
const lock = JSON.parse(fs.readFileSync(lockPath, "utf8"));
const packages = lock.packages ?? {};

/** Where node would find `name` from the package installed at `from` (walking up node_modules). */
function resolves(from, name) {
  let dir = from;
  for (;;) {
    if (packages[`${dir ? `${dir}/` : ""}node_modules/${name}`]) return true;
    if (!dir) return false;
    const cut = dir.lastIndexOf("node_modules/");
    dir = cut <= 0 ? "" : dir.slice(0, cut - 1);
  }
}

const added = [];
for (const [location, entry] of Object.entries(packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    if (resolves(location, name)) continue;
    if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(range)) continue; // only exact pins are safe to write
    const key = `node_modules/${name}`;
    if (packages[key]) continue;
    packages[key] = { version: range, ...(entry.dev ? { dev: true } : {}), optional: true };
    added.push(`${name}@${range}`);
  }
}

if (added.length === 0) {
  console.log("package-lock.json: no platform-only optional entries missing");
} else if (check) {
  console.error(`package-lock.json lacks ${added.length} optional entries (${added.join(", ")}).`);
  console.error("Run `node scripts/lockfile-platform-optionals.mjs` and commit package-lock.json.");
  process.exit(1);
} else {
  // The order npm itself writes, so that the diff shows only the new entries.
  lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => a.localeCompare(b, "en")));
  fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`package-lock.json: added ${added.length} optional platform entries: ${added.join(", ")}`);
}
