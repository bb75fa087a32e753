/**
 * Exported cells hold what clerks imported, and a roster may carry text such as
 * `=HYPERLINK(...)` or `+cmd|'/C calc'!A0`. exceljs writes a string value as a string cell,
 * never a formula, but the clerk may re-save the export as CSV, and then Excel would run
 * it on opening. Such text is written with a leading apostrophe, which keeps it inert in
 * every spreadsheet program.
 */

// A leading sign followed by a number is a number, not a formula: keep “-”, “+86138…”.
const SIGNED_NUMBER = /^[+-][\d.,\s]*$/;

export function isFormulaLike(text: string): boolean {
  const first = text[0];
  if (first === undefined) return false;
  if (first === '=' || first === '@' || first === '\t' || first === '\r' || first === '\n') return true;
  if (first === '+' || first === '-') return !SIGNED_NUMBER.test(text);
  return false;
}

export function neutraliseFormula(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}
