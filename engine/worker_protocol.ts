/** Messages between the scheduler and a task Worker. Artifacts travel as encoded bytes. */
import type { ProgressUpdate } from "./task.ts";

export type EncodedInput =
  | Uint8Array
  | Array<{
    id: string;
    coords: Record<string, string>;
    bytes: Uint8Array;
  }>;

export interface ContextData {
  nodeId: string;
  pipeline?: string;
  key?: string;
  coords: Record<string, string>;
  seed: number;
  backend: string;
  dataDir: string | null;
  offline: boolean;
}

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
  | { type: "error"; message: string; stack: string | null };
