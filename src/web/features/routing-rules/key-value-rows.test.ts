import { describe, expect, it } from "vitest";
import { addRow, duplicateKeyErrors, pairsOf, removeRow, rowErrorsOf, rowsOf, updateRow } from "./key-value-rows";

describe("key = value rows", () => {
  it("always offer a row to type in, also when the last one is removed", () => {
    const [only] = rowsOf([]);
    expect(only).toMatchObject({ key: "", value: "" });
    const after = removeRow([only], only.rowId);
    expect(after).toHaveLength(1);
    expect(after[0].rowId).not.toBe(only.rowId);
  });

  it("add, edit and remove rows, each keeping its own id", () => {
    let rows = rowsOf([{ key: "plan", value: "gold" }]);
    rows = addRow(rows);
    rows = updateRow(rows, rows[1].rowId, { key: "lang" });
    rows = updateRow(rows, rows[1].rowId, { value: "fr" });
    expect(rows.map(({ key, value }) => ({ key, value }))).toEqual([
      { key: "plan", value: "gold" },
      { key: "lang", value: "fr" },
    ]);
    const second = rows[1].rowId;
    rows = removeRow(rows, rows[0].rowId);
    expect(rows.map((r) => r.rowId)).toEqual([second]);
  });

  it("become pairs without blank rows and without spaces around keys and values", () => {
    const rows = rowsOf([
      { key: " plan ", value: " gold " },
      { key: "  ", value: "" },
      { key: "", value: "orphan" },
    ]);
    expect(pairsOf(rows)).toEqual({
      pairs: [
        { key: "plan", value: "gold" },
        { key: "", value: "orphan" },
      ],
      rowIds: [rows[0].rowId, rows[2].rowId],
    });
  });

  it("flag a key used twice on the later row", () => {
    const rows = rowsOf([
      { key: "plan", value: "gold" },
      { key: "lang", value: "en" },
      { key: " plan", value: "silver" },
    ]);
    expect(duplicateKeyErrors(rows)).toEqual({ [rows[2].rowId]: { key: "This key is already used above" } });
  });

  it("put errors about the n-th pair on the row it came from", () => {
    const errors = { "conditions.1.key": "Required", "conditions.0.value": "Too long", name: "Required" };
    expect(rowErrorsOf(errors, "conditions", [7, 9])).toEqual({ 9: { key: "Required" }, 7: { value: "Too long" } });
  });
});
