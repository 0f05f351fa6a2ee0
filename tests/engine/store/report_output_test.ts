/**
 * Report folders are replaced whole; a failed write leaves neither half a report nor a temp
 * folder; temp folders a killed process left are found for `cache gc`.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { leftoverReportTemps, writeReportFolder } from "../../../engine/store/report_output.ts";

async function withOut(test: (out: string) => void | Promise<void>) {
  const out = await Deno.makeTempDir({ prefix: "finfusion-report-output-test-" });
  try {
    await test(out);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
}

const names = (dir: string) => [...Deno.readDirSync(dir)].map((entry) => entry.name).sort();

Deno.test("writeReportFolder replaces a folder whole, and a failed write changes nothing", () =>
  withOut((out) => {
    const folder = join(out, "reports", "fx", "abc123");
    writeReportFolder(folder, { files: { "summary.md": "# one", "data/rows.json": "[1]" } });
    writeReportFolder(folder, { files: { "summary.md": "# two" } });
    assert.deepEqual(names(folder), ["summary.md"], "the previous files are gone");
    assert.equal(Deno.readTextFileSync(join(folder, "summary.md")), "# two");
    // "a" is written as a file, so "a/b" cannot be: the write fails half-way.
    assert.throws(() => writeReportFolder(folder, { files: { "a": "x", "a/b": "y" } }));
    assert.equal(Deno.readTextFileSync(join(folder, "summary.md")), "# two");
    assert.deepEqual(names(join(out, "reports", "fx")), ["abc123"], "no temp folder is left");
  }));

Deno.test("leftoverReportTemps finds temp folders beside report folders and in latest/", () =>
  withOut((out) => {
    const fx = join(out, "reports", "fx");
    for (const folder of ["abc123", "latest/report", ".tmp-1", "latest/.tmp-old-2"]) {
      Deno.mkdirSync(join(fx, folder), { recursive: true });
    }
    Deno.mkdirSync(join(out, "reports", "daily", ".tmp-3"), { recursive: true });
    Deno.mkdirSync(join(fx, "abc123", ".tmp-inside-a-report"));
    Deno.writeTextFileSync(join(fx, ".tmp-a-file"), "not a folder a report write makes");
    assert.deepEqual(leftoverReportTemps(out), [
      join(out, "reports", "daily", ".tmp-3"),
      join(fx, ".tmp-1"),
      join(fx, "latest", ".tmp-old-2"),
    ]);
    assert.deepEqual(leftoverReportTemps(join(out, "missing")), []);
  }));
