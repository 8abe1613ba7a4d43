"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { renderStored, type StoredText } from "@/lib/contracts/message";

/**
 * Renders a message the server sent (a key with parameters) in the reader's language; text stored
 * before messages were keys, or a key the catalogue lacks, is shown as it is.
 */
export function useRenderMessage(): (text: StoredText) => string {
  const t = useTranslations();
  return useCallback(
    (text: StoredText) => renderStored(text, (key, params) => (t.has(key) ? t(key, params) : key)),
    [t],
  );
}
