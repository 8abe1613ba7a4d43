import fs from "node:fs";

/** Set by the global setup to the dump of a migrated embedded database (tests/setup/global-setup.ts). */
export const PGLITE_TEMPLATE_ENV = "KOUBEI_TEST_PGLITE_TEMPLATE";

let template: Blob | null | undefined;

/** The migrated template as a Blob, read once per worker; null when the setup made none (then each file migrates its own). */
export function pgliteTemplate(): Blob | null {
  if (template === undefined) {
    const file = process.env[PGLITE_TEMPLATE_ENV];
    template = file && fs.existsSync(file) ? new Blob([fs.readFileSync(file)]) : null;
  }
  return template;
}
