/**
 * What a run with `--queue` adds: the queued runner, opened once the shared store is open
 * (the BullMQ client is loaded only then, so local runs never load it).
 */
import type { RemoteSession } from "../store/remote/session.ts";
import type { QueuedRunner } from "./queued_runner.ts";

export interface QueueSessionOptions {
  queue: string;
  attempts: number;
  root: string;
  onInfo(message: string): void;
}

export async function queueSession(
  remote: RemoteSession | null,
  options: QueueSessionOptions,
): Promise<QueuedRunner> {
  if (!remote) throw new Error("queueSession: --queue without a shared store (checked earlier)");
  const { QueuedRunner } = await import("./queued_runner.ts");
  const runner = await QueuedRunner.open({
    queue: options.queue,
    remote: remote.remote,
    root: options.root,
    attempts: options.attempts,
  });
  options.onInfo(
    `job queue ${runner.url}: nodes go to workers on queue ${runner.name} (store ` +
      `${remote.remote.url}, ${options.attempts} tries per node)`,
  );
  return runner;
}
