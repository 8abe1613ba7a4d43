/**
 * A promise started now and awaited later (the next batch read ahead, a write still in flight).
 * Until its await comes, a rejection would be reported as unhandled and could end the process;
 * the await that follows still throws it.
 */
export function awaitedLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
