/**
 * PostgreSQL array literals for sending a whole column as one parameter (`insert … select from
 * unnest($1::uuid[], $2::int[], …)`): one text a column instead of a bound parameter a row.
 */

/**
 * Numbers, booleans, dates, uuids and other unquoted elements; null becomes NULL. A column
 * without nulls is joined as it is: a bulk roll-up rebuild sends 40 million numbers this way, and
 * mapping each through a copy first was a tenth of what it allocated.
 */
export const arrayLiteral = (values: readonly (string | number | boolean | null)[]): string =>
  `{${(values.includes(null) ? values.map((v) => (v === null ? "NULL" : v)) : values).join(",")}}`;

/** Texts, each quoted (a comma, brace, quote or backslash inside stays part of the element). */
export const textArrayLiteral = (items: readonly string[]): string =>
  `{${items.map((t) => `"${t.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(",")}}`;
