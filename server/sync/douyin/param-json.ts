/**
 * The platform signs the exact `param_json` bytes it receives, so both sides must serialise the
 * same way: compact, keys sorted at every level (also inside arrays' objects), array order kept,
 * no escaping beyond what JSON requires. JSON.stringify already leaves non-ASCII, `/` and
 * `& < > = '` alone, unlike some other languages' encoders the SDKs had to work around.
 */
export function paramJson(params: Record<string, unknown>): string {
  return JSON.stringify(sortKeys(params));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const inner = (value as Record<string, unknown>)[key];
    if (inner !== undefined) sorted[key] = sortKeys(inner);
  }
  return sorted;
}
