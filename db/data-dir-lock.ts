import fs from "node:fs";
import path from "node:path";

export type DataDirLock = { release(): void };

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by another Koubei process (pid ${pid}). ` +
        `Stop it first (for example the running app), or point KOUBEI_DATA_DIR or DATABASE_URL elsewhere.`,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The pid of a live process holding the folder's lock, or null (no lock, or a stale one). */
export function liveLockHolder(dataDir: string): number | null {
  let holder: number;
  try {
    holder = Number(fs.readFileSync(path.join(dataDir, "koubei.lock"), "utf8").trim());
  } catch {
    return null;
  }
  return Number.isInteger(holder) && holder > 0 && isAlive(holder) ? holder : null;
}

/** PGlite has no lock between processes; two writers on one folder silently diverge. */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const lockPath = path.join(dataDir, "koubei.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      const release = () => {
        try {
          if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
      process.once("exit", release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(fs.readFileSync(lockPath, "utf8").trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new DataDirLockedError(dataDir, holder);
      }
      fs.unlinkSync(lockPath); // stale lock from a crashed process
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}
