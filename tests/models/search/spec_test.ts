import assert from "node:assert/strict";
import { describeSpec, drawChunk, FAMILIES } from "../../../models/search/spec.ts";

const NAMES = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
const EVEN = { tree: 1, ridge: 1, knn: 1, rule: 1 };

Deno.test("search specs: the same seed and chunk draw the same models", () => {
  const draw = (seed: number, chunk: number) =>
    drawChunk({ seed, chunk, count: 300, names: NAMES, weights: EVEN });
  assert.deepStrictEqual(draw(7, 3), draw(7, 3));
  assert.notDeepStrictEqual(draw(7, 3), draw(7, 4));
  assert.notDeepStrictEqual(draw(7, 3), draw(8, 3));
});

Deno.test("search specs: every family and rule is drawn, with valid hyper-parameters", () => {
  const specs = drawChunk({ seed: 1, chunk: 0, count: 2000, names: NAMES, weights: EVEN });
  for (const family of FAMILIES) {
    const share = specs.filter((s) => s.family === family).length / specs.length;
    assert(share > 0.2 && share < 0.3, `${family}: ${share}`);
  }
  const rules = new Set(specs.flatMap((s) => (s.family === "rule" ? [s.rule] : [])));
  assert.deepStrictEqual([...rules].sort(), ["breakout", "ma-cross", "momentum", "rsi"]);
  for (const s of specs) {
    if ("features" in s) {
      assert(s.features.length >= 1 && new Set(s.features).size === s.features.length);
      assert(s.features.every((f) => NAMES.includes(f)));
    }
    if (s.family === "rule" && s.rule === "ma-cross") assert(s.slow > s.fast && s.fast >= 2);
    if (s.family === "knn") assert(s.k >= 5 && s.k <= 250);
    if (s.family === "tree") assert(s.maxDepth >= 1 && s.maxDepth <= 3);
    assert(describeSpec(s).startsWith(s.family));
  }
});

Deno.test("search specs: weights pick the families; all-zero weights are an error", () => {
  const specs = drawChunk({
    seed: 1,
    chunk: 0,
    count: 200,
    names: NAMES,
    weights: { tree: 0, ridge: 0, knn: 0, rule: 1 },
  });
  assert(specs.every((s) => s.family === "rule"));
  assert.throws(
    () =>
      drawChunk({
        seed: 1,
        chunk: 0,
        count: 5,
        names: NAMES,
        weights: { tree: 0, ridge: 0, knn: 0, rule: 0 },
      }),
    /weights are all zero/,
  );
});
