/** Parameter, sweep and --set errors, per expansion, each naming node and field. */
import assert from "node:assert/strict";
import { z } from "zod";
import { type PipelineBuilder, sweep } from "../../../engine/mod.ts";
import { pipeline } from "../../../engine/declare/declare.ts";
import { graphFromDefinition } from "../../../engine/declare/loader.ts";
import { defineTask } from "../../../engine/task.ts";
import { scale, source, window } from "../../fixtures/engine/tasks/numbers.ts";
import { fitLine } from "../../fixtures/engine/tasks/fit.ts";
import { summarize } from "../../fixtures/engine/tasks/summary.ts";
import { expectIssue, FILE, issuesOf } from "../declaration_issues.ts";

Deno.test("unknown parameter", async () => {
  await expectIssue(
    (p) => p.fetch("raw", source, { n: 1, lenght: 3 } as { n: number }),
    "raw",
    "params.lenght",
    /unknown parameter for task "fx\.source" \(it accepts: n, offset, label\)/,
  );
  const loose = defineTask({
    name: "test.loose",
    kind: "fetch",
    module: import.meta.url,
    params: z.object({ n: z.number() }),
    run: () => 1,
  });
  await expectIssue(
    (p) => p.fetch("raw", loose, { n: 1, extra: true } as { n: number }),
    "raw",
    "params.extra",
    /unknown parameter/,
  );
});

Deno.test("invalid parameter values, nested fields included", async () => {
  await expectIssue(
    (p) => p.fetch("raw", source, { n: "eight" as unknown as number }),
    "raw",
    "params.n",
    /number/,
  );
  await expectIssue(
    (p) => {
      const raw = p.fetch("raw", source, { n: 4 });
      const fold = p.split("fold", window, { year: 2016 }, { values: raw });
      p.train("fit", fitLine, { model: sweep({ a: { slope: 1 }, b: { slope: -1, epochs: 0 } }) }, {
        fold,
      });
    },
    "fit[model=b]",
    "params.model.epochs",
    /[Tt]oo small|>0|positive/,
  );
});

Deno.test("bad sweeps, axis clashes and gathers", async () => {
  await expectIssue(
    (p) => p.fetch("raw", source, { n: sweep([4, 4]) }),
    "raw",
    "params.n",
    /sweep label "4" appears twice/,
  );
  await expectIssue(
    (p) => p.fetch("raw", source, { n: sweep([]) }),
    "raw",
    "params.n",
    /no values/,
  );
  await expectIssue(
    (p) => {
      const raw = p.fetch("raw", source, { n: 4 });
      const fold = p.split("fold", window, { year: sweep([2016, 2017]) }, { values: raw });
      p.split("again", window, { year: sweep([2018]) }, { values: fold.id });
    },
    "again",
    "params.year",
    /already inherited from input "values"/,
  );
  await expectIssue(
    (p) => {
      const raw = p.fetch("raw", source, { n: 4 });
      const other = p.fetch("other", source, { n: 4 });
      const fold = p.split("fold", window, { year: sweep([2016]) }, { values: raw });
      const fit = p.train("fit", fitLine, { model: { slope: 1 } }, { fold });
      p.evaluate("metrics", summarize, {}, { fits: fit.gather("model"), other });
    },
    "metrics",
    "inputs.fits",
    /cannot gather over axis "model"/,
  );
});

Deno.test("--set errors name the override", async () => {
  const build = (p: PipelineBuilder) => {
    const raw = p.fetch("raw", source, { n: 4 });
    p.feature("scaled", scale, { factor: 2 }, { values: raw });
  };
  await expectIssue(build, "scaled", "params.factor", /from --set scaled\.factor=big/, [
    "scaled.factor=big",
  ]);
  await expectIssue(build, "scaeld", "params.factor", /no node "scaeld"/, ["scaeld.factor=2"]);
});

Deno.test("one problem in many expansions is one line naming the node and its expansions", async () => {
  const build = (p: PipelineBuilder) => {
    const raw = p.fetch("raw", source, { n: 4 });
    const fold = p.split("fold", window, { year: sweep([2016, 2017, 2018]) }, { values: raw });
    p.train("fit", fitLine, { model: sweep({ a: { slope: 1 }, b: { slope: 2 } }) }, { fold });
  };
  const set = "fit.model.b.epochs=0";
  await expectIssue(build, "fit[year=2017,model=b]", "params.model.epochs", /from --set/, [set]);
  const message = await graphFromDefinition(pipeline({ name: "broken" }, build), {
    file: FILE,
    overrides: [set],
  }).then(() => "", (error: Error) => error.message);
  assert.ok(
    message.startsWith(
      'pipelines/broken.ts: node "fit" in 3 expansions (fit[year=2016,model=b] … ' +
        'fit[year=2018,model=b]) field "params.model.epochs": ',
    ),
    message,
  );
  assert.ok(message.endsWith(" (from --set fit.model.b.epochs=0). Nothing ran."), message);
});

Deno.test("several problems are reported together", async () => {
  const issues = await issuesOf((p) => {
    p.fetch("raw", source, { n: -1 });
    p.feature("scaled", scale, { factor: 1 }, { values: "missing" });
  });
  assert.ok(issues.length >= 1);
  assert.ok(issues.some((issue) => issue.field === "inputs.values"));
});
