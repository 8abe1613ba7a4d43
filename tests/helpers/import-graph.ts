import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * The modules a bundler would pull in from an entry file, read statically: `@/` and relative
 * specifiers are resolved and followed (re-exports and dynamic imports too); type-only imports
 * and exports are skipped because they vanish when compiled; packages are recorded, not entered.
 */
export type ModuleNode = { file: string; packages: string[]; localImports: string[] };

const EXTENSIONS = ["", ".ts", ".tsx", ".mts", ".js", ".mjs", "/index.ts", "/index.tsx"];

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return !clause.name && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

function isTypeOnlyExport(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
}

/** The module specifiers a file loads at run time. */
export function runtimeSpecifiers(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, fileName.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && !isTypeOnlyImport(node)) found.push(node.moduleSpecifier.text);
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && !isTypeOnlyExport(node)) found.push(node.moduleSpecifier.text);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) found.push(argument.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** `drizzle-orm/pg-core` → `drizzle-orm`, `@electric-sql/pglite/x` → `@electric-sql/pglite`. */
export function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

/** A repository-relative path for a local specifier, or null for a package. */
export function resolveLocal(root: string, fromFile: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(root, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(path.join(root, fromFile)), specifier);
  else return null;
  for (const ext of EXTENSIONS) {
    const candidate = base + ext;
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return path.relative(root, candidate).split(path.sep).join("/");
  }
  throw new Error(`${fromFile}: cannot resolve "${specifier}"`);
}

/** Every module reachable from the entries, each with the chain of files that reached it first. */
export function reachableModules(root: string, entries: readonly string[]): Map<string, { node: ModuleNode; via: string[] }> {
  const seen = new Map<string, { node: ModuleNode; via: string[] }>();
  const queue: { file: string; via: string[] }[] = entries.map((file) => ({ file, via: [] }));
  for (let next = queue.shift(); next; next = queue.shift()) {
    if (seen.has(next.file)) continue;
    const node: ModuleNode = { file: next.file, packages: [], localImports: [] };
    seen.set(next.file, { node, via: next.via });
    if (!/\.(m?[jt]sx?)$/.test(next.file)) continue;
    const source = fs.readFileSync(path.join(root, next.file), "utf8");
    for (const specifier of runtimeSpecifiers(next.file, source)) {
      const local = resolveLocal(root, next.file, specifier);
      if (local === null) node.packages.push(packageName(specifier));
      else {
        node.localImports.push(local);
        queue.push({ file: local, via: [...next.via, next.file] });
      }
    }
  }
  return seen;
}

/** Files whose first statement is the "use client" directive. */
export function isClientEntry(source: string): boolean {
  return /^(\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["']use client["']/.test(source);
}
