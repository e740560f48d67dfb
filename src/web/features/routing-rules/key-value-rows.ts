// Rows of key = value pairs, as the conditions editor and the "Try it" attributes edit them: rows keep an
// id of their own so React keeps focus while they are added and removed, and a blank row is no pair.
import type { FieldErrors } from "../../lib/form-errors";

export type Pair = { key: string; value: string };
export type PairRow = Pair & { rowId: number };
export type RowErrors = Record<number, { key?: string; value?: string }>;

let lastRowId = 0;
const newRow = (pair: Pair = { key: "", value: "" }): PairRow => ({ ...pair, rowId: ++lastRowId });

/** The rows for these pairs; always at least one, so there is somewhere to type. */
export const rowsOf = (pairs: readonly Pair[]): PairRow[] =>
  pairs.length > 0 ? pairs.map((p) => newRow(p)) : [newRow()];

export const addRow = (rows: readonly PairRow[]): PairRow[] => [...rows, newRow()];

/** Removing the last row leaves an empty one. */
export function removeRow(rows: readonly PairRow[], rowId: number): PairRow[] {
  const rest = rows.filter((r) => r.rowId !== rowId);
  return rest.length > 0 ? rest : [newRow()];
}

export const updateRow = (rows: readonly PairRow[], rowId: number, change: Partial<Pair>): PairRow[] =>
  rows.map((r) => (r.rowId === rowId ? { ...r, ...change } : r));

const isBlank = (row: Pair) => row.key.trim() === "" && row.value.trim() === "";

/**
 * The pairs the rows hold, spaces around keys and values dropped and blank rows skipped, with the row each
 * came from (an error about `conditions.2.key` belongs to the row of the third pair, not the third row).
 */
export function pairsOf(rows: readonly PairRow[]): { pairs: Pair[]; rowIds: number[] } {
  const filled = rows.filter((r) => !isBlank(r));
  return {
    pairs: filled.map((r) => ({ key: r.key.trim(), value: r.value.trim() })),
    rowIds: filled.map((r) => r.rowId),
  };
}

/** A key given twice: a rule needing two values of one attribute never matches, and attributes hold one. */
export function duplicateKeyErrors(rows: readonly PairRow[]): RowErrors {
  const seen = new Set<string>();
  const errors: RowErrors = {};
  for (const { key, rowId } of rows) {
    const trimmed = key.trim();
    if (trimmed === "") continue;
    if (seen.has(trimmed)) errors[rowId] = { key: "This key is already used above" };
    seen.add(trimmed);
  }
  return errors;
}

/** Errors keyed `${prefix}.${index}.key|value` (the API's and zod's paths) moved onto their rows. */
export function rowErrorsOf(errors: FieldErrors, prefix: string, rowIds: readonly number[]): RowErrors {
  const byRow: RowErrors = {};
  for (const [field, message] of Object.entries(errors)) {
    const match = new RegExp(`^${prefix}\\.(\\d+)\\.(key|value)$`).exec(field);
    const rowId = match ? rowIds[Number(match[1])] : undefined;
    if (!match || rowId === undefined) continue;
    byRow[rowId] = { ...byRow[rowId], [match[2]]: message };
  }
  return byRow;
}

export const hasRowErrors = (errors: RowErrors) => Object.keys(errors).length > 0;
