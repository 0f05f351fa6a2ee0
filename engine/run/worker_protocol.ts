/** Messages between the scheduler and a task Worker. Artifacts travel as encoded bytes. */
import type { FailureDetail } from "./failure.ts";
import type { ProgressUpdate, TaskContext } from "../task.ts";

export type EncodedInput =
  | Uint8Array
  | Array<{
    id: string;
    coords: Record<string, string>;
    bytes: Uint8Array;
  }>;

/** The data part of a task's context (the callbacks and the signal stay with the scheduler). */
export type ContextData = Omit<TaskContext, "progress" | "warn" | "metric" | "signal">;

export interface RunRequest {
  module: string;
  name: string;
  inputs: Record<string, EncodedInput>;
  params: unknown;
  context: ContextData;
}

export type WorkerMessage =
  | { type: "progress"; update: ProgressUpdate }
  | { type: "warn"; message: string }
  | { type: "metric"; name: string; value: number }
  | { type: "done"; bytes: Uint8Array }
  | { type: "error"; failure: FailureDetail };
