import assert from "node:assert/strict";
import { decodeArtifact, encodeArtifact } from "../../engine/store/codec.ts";
import type { EvaluationMetrics } from "../../evaluation/evaluation.ts";
import { renderReportFiles } from "../../reports/render_report.ts";
import { DEFAULT_SECTIONS } from "../../reports/sections/registry.ts";
import { renderReport, reportParams } from "../../tasks/report.ts";
import { fixtureMetrics } from "../reports/report_fixture.ts";
import { recordingContext } from "./task_context.ts";

Deno.test("report task: re-rendering from the stored metrics gives byte-identical files", async () => {
  const metrics = fixtureMetrics();
  const stored = () => decodeArtifact(encodeArtifact(metrics)) as EvaluationMetrics;
  const params = reportParams.parse({ title: "Weekly TFT" });
  const first = await renderReport.run({ metrics: stored() }, params, recordingContext("report"));
  const again = await renderReport.run({ metrics: stored() }, params, recordingContext("report"));
  assert.deepEqual(encodeArtifact(first), encodeArtifact(again));
  // Key order of the in-memory metrics (as built) does not matter either.
  const direct = await renderReportFiles(metrics, params);
  for (const [name, content] of Object.entries(first.files)) {
    assert.equal(direct.files[name], content, `${name} depends on key order`);
  }
  assert.ok((first.files["index.html"] as string).includes("<title>Weekly TFT</title>"));
});

Deno.test("report task: defaults, and a clear error for a wrong input", async () => {
  assert.deepEqual(reportParams.parse({}), {
    title: "finfusion report",
    sections: [...DEFAULT_SECTIONS],
  });
  assert.throws(() => reportParams.parse({ title: "" }));
  assert.throws(
    () => reportParams.parse({ sections: ["headline", "fusion-weights"] }),
    /unknown report section \\"fusion-weights\\"; the registered sections are headline, /,
  );
  assert.throws(() => reportParams.parse({ sections: ["run", "run"] }), /listed twice/);
  await assert.rejects(
    async () =>
      await renderReport.run(
        { metrics: {} as EvaluationMetrics },
        reportParams.parse({}),
        recordingContext("report"),
      ),
    /report: input "metrics" is not an evaluation/,
  );
  assert.equal(renderReport.kind, "report");
});

Deno.test("report task: prints its pipeline and key from the context, the same on every render", async () => {
  const key = "0123456789ab".repeat(5) + "cdef";
  const ctx = () => ({ ...recordingContext("report"), pipeline: "weekly-tft", key });
  const params = reportParams.parse({ title: "Weekly TFT" });
  const metrics = () => decodeArtifact(encodeArtifact(fixtureMetrics())) as EvaluationMetrics;
  const first = await renderReport.run({ metrics: metrics() }, params, ctx());
  const again = await renderReport.run({ metrics: metrics() }, params, ctx());
  assert.deepEqual(encodeArtifact(first), encodeArtifact(again));
  for (const name of ["index.html", "summary.md"]) {
    const text = first.files[name] as string;
    assert.ok(text.includes("deno task report 0123456789ab"), `${name} names the re-render`);
    assert.ok(text.includes(`weekly-tft/report, key ${key}`), `${name} names node and key`);
  }
});
