import type { PgBoss } from "pg-boss";

/**
 * The workers this process runs, per queue, so that a job sent from here starts now instead of
 * at the workers' next poll (2 s apart: five files and their rescore waited for six polls).
 */
const local = new WeakMap<PgBoss, Map<string, string[]>>();

export function rememberWorker(boss: PgBoss, queue: string, workerId: string): void {
  const queues = local.get(boss) ?? new Map<string, string[]>();
  local.set(boss, queues);
  queues.set(queue, [...(queues.get(queue) ?? []), workerId]);
}

/** Wakes this process's idle workers of the queue; workers of other processes still poll. */
export function wakeWorkers(boss: PgBoss, queue: string): void {
  for (const id of local.get(boss)?.get(queue) ?? []) boss.notifyWorker(id);
}
