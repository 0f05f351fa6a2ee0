/**
 * Upstream artifacts into a fit, as a plain DAG edge: a train node reads another train
 * node's stored model (mapped over the same fold axis) as `FitOptions.upstream`, cached like
 * any input. A fixture kind registered by one line records what upstream it received; a kind
 * that does not accept one is refused, naming the node.
 */
import assert from "node:assert/strict";
import type { Fold, ModelSpec, TrainResult } from "../../models/contract.ts";
import { trainingViewOf } from "../../tasks/training_view.ts";
import { upstreamModel } from "../../tasks/upstream.ts";
import { ENGINE_MOD, modelProject, register } from "../models/model_project.ts";
import { tftFold } from "../models/tft/tft_fold.ts";

/** A kind that accepts an upstream model and logs what it got to $FIXTURE_LOG. */
const PROBE_CONFIG = `
import { z } from "zod";
export const probeConfig = z.object({ scale: z.number().default(1) }).strict();
export const probeKind = {
  kind: "upstream-probe",
  description: "Test kind: records the upstream model its fit receives",
  schema: probeConfig,
};
`;

const PROBE_SPEC = `
import type { FitOptions, Fold, ModelSpec, SplitName } from "../contract.ts";
import { probeKind } from "./config.ts";

export const probeSpec: ModelSpec<{ scale: number }> = {
  ...probeKind,
  accepts: { upstream: true },
  create: (config) => {
    let level = 0;
    return {
      fit: (fold: Fold, options?: FitOptions) => {
        const up = options?.upstream;
        level = config.scale * (up?.weights ? up.weights[0] : 1);
        const got = up ? { ...up, weights: up.weights ? [...up.weights] : null } : null;
        Deno.writeTextFileSync(Deno.env.get("FIXTURE_LOG")!,
          JSON.stringify({ fold: fold.id, scale: config.scale, upstream: got }) + "\\n", { append: true });
        return Promise.resolve({ history: [], selectedEpoch: null, summary: { level } });
      },
      predict: (fold: Fold, split: SplitName) => Promise.resolve({
        split, origins: fold.splits[split], horizon: 1,
        point: new Float32Array(fold.splits[split].length).fill(level),
      }),
      save: () => Promise.resolve(Uint8Array.of(level, 7)),
    };
  },
};
`;

const pipelineWith = (fineTune: string) => `
import { pipeline, sweep } from "${ENGINE_MOD}";
import { fixtureFold } from "../tasks/fixture_fold.ts";
import { fitModel } from "../tasks/train.ts";

export default pipeline({ name: "chain", seed: 1 }, (p) => {
  const fold = p.split("fold", fixtureFold, { testYear: sweep([1, 2]) });
  const pre = p.train("pre", fitModel, { model: { kind: "upstream-probe", scale: 3 } }, { fold });
  p.train("tune", fitModel, { model: ${fineTune} }, { fold, upstream: pre });
});
`;

interface Logged {
  fold: string;
  scale: number;
  upstream: { model: string; label: string; config: unknown; weights: number[] | null } | null;
}

