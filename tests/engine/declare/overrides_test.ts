import assert from "node:assert/strict";
import {
  applyToDeclared,
  applyToExpansion,
  parseOverride,
} from "../../../engine/declare/overrides.ts";
import { isSweep, sweep } from "../../../engine/declare/sweep.ts";

Deno.test("parseOverride: group and expansion targets, JSON values, string fallback", () => {
  assert.deepEqual(parseOverride("fit.model.epochs=5"), {
    text: "fit.model.epochs=5",
    target: "fit",
    path: ["model", "epochs"],
    value: 5,
  });
  const expansion = parseOverride("fit[lr=0.5,model=tft].model.hidden=[8,16]");
  assert.equal(expansion.target, "fit[lr=0.5,model=tft]");
  assert.deepEqual(expansion.value, [8, 16]);
  assert.equal(parseOverride("spx.symbol=^GSPC").value, "^GSPC");
  assert.equal(parseOverride('spx.symbol="1"').value, "1");
  assert.equal(parseOverride("a.b=x=y").value, "x=y");
  assert.throws(() => parseOverride("noparam=1"), /expected node\.param=value/);
  assert.throws(() => parseOverride("fit.=1"), /expected node\.param=value/);
});

Deno.test("overrides on swept parameters replace, select or narrow the sweep", () => {
  const params = { year: sweep([2016, 2017]), model: sweep({ a: { k: 1 }, b: { k: 2 } }), n: 1 };
  const replaced = applyToDeclared(params, parseOverride("fold.year=[2018,2019]")).params.year;
  assert.ok(isSweep(replaced));
  assert.deepEqual(replaced.entries.map((e) => e.label), ["2018", "2019"]);
  const narrowed = applyToDeclared(params, parseOverride("fold.year=2016")).params.year;
  assert.ok(isSweep(narrowed) && narrowed.entries.length === 1);
  const selected = applyToDeclared(params, parseOverride('fit.model=["b"]')).params.model;
  assert.ok(isSweep(selected));
  assert.deepEqual(selected.entries, [{ label: "b", value: { k: 2 } }]);
  const inside = applyToDeclared(params, parseOverride("fit.model.k=9")).params.model;
  assert.ok(isSweep(inside));
  assert.deepEqual(inside.entries.map((e) => e.value), [{ k: 9 }, { k: 9 }]);
  const one = applyToDeclared(params, parseOverride("fit.model.b.k=7")).params.model;
  assert.ok(isSweep(one));
  assert.deepEqual(one.entries, [{ label: "a", value: { k: 1 } }, { label: "b", value: { k: 7 } }]);
  const whole = applyToDeclared(params, parseOverride('fit.model.a={"k":5,"m":1}')).params.model;
  assert.ok(isSweep(whole));
  assert.deepEqual(whole.entries.map((e) => e.value), [{ k: 5, m: 1 }, { k: 2 }]);
  const custom = applyToDeclared(params, parseOverride('fit.model=[{"k":1},{"k":3}]'));
  assert.ok(isSweep(custom.params.model) && custom.issue === null);
  assert.deepEqual(custom.params.model.entries.map((e) => e.label), ["set1", "set2"]);
  assert.match(applyToDeclared(params, parseOverride("fold.year=[1,1]")).issue!, /appears twice/);
  assert.deepEqual(applyToDeclared(params, parseOverride("x.deep.path=1")).params.deep, {
    path: 1,
  });
  assert.equal(params.n, 1, "the declared params are not mutated");
});

Deno.test("expansion overrides cannot change the node's own axis", () => {
  const coords = { year: "2016" };
  assert.match(
    applyToExpansion({ year: 2016 }, coords, parseOverride("f[year=2016].year=1")).issue!,
    /sweep axis/,
  );
  assert.deepEqual(
    applyToExpansion({ year: 2016, size: 3 }, coords, parseOverride("f[year=2016].size=2")).params,
    {
      year: 2016,
      size: 2,
    },
  );
});
