/**
 * `inputs: OPEN_INPUTS` on a task: it takes inputs named by its params (one per phase of a
 * program, say) and checks them itself when it runs; the loader checks no names for it
 * (`engine/declare/input_check.ts`). A module of its own, not a change to `Task`'s type in
 * `engine/task.ts`: every task imports that module, so editing it changes every node's key.
 */
// deno-lint-ignore no-explicit-any
export const OPEN_INPUTS = "open" as any;
