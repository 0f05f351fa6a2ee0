import assert from "node:assert/strict";
import { namespaceIds, renderChart, roundCoordinates } from "../../../reports/charts/render.ts";
import { chart } from "../../../reports/charts/theme.ts";

const spec = chart(
  {
    data: { values: [{ x: 1, y: 0.123456 }, { x: 2, y: 0.5 }, { x: 3, y: 0.25 }] },
    mark: { type: "line", clip: true },
    encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } },
  },
  200,
  120,
);

Deno.test("charts render to SVG with stable, namespaced ids", async () => {
  const a = await renderChart("demo-chart", spec);
  const b = await renderChart("demo-chart", spec);
  assert.equal(a.svg, b.svg, "vega's process-wide id counter does not leak into the output");
  assert.ok(a.svg.startsWith("<svg"));
  assert.match(a.svg, /id="demo-chart-1"/);
  assert.match(a.svg, /clip-path="url\(#demo-chart-1\)"/);
  assert.deepEqual(a.warnings, []);
  assert.ok(!/\d\.\d{3,}/.test(a.svg.replace(/>[^<]*</g, "><")), "attribute numbers are rounded");
});

Deno.test("bad specs are reported: warnings collected, errors thrown, ids checked", async () => {
  const odd = await renderChart(
    "odd",
    chart({
      data: { values: [{ x: 1 }] },
      mark: "point",
      encoding: { x: { field: "x", type: "quantitative", scale: { type: "log", zero: true } } },
    }),
  );
  assert.ok(odd.warnings.some((w) => w.includes("zero")), odd.warnings.join("\n"));
  await assert.rejects(() => renderChart("Bad Id", spec), /kebab-case/);
  await assert.rejects(
    () => renderChart("broken", { mark: "nonsense" }),
    /chart "broken": .*does not compile/,
  );
});

Deno.test("namespaceIds rewrites ids and every reference to them", () => {
  const svg = '<svg><clipPath id="clip7"><rect/></clipPath><g clip-path="url(#clip7)"/>' +
    '<linearGradient id="g2"/><use href="#g2"/><path fill="url(#g2)"/><a href="#other"/></svg>';
  assert.equal(
    namespaceIds(svg, "c"),
    '<svg><clipPath id="c-1"><rect/></clipPath><g clip-path="url(#c-1)"/>' +
      '<linearGradient id="c-2"/><use href="#c-2"/><path fill="url(#c-2)"/><a href="#other"/></svg>',
  );
});

Deno.test("roundCoordinates touches attribute values only", () => {
  assert.equal(
    roundCoordinates(
      '<path d="M1.23456,-0.0012L3,4.5" transform="translate(10.005,2)"><text>1.23456</text></path>',
    ),
    '<path d="M1.23,0L3,4.5" transform="translate(10.01,2)"><text>1.23456</text></path>',
  );
});
