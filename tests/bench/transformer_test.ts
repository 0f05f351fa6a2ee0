/**
 * The CLS Transformer benchmark (`bench/transformer/`): the PyTorch reference builds the
 * same network as finfusion's `cls-transformer` (equal parameter counts at the guide's
 * 432,257 and at a tiny size), and the module's rows parse at the tiny size: finite
 * figures, the ratio row equal to finfusion's s/epoch over torch's, the 1.5× target, the
 * matrix products' rows consistent with them.
 * Needs `/usr/bin/python3` with torch (or FINFUSION_PYTHON); without it the tests are
 * reported as ignored, with the reason printed.
 */
import assert from "node:assert/strict";
import { relaxedMaddFuses } from "../../models/tf/wasm_simd/fma_probe.ts";
import { GUIDE_PRESET, TINY_PRESET } from "../../bench/transformer/data.ts";
import { torchParams } from "../../bench/transformer/torch.ts";
import {
  benchTransformer,
  presetNetwork,
  RATIO_TARGET,
} from "../../bench/transformer/transformer.ts";
import { initBackend } from "../../models/tf/backend.ts";

const python = Deno.env.get("FINFUSION_PYTHON") ?? "/usr/bin/python3";
const probe = await new Deno.Command(python, { args: ["-c", "import torch"] }).output()
  .catch(() => null);
const noTorch = !probe?.success;
if (noTorch) console.warn(`tests/bench/transformer_test.ts: ${python} cannot import torch`);

for (const preset of [TINY_PRESET, GUIDE_PRESET]) {
  Deno.test({
    name: `torch reference and cls-transformer have equal parameter counts (${preset.name})`,
    ignore: noTorch,
    fn: async () => {
      await initBackend("wasm");
      const network = presetNetwork(preset);
      const ours = network.model.countParams();
      network.model.dispose();
      const theirs = await torchParams(preset);
      assert.equal(typeof theirs, "number", JSON.stringify(theirs));
      assert.equal(theirs, ours);
      if (preset === GUIDE_PRESET) assert.equal(ours, 432_257, "the guide's parameter count");
    },
  });
}

Deno.test({
  name: "the transformer bench module's rows parse (tiny preset, one timed epoch)",
  ignore: noTorch,
  fn: async () => {
    const results = await benchTransformer(TINY_PRESET, 1);
    const byName = new Map(results.map((r) => [r.name, r]));
    for (const r of results) {
      assert.ok(Number.isFinite(r.value) && r.value > 0, `${r.name}: ${r.value}`);
    }
    const ours = byName.get("cls-transformer tiny wasm: train s/epoch")!;
    const torch = byName.get("torch tiny: train s/epoch")!;
    const ratio = byName.get("cls-transformer tiny wasm / torch: s/epoch ratio")!;
    assert.ok(ours && torch && ratio, results.map((r) => r.name).join(", "));
    assert.equal(ratio.target, RATIO_TARGET);
    assert.ok(Math.abs(ratio.value - ours.value / torch.value) < 1e-12);
    assert.equal(ours.target, RATIO_TARGET * torch.value);
    assert.match(ours.notes!, /2449 parameters \(torch 2449\)/);
    assert.ok(byName.has("cls-transformer tiny wasm: inference ms/batch"));
    assert.ok(byName.has("cls-transformer tiny wasm / torch: cpu s/epoch ratio"));
    assert.ok(byName.has("torch tiny: inference ms/batch"));
    // The matrix products' share of a step, and the ratio they alone would give.
    const products = byName.get("cls-transformer tiny wasm: matrix products ms/step")!;
    assert.match(products.notes!, /^\d+% of the kernels' time, at [\d.]+ GFLOP\/s/);
    const step = byName.get("cls-transformer tiny wasm: train ms/step")!;
    assert.ok(products.value < step.value, "the products take part of a step");
    const floor = byName.get("cls-transformer tiny wasm: matrix products alone / torch step")!;
    const torchStep = step.target! / RATIO_TARGET;
    assert.ok(Math.abs(floor.value - products.value / torchStep) < 1e-9);
    // The opt-in wasm-fma backend gets its own rows exactly where multiply-add fuses.
    const fma = byName.get("cls-transformer tiny wasm-fma / torch: s/epoch ratio");
    assert.equal(fma !== undefined, relaxedMaddFuses());
  },
});
