"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";

/** camelCase fact property (orderId) → the import field code (order_id) the catalogue names it by. */
const fieldCode = (property: string) => property.replace(/[A-Z0-9]+/g, (part) => `_${part.toLowerCase()}`);

/**
 * Labels of a kind's import fields as the Douyin export names them (子订单编号 for order_id) in
 * Chinese, or in English; a field the catalogue does not name keeps its code.
 */
export function useFieldLabel(kind: string): (field: string) => string {
  const t = useTranslations("importer.fields");
  return useCallback(
    (field: string) => {
      const key = `${kind}.${field.includes("_") ? field : fieldCode(field)}`;
      return t.has(key) ? t(key) : field;
    },
    [t, kind],
  );
}

/** An imported value in the reader's language: enum codes (normal, refund_only, …) and yes/no. */
export function useValueLabel(): (property: string, value: string | boolean) => string {
  const t = useTranslations("importer.values");
  return useCallback(
    (property: string, value: string | boolean) => {
      const key = typeof value === "boolean" ? `boolean.${value}` : `${property}.${value}`;
      return t.has(key) ? t(key) : String(value);
    },
    [t],
  );
}
