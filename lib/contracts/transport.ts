/**
 * At most this many procedure calls in one tRPC HTTP request: the server refuses larger batches
 * (one request must not buy a thousand database transactions) and the client's batch link splits
 * at the same size, so the app itself never meets the refusal.
 */
export const MAX_TRPC_BATCH = 20;
