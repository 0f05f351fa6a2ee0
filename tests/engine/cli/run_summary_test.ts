/** The end of a run: time by stage, and the report's headline table. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { headlineTable } from "../../../engine/cli/run_summary.ts";
import { FixtureProject } from "../fixture_project.ts";

const SUMMARY = `# Weekly S&P 500

Intro with a | pipe that is no table.

## Data

| not | this |
|---|---|
| a | b |

## Headline

| model | DA | excess [CI], pp |
|---|---|---|
| **tft** | 56.7% | −2.1 [−5.3, +1.3] |
| always-long | 58.9% | – |

## Conclusion
`;

Deno.test("headlineTable: the table under the Headline heading, aligned as text", async () => {
  const folder = await Deno.makeTempDir();
  try {
    assert.equal(headlineTable(folder), null, "no summary.md: nothing to print");
    await Deno.writeTextFile(join(folder, "summary.md"), SUMMARY);
    assert.equal(
      headlineTable(folder),
      [
        `Headline (${join(folder, "summary.md")}):`,
        "model        DA     excess [CI], pp",
        "tft          56.7%  −2.1 [−5.3, +1.3]",
        "always-long  58.9%  –",
      ].join("\n"),
    );
  } finally {
    await Deno.remove(folder, { recursive: true });
  }
});

Deno.test("a run ends with time by stage and the report's table; a cached run skips the times", async () => {
  await using project = await FixtureProject.create();
  const cold = (await project.expectCli(["pipeline", "fx"])).stdout;
  assert.match(cold, /time by stage \(node compute time; parallel nodes overlap, the run took /);
  assert.match(cold, /\n {2}stage +nodes +computed +cached +compute +cache saved +slowest\n/);
  assert.match(cold, /\n {2}fetch +2 +2 +0 +\d/);
  assert.match(cold, /\n {2}train +4 +4 +0 +[\d.]+ m?s +- +fit\[year=\d+,model=\w\] /);
  assert.match(cold, /\nsummary \(.*summary\.md\):\nnode +total\nfit\[year=2016,model=a\] +\d/);
  const warm = (await project.expectCli(["pipeline", "fx"])).stdout;
  assert.doesNotMatch(warm, /time by stage/);
  assert.match(warm, /\nnode +total\n/, "the headline table is printed for a cached report too");
});
