/**
 * The production server under test: `next start` on loopback, on the load database, with its
 * resident memory (the process and any children) sampled until it stops.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const NEXT = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");

export type RunningServer = { base: string; peakRssMb(): number; stop(): Promise<void> };

/** Builds when there is no production build yet (several minutes on two cores). */
export function ensureBuild(): void {
  if (fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) return;
  console.log("no production build: running `next build` (several minutes) …");
  const run = spawnSync(process.execPath, [NEXT, "build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (run.status !== 0) throw new Error(`next build failed (exit ${run.status})`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function rssKb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const own = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    const children = fs
      .readdirSync(`/proc/${pid}/task`)
      .flatMap((task) => fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim().split(/\s+/).filter(Boolean))
      .map(Number);
    return own + children.reduce((sum, child) => sum + rssKb(child), 0);
  } catch {
    // The process ended between listing and reading.
    return 0;
  }
}

async function waitUntilServing(base: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}) before serving`);
    const answer = await fetch(`${base}/api/auth/csrf`).catch(() => null);
    if (answer?.ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`next start did not answer within ${timeoutMs / 1000} s`);
}

export async function startServer(database: { appUrl: string; ownerUrl: string }, logFile: string): Promise<RunningServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = fs.openSync(logFile, "w");
  const child = spawn(process.execPath, [NEXT, "start", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: ROOT,
    stdio: ["ignore", log, log],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: database.appUrl,
      DATABASE_OWNER_URL: database.ownerUrl,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      AUTH_TRUST_HOST: "true",
      KOUBEI_SECRET_KEY: randomBytes(32).toString("base64url"),
      KOUBEI_PEER_MIN_ORGS: "1",
      LOG_LEVEL: process.env.BENCH_SERVER_LOG_LEVEL ?? "warn",
    },
  });
  const pid = child.pid;
  if (!pid) throw new Error("next start did not spawn");
  let peakKb = 0;
  const sampler = setInterval(() => {
    peakKb = Math.max(peakKb, rssKb(pid));
  }, 200);
  try {
    await waitUntilServing(base, child, 120_000);
  } catch (error) {
    clearInterval(sampler);
    child.kill("SIGTERM");
    throw error;
  }
  return {
    base,
    peakRssMb: () => Math.round(Math.max(peakKb, rssKb(pid)) / 1024),
    async stop() {
      clearInterval(sampler);
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((r) => child.once("exit", () => r()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
      fs.closeSync(log);
    },
  };
}
