import pino from "pino";

/** Structured logs on stderr, so CLI commands keep stdout for their JSON answer. */
export const logger = pino(
  { level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info") },
  pino.destination(2),
);

export type Logger = typeof logger;
