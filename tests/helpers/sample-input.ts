/**
 * Builds an input for a procedure from its zod schema, so a test can call every procedure of the
 * router without a hand-kept list: keys found in `values` take those values, required keys get a
 * plausible value of their type, optional keys are left out.
 */
type Def = { type: string; [key: string]: unknown };
type Schema = { _zod: { def: Def } };

const defOf = (schema: unknown): Def => (schema as Schema)._zod.def;

function plausible(schema: unknown, key: string, values: Record<string, unknown>): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "nonoptional":
    case "catch":
      return plausible(def.innerType, key, values);
    case "pipe":
      return plausible(def.in, key, values);
    case "object":
      return buildObject(schema, values);
    case "string":
      return (def as { format?: string }).format === "uuid" ? "00000000-0000-4000-8000-000000000000" : "x";
    case "number":
    case "int":
      return 1;
    case "boolean":
      return false;
    case "enum":
      return Object.values(def.entries as Record<string, string>)[0];
    case "literal":
      return (def.values as unknown[])[0];
    case "array":
      return [];
    case "date":
      return new Date();
    default:
      return undefined;
  }
}

function isOptional(schema: unknown): boolean {
  const type = defOf(schema).type;
  return type === "optional" || type === "default" || type === "prefault";
}

function buildObject(schema: unknown, values: Record<string, unknown>): Record<string, unknown> {
  const def = defOf(schema);
  const shape = (def.shape ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(shape)) {
    if (key in values) out[key] = values[key];
    else if (!isOptional(field)) out[key] = plausible(field, key, values);
  }
  return out;
}

export function sampleInput(inputs: unknown[], values: Record<string, unknown>): unknown {
  const [first] = inputs;
  if (!first) return undefined;
  const def = defOf(first);
  if (def.type === "object" || isOptional(first)) {
    const inner = isOptional(first) ? (defOf(first).innerType as unknown) : first;
    return defOf(inner).type === "object" ? buildObject(inner, values) : undefined;
  }
  return plausible(first, "", values);
}
