/**
 * Faults the fake platform can inject, each for the calls of one method (or any) and a number of
 * times, optionally after letting some matching calls through first.
 */
export type FaultKind =
  | { kind: "timeout"; delayMs: number }
  | { kind: "http"; status: number }
  | { kind: "code"; code: number; subCode?: string }
  | { kind: "malformed" }
  | { kind: "repeatPage" }
  | { kind: "expireToken" }
  | { kind: "delay"; delayMs: number };

export type Fault = FaultKind & { method?: string; times?: number; skip?: number };

type Armed = { fault: Fault; left: number; skip: number };

export class FaultQueue {
  private armed: Armed[] = [];

  add(fault: Fault): void {
    this.armed.push({ fault, left: fault.times ?? 1, skip: fault.skip ?? 0 });
  }

  /** Faults armed but not applied yet (a test checks that its fault really happened). */
  unused(): number {
    return this.armed.reduce((n, entry) => n + Math.max(0, entry.left), 0);
  }

  clear(): void {
    this.armed = [];
  }

  /**
   * The fault to apply to this call, if any. Every armed fault of the method counts the call
   * against its skip, whichever fault is applied; the first one due uses up one of its times.
   */
  take(method: string): Fault | null {
    let chosen: Armed | null = null;
    for (const entry of this.armed) {
      if (entry.fault.method && entry.fault.method !== method) continue;
      if (entry.skip > 0) {
        entry.skip -= 1;
        continue;
      }
      if (entry.left > 0 && !chosen) chosen = entry;
    }
    if (!chosen) return null;
    chosen.left -= 1;
    return chosen.fault;
  }
}
