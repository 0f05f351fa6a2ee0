import assert from "node:assert/strict";
import { columnIndex, readCsv } from "../../data/csv.ts";
import { dataErrorOf } from "./_helpers.ts";

const where = { source: "mirror t.csv", series: "T" };

Deno.test("csv: BOM, CRLF, quoted fields and blank lines", () => {
  const table = readCsv('\ufeffdate,"name, long",value\r\n2024-01-02,"a, ""b""",1\r\n\r\n', where);
  assert.deepEqual(table.header, ["date", "name, long", "value"]);
  assert.deepEqual(table.rows, [["2024-01-02", 'a, "b"', "1"]]);
  assert.equal(table.endsWithNewline, true);
  assert.equal(columnIndex(table, ["VALUE"], where), 2);
});

Deno.test("csv: header problems name the header row", async () => {
  const missing = await dataErrorOf(
    () => columnIndex(readCsv("date,close\n2024-01-02,1\n", where), ["value"], where),
    "malformed",
  );
  assert.match(missing.message, /row 0: no column named "value" in the header "date,close"/);
  await dataErrorOf(() => readCsv("justonecolumn\n1\n", where), "malformed");
  await dataErrorOf(() => readCsv('date,"x\n', where), "malformed");
});
