import type { StoredText } from "@/lib/contracts/message";
import { translate } from "@/server/lib/i18n";

/** A message as an English reader sees it, so tests can keep asserting on the English wording. */
export const en = (text: StoredText | null | undefined): string => (text === null || text === undefined ? "" : translate("en", text));

/** The same message for a Chinese reader. */
export const zh = (text: StoredText | null | undefined): string => (text === null || text === undefined ? "" : translate("zh-CN", text));
