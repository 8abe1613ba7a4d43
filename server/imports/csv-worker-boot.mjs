// Worker threads start without the TypeScript loader the app runs under: register tsx (with the
// project's path aliases) before loading the reader.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

const here = path.dirname(fileURLToPath(import.meta.url));
register({ tsconfig: path.join(here, "..", "..", "tsconfig.json") });
await import("./csv-worker.ts");
