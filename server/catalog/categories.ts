export type CategoryRow = { code: string; nameZh: string; nameEn: string };

/** Finds a category by code, Chinese or English name (case- and space-insensitive). */
export function resolveCategory<T extends CategoryRow>(rows: readonly T[], ref: string): T | undefined {
  const key = ref.trim().toLowerCase().replace(/\s+/g, " ");
  return rows.find(
    (c) => c.code === key || c.nameZh === ref.trim() || c.nameEn.toLowerCase().replace(/\s+/g, " ") === key,
  );
}
