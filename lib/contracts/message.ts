/**
 * A user-facing message as the server produces and stores it: a catalogue key (messages/*.json)
 * and its parameters, rendered in the reader's language only when shown. A parameter may itself
 * be a message (a detail inside a refusal), rendered first. Client-safe: no catalogue here.
 */
export type MessageParam = string | number | Message;
export type MessageParams = Record<string, MessageParam>;
export type Message = { key: string; params?: MessageParams };

export const message = (key: string, params?: MessageParams): Message => (params ? { key, params } : { key });

export const isMessage = (value: unknown): value is Message =>
  typeof value === "object" && value !== null && typeof (value as { key?: unknown }).key === "string";

/**
 * Text stored before messages were keys (English sentences in old import rows) is shown as it
 * is; a message is rendered by the given translator.
 */
export type StoredText = string | Message;

export function renderStored(stored: StoredText, render: (key: string, params?: Record<string, string | number>) => string): string {
  if (typeof stored === "string") return stored;
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(stored.params ?? {})) params[name] = isMessage(value) ? renderStored(value, render) : value;
  return render(stored.key, stored.params ? params : undefined);
}

/**
 * Why a stored import failed: its key and parameters, rendered in the reader's language. Imports
 * recorded before the parameters were stored keep their English text.
 */
export function storedFailure(row: { error: string | null; errorKey: string | null; errorParams: MessageParams | null }): StoredText | null {
  if (row.errorKey && row.errorParams) return { key: row.errorKey, params: row.errorParams };
  return row.error;
}
