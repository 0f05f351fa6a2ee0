/** Test helper: the declaration issues a pipeline definition raises when loaded. */
import assert from "node:assert/strict";
import type { PipelineBuilder } from "../../engine/mod.ts";
import { pipeline } from "../../engine/declare/declare.ts";
import { PipelineDeclarationError } from "../../engine/declare/errors.ts";
import { graphFromDefinition } from "../../engine/declare/loader.ts";

export const FILE = "pipelines/broken.ts";

export async function issuesOf(build: (p: PipelineBuilder) => void, overrides: string[] = []) {
  try {
    await graphFromDefinition(pipeline({ name: "broken" }, build), { file: FILE, overrides });
  } catch (error) {
    assert.ok(error instanceof PipelineDeclarationError, String(error));
    assert.equal(error.file, FILE);
    assert.ok(error.message.startsWith(`${FILE}: `));
    assert.match(error.message, /[Nn]othing ran/);
    return error.issues;
  }
  throw new Error("the declaration was accepted");
}

export async function expectIssue(
  build: (p: PipelineBuilder) => void,
  node: string,
  field: string,
  message: RegExp,
  overrides: string[] = [],
) {
  const issues = await issuesOf(build, overrides);
  const match = issues.find((issue) => issue.node === node && issue.field === field);
  assert.ok(match, `no issue for node ${node} field ${field} in ${JSON.stringify(issues)}`);
  assert.match(match.message, message);
}
