import { makeZip as writeZip } from "@/scripts/lib/zip-writer";

/** A ZIP of stored entries for tests (optional "encrypted" flag to mimic a password-protected archive). */
export function makeZip(entries: { name: string; data: Uint8Array }[], options: { encrypted?: boolean } = {}): Uint8Array {
  return writeZip(
    entries.map((e) => ({ ...e, store: true })),
    options,
  );
}
