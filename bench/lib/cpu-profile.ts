import fs from "node:fs";
import { Session } from "node:inspector/promises";
import path from "node:path";

/**
 * Runs one step under V8's CPU profiler when BENCH_PROFILE_DIR is set, writing
 * `<dir>/<name>.cpuprofile` (open it in Chrome's DevTools or speedscope); otherwise just runs it.
 * A whole-process --cpu-prof mixes the data generation into every step.
 */
export async function profiled<T>(name: string, step: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROFILE_DIR;
  if (!dir) return step();
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  try {
    return await step();
  } finally {
    const { profile } = await session.post("Profiler.stop");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}
