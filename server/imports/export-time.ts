/**
 * The platform names an export with the Unix time it was made: `1791430000_订单.csv`
 * (seconds; some tools add milliseconds). That time orders re-uploads: an older export never
 * overwrites newer facts.
 */
const EARLIEST = Date.UTC(2015, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

export function exportTimeFromFileName(fileName: string): Date | null {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const m = /^(\d{10}|\d{13})(?=[_\-. ]|$)/.exec(base);
  if (!m?.[1]) return null;
  const ms = m[1].length === 13 ? Number(m[1]) : Number(m[1]) * 1000;
  if (ms < EARLIEST || ms > LATEST) return null;
  return new Date(ms);
}
