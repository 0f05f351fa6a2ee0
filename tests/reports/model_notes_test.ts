import assert from "node:assert/strict";
import type { Gathered } from "../../engine/task.ts";
import type { TrainResult } from "../../models/contract.ts";
import { evaluateFits } from "../../evaluation/evaluate.ts";
import { modelNotesHtml, modelNotesMarkdown } from "../../reports/model_notes.ts";
import { DEFAULT_SETTINGS } from "../../evaluation/settings.ts";
import { buildFits, relabelFits } from "../evaluation/fixtures.ts";

const FLAT = "flattening loses temporal structure";
const base = buildFits({ years: [2019, 2020], models: ["always-long", "arimax"] });

/** ARIMAX's fits under another label, each fold's fit report carrying `notes(year)`. */
function relabelled(label: string, notes: (year: number) => string[]): Gathered<TrainResult> {
  return relabelFits(base, "arimax", label, (value) => ({
    fit: { ...value.fit, notes: notes(value.testYear!) },
  }));
}

const metrics = evaluateFits([
  ...base,
  ...relabelled("ridge", () => [FLAT]),
  ...relabelled("rf", (year) => (year === 2020 ? [FLAT, "only in 2020"] : [FLAT])),
], DEFAULT_SETTINGS);

Deno.test("each model's notes are gathered once over its folds", () => {
  const notes = (label: string) => metrics.models.find((m) => m.label === label)!.notes;
  assert.deepEqual(notes("ridge"), [FLAT]);
  assert.deepEqual(notes("rf"), [FLAT, "only in 2020"]);
  assert.deepEqual(notes("arimax"), []);
});

Deno.test("the report prints each note once, beside the models that gave it", () => {
  assert.deepEqual(modelNotesMarkdown(metrics), [
    "## Model notes",
    `- **ridge**, **rf**: ${FLAT}\n- **rf**: only in 2020`,
  ]);
  assert.equal(
    modelNotesHtml(metrics),
    '<h3>Model notes</h3><ul class="model-notes">' +
      `<li><strong>ridge</strong>, <strong>rf</strong>: ${FLAT}</li>` +
      "<li><strong>rf</strong>: only in 2020</li></ul>",
  );
  const without = evaluateFits(base, DEFAULT_SETTINGS);
  assert.deepEqual(modelNotesMarkdown(without), []);
  assert.equal(modelNotesHtml(without), null);
});
