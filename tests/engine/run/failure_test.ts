import assert from "node:assert/strict";
import { failureDetail } from "../../../engine/run/failure.ts";

class DataError extends Error {
  override name = "DataError";
}

Deno.test("failureDetail: built-in errors are bugs (stack shown); the rest are complete", () => {
  let typeError: unknown;
  try {
    (undefined as unknown as { x: number }).x;
  } catch (error) {
    typeError = error;
  }
  const bug = failureDetail(typeError);
  assert.equal(bug.unexpected, true);
  assert.match(bug.stack!, /^TypeError: .*\n\s+at /);
  assert.equal(failureDetail(new RangeError("bad length")).unexpected, true);
  assert.equal(failureDetail(new ReferenceError("x is not defined")).unexpected, true);

  const domain = failureDetail(new Error("fold 2016 has no training origins; widen trainYears"));
  assert.deepEqual([domain.message, domain.unexpected], [
    "fold 2016 has no training origins; widen trainYears",
    false,
  ]);
  assert.match(domain.stack!, /^Error: fold 2016/);
  const data = failureDetail(new DataError("mirror:spx.csv ^GSPC, row 3: not a number"));
  assert.equal(data.unexpected, false);

  assert.deepEqual(failureDetail("a string"), {
    message: "a string",
    stack: null,
    unexpected: true,
  });
});
