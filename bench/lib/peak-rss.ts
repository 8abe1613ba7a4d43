import fs from "node:fs";

/**
 * The process's peak resident set since the last reset, in bytes. On Linux it is the kernel's own
 * high-water mark (VmHWM, reset through clear_refs), so a spike between two samples is not missed;
 * elsewhere it falls back to sampling every 100 ms.
 */
export function peakRssMeter(): { bytes(): number; reset(): void; stop(): void } {
  const kernel = readHighWaterMark() !== null && resetHighWaterMark();
  let sampled = process.memoryUsage().rss;
  const timer = kernel
    ? null
    : setInterval(() => {
        sampled = Math.max(sampled, process.memoryUsage().rss);
      }, 100);
  return {
    bytes: () => (kernel ? (readHighWaterMark() ?? 0) : Math.max(sampled, process.memoryUsage().rss)),
    reset: () => {
      if (kernel) resetHighWaterMark();
      else sampled = process.memoryUsage().rss;
    },
    stop: () => {
      if (timer) clearInterval(timer);
    },
  };
}

function readHighWaterMark(): number | null {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"))?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}

function resetHighWaterMark(): boolean {
  try {
    fs.writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}
