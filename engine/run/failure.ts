/**
 * What a failed node reports: its message (always; the ledger keeps it) and its stack,
 * which the CLI prints only for unexpected errors. A task's own errors (a data error, a
 * config error, a plain `Error` with a message that says what to do) are complete without
 * one; JavaScript's built-in errors (a TypeError from reading a property of undefined, a
 * RangeError) point at a bug, and there the stack is the useful part.
 */

/** Error names that mean a bug in code rather than a problem with the input. */
const UNEXPECTED_ERRORS = new Set([
  "TypeError",
  "RangeError",
  "ReferenceError",
  "SyntaxError",
  "EvalError",
  "URIError",
  "InternalError",
]);

export interface FailureDetail {
  message: string;
  stack: string | null;
  /** A bug rather than a domain error: the CLI shows the stack. */
  unexpected: boolean;
}

export function failureDetail(error: unknown): FailureDetail {
  if (!(error instanceof Error)) {
    return { message: String(error), stack: null, unexpected: true };
  }
  return {
    message: error.message,
    stack: error.stack ?? null,
    unexpected: UNEXPECTED_ERRORS.has(error.name),
  };
}

/**
 * A task output the store cannot encode (a Map, a class instance…): the task's failure,
 * said the same way whether the task ran inline or in a Worker.
 */
export function storageFailure(error: unknown): FailureDetail {
  const detail = failureDetail(error);
  return { ...detail, message: `cannot store the output: ${detail.message}` };
}