Deno.test("a train node reads another train node's stored model as its fit's upstream", async (t) => {
  await using project = await modelProject();
  Deno.mkdirSync(project.path("models/upstream_probe"));
  Deno.writeTextFileSync(project.path("models/upstream_probe/config.ts"), PROBE_CONFIG);
  Deno.writeTextFileSync(project.path("models/upstream_probe/spec.ts"), PROBE_SPEC);
  register(project, 'kind("./upstream_probe/config.ts", "./upstream_probe/spec.ts")');
  const write = (fineTune: string) =>
    Deno.writeTextFileSync(project.path("pipelines/chain.ts"), pipelineWith(fineTune));
  const run = (code = 0) => project.expectCli(["pipeline", "chain", "--backend", "cpu"], code);
  const logged = () => project.ran().map((line) => JSON.parse(line) as Logged);

  await t.step("each fine-tune fit gets the pretrain fit of its own fold", async () => {
    write('{ kind: "upstream-probe", scale: 2 }');
    await run();
    const lines = logged();
    const pre = lines.filter((line) => line.scale === 3);
    const tune = lines.filter((line) => line.scale === 2);
    assert.deepEqual(pre.map((line) => [line.fold, line.upstream]).sort(), [
      ["fold-1", null],
      ["fold-2", null],
    ]);
    assert.deepEqual(tune.map((line) => line.fold).sort(), ["fold-1", "fold-2"]);
    for (const line of tune) {
      assert.deepEqual(line.upstream, {
        model: "upstream-probe",
        label: "upstream-probe",
        config: { scale: 3 },
        weights: [3, 7], // the pretrain's save(): its level 3 · 1, then the marker
      });
    }
  });

  await t.step("the edge is cached like any other: a re-run fits nothing", async () => {
    await run();
    assert.deepEqual(logged(), []);
  });

  await t.step("a changed pretrain refits it and every fit downstream of it", async () => {
    project.edit("pipelines/chain.ts", (text) => text.replace("scale: 3", "scale: 4"));
    await run();
    const lines = logged();
    assert.equal(lines.length, 4);
    const tune = lines.filter((line) => line.scale === 2);
    assert.deepEqual(tune.map((line) => line.upstream!.weights), [[4, 7], [4, 7]]);
  });

  await t.step("a kind that does not accept an upstream is refused, naming the node", async () => {
    write('{ kind: "always-long" }');
    const result = await run(1);
    assert.match(
      result.stdout + result.stderr,
      /tune\[testYear=1\]: model kind "always-long" does not accept an upstream model/,
    );
  });
});

const spec = (accepts: boolean) =>
  ({ kind: "k", ...(accepts ? { accepts: { upstream: true } } : {}) }) as ModelSpec<unknown>;

function stored(fold: Fold, last: string): TrainResult {
  return {
    model: "tft",
    label: "tft-pre",
    config: { hiddenSize: 8 },
    weights: Uint8Array.of(1, 2),
    foldId: fold.id,
    trainSpan: { first: fold.dates[1], last, rows: 10 },
  } as Partial<TrainResult> as TrainResult;
}

Deno.test("upstreamModel: absent, refused or handed on as the stored model", () => {
  const fold = tftFold({ rows: 80 });
  const check = { spec: spec(true), fold, nodeId: "tune[testYear=2016]" };
  assert.equal(upstreamModel(undefined, { ...check, spec: spec(false) }), undefined);
  const testStart = fold.dates[fold.splits.test[0] + 1];
  const before = fold.dates[fold.splits.test[0]];
  assert.deepEqual(upstreamModel(stored(fold, before), check), {
    model: "tft",
    label: "tft-pre",
    config: { hiddenSize: 8 },
    weights: Uint8Array.of(1, 2),
  });
  assert.throws(
    () => upstreamModel(stored(fold, before), { ...check, spec: spec(false) }),
    /tune\[testYear=2016\]: model kind "k" does not accept an upstream model/,
  );
  assert.throws(
    () => upstreamModel([stored(fold, before)], check),
    /tune\[testYear=2016\]: input "upstream" is not a train node's output/,
  );
  assert.throws(
    () => upstreamModel(stored(fold, testStart), check),
    new RegExp(`fitted on targets up to ${testStart}, on or after ${testStart}.*test period`),
  );
  // A training view has no test origins: anything after its last row is the future.
  const view = trainingViewOf(fold);
  const end = view.dates[view.dates.length - 1];
  assert.ok(upstreamModel(stored(fold, end), { ...check, fold: view }));
  assert.throws(
    () => upstreamModel(stored(fold, testStart), { ...check, fold: view }),
    new RegExp(`after ${end}, the last row of the training view`),
  );
});
