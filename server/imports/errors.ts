import type { Message, MessageParams } from "@/lib/contracts/message";
import en from "@/messages/en.json";
import { AppError } from "@/server/lib/errors";
import { translate } from "@/server/lib/i18n";

/** Every reason an import file can be refused as a whole: a key under errors.import.* in the catalogues. */
export type ImportFileErrorKey = keyof (typeof en)["errors"]["import"];

export function importFileError(key: ImportFileErrorKey, params: MessageParams = {}): AppError {
  return new AppError("BAD_INPUT", `errors.import.${key}`, { params });
}

/** What the reader is told about a failure: the error's key and parameters, or "internal" for a crash. */
export function messageOfError(error: unknown): Message {
  if (error instanceof AppError) return error.details.params ? { key: error.messageKey, params: error.details.params } : { key: error.messageKey };
  return { key: "errors.import.internal" };
}

/** English text of an import error (or any error), for logs and the stored imports.error. */
export function describeImportError(error: unknown): string {
  if (error instanceof AppError) return translate("en", messageOfError(error));
  return error instanceof Error ? error.message : String(error);
}

export function isImportFileError(error: unknown): error is AppError {
  return error instanceof AppError && error.messageKey.startsWith("errors.import.");
}
