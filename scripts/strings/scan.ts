/** Collects the user-facing strings of a TS/TSX file: string and template literals, JSX text. */
import { readFileSync } from 'node:fs';
import ts from 'typescript';

export function uiStrings(path: string): string[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node) ||
      ts.isJsxText(node)
    ) {
      // Import paths and module specifiers are not shown to anyone.
      if (!(ts.isStringLiteral(node) && ts.isImportDeclaration(node.parent))) out.push(node.text);
    }
    node.forEachChild(visit);
  };
  visit(source);
  return out;
}

/**
 * « ligne(s) », « chargé(es) »: French plurals are written out (« 1 ligne », « 2 lignes »). The URL
 * scheme « http(s) » is not a plural.
 */
export const PLURAL_S = /[A-Za-zÀ-ÿ](?<!http)\((?:s|e|es|x)\)/;
/** An ISO date (2026-03-14) in a message: dates are shown as « 14 mars 2026 » or 14/03/2026. */
export const ISO_DATE = /\b(?:19|20)\d{2}-\d{2}-\d{2}\b/;
