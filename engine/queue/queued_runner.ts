/**
 * The planner's side of the queue: instead of running a node's task here, upload its inputs
 * to the shared store (objects named by their hash; skipped when already there), enqueue one
 * job whose id is the node's cache key, forward the job's progress as it arrives, and wait
 * for it to finish; then read the output from the store, verified by hash. BullMQ keeps one
 * job per id, so a second planner that enqueues the same node joins the first one's job
 * instead of running it again, and a job completed earlier returns its result at once.
 */
import { relative } from "node:path";
import { fromFileUrl } from "../store/paths.ts";
import { Queue, QueueEvents } from "bullmq";
import type { Job } from "bullmq";
import type { GraphNode } from "../declare/graph.ts";
import { sha256Hex } from "../keys/hash.ts";
import type { KeyComponents } from "../keys/key_record.ts";
import type { RemoteStore } from "../store/remote/remote_store.ts";
import { type NodeRunRequest, TaskFailure } from "../run/node_runner.ts";
import type { EncodedInput } from "../run/worker_protocol.ts";
import type { JobData, JobInput, JobProgress, JobResult } from "./job_data.ts";
import { checkRedis, connectionOf } from "./redis.ts";
import { parseQueueUrl, queueName, storeEndpoint } from "./queue_url.ts";

export interface QueuedRunnerOptions {
  queue: string;
  remote: RemoteStore;
  root: string;
  /** Tries per job before it fails (BullMQ's `attempts`), with exponential backoff. */
  attempts: number;
  /** First retry delay; it doubles with each retry. */
  backoffMs?: number;
}

export class QueuedRunner {
  #uploaded = new Set<string>();
  /** Output objects read back from the store and verified: the run's push skips them. */
  readonly stored = new Set<string>();
  #listeners = new Map<string, (progress: JobProgress) => void>();

  private constructor(
    readonly name: string,
    readonly url: string,
    private queue: Queue<JobData, JobResult>,
    private events: QueueEvents,
    private options: QueuedRunnerOptions,
  ) {
    events.on("progress", ({ jobId, data }) => {
      this.#listeners.get(jobId)?.(data as JobProgress);
    });
  }

  /** Checks that Redis answers (a clear error within seconds), then connects. */
  static async open(options: QueuedRunnerOptions): Promise<QueuedRunner> {
    const url = parseQueueUrl(options.queue);
    await checkRedis(url);
    const name = queueName(options.remote.url, storeEndpoint((key) => Deno.env.get(key)));
    const connection = connectionOf(url);
    const queue = new Queue<JobData, JobResult>(name, { connection });
    const events = new QueueEvents(name, { connection });
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    return new QueuedRunner(name, url.url, queue, events, options);
  }

  /** Runs one node through the queue; returns its output bytes (verified) like `runNode`. */
  async run(
    request: NodeRunRequest,
    node: GraphNode,
    components: KeyComponents,
  ): Promise<Uint8Array> {
    const key = request.context.key!;
    const data: JobData = {
      format: 1,
      nodeId: node.id,
      pipeline: request.context.pipeline ?? "",
      module: this.#moduleOf(request.task.module),
      name: request.task.name,
      params: request.params,
      context: withoutDataDir(request.context),
      components,
      inputs: await this.#upload(request.inputs),
    };
    this.#listeners.set(key, (progress) => {
      if (progress.type === "progress") request.onProgress(progress.update);
      else if (progress.type === "claimed") {
        request.onProgress({ message: `on worker ${progress.worker}, try ${progress.attempt}` });
      }
    });
    try {
      for (let round = 1;; round++) {
        const job = await this.#enqueue(key, node.id, data);
        const result = await this.#finished(job, request.signal);
        const problems: string[] = [];
        const bytes = await this.options.remote.readObject(result.outputHash, problems);
        if (bytes) {
          this.stored.add(result.outputHash);
          for (const warning of result.warnings) request.onWarn(warning);
          for (const [name, value] of Object.entries(result.metrics)) {
            request.onMetric(name, value);
          }
          return bytes;
        }
        for (const problem of problems) request.onWarn(problem);
        // The job completed, but its output is gone or corrupt: run it once more.
        if (round > 1) throw new TaskFailure(`${problems.join("; ")} (again after recomputing)`);
        await job.remove().catch(() => {});
      }
    } finally {
      this.#listeners.delete(key);
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.events.close(), this.queue.close()]);
  }

  /** Adds the job, or joins the one with this id; a job left failed by a past run restarts. */
  async #enqueue(key: string, nodeId: string, data: JobData): Promise<Job<JobData, JobResult>> {
    const add = () =>
      this.queue.add(nodeId, data, {
        jobId: key,
        attempts: this.options.attempts,
        backoff: { type: "exponential", delay: this.options.backoffMs ?? 1000 },
      });
    const job = await add();
    if (await job.getState() !== "failed") return job;
    await job.remove().catch(() => {});
    return await add();
  }

  async #finished(job: Job<JobData, JobResult>, signal: AbortSignal): Promise<JobResult> {
    let onAbort = () => {};
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(new TaskFailure("interrupted"));
      if (signal.aborted) onAbort();
      signal.addEventListener("abort", onAbort);
    });
    try {
      return await Promise.race([job.waitUntilFinished(this.events), aborted]);
    } catch (error) {
      if (error instanceof TaskFailure) throw error;
      // The worker's error message is the task's own, as a local run would print it.
      throw new TaskFailure(error instanceof Error ? error.message : String(error));
    } finally {
      signal.removeEventListener("abort", onAbort);
    }
  }

  /** Puts each input object the store lacks; returns the inputs by hash. */
  async #upload(inputs: Record<string, EncodedInput>): Promise<Record<string, JobInput>> {
    const put = async (bytes: Uint8Array): Promise<string> => {
      const hash = sha256Hex(bytes);
      if (this.#uploaded.has(hash)) return hash;
      const name = this.options.remote.objectName(hash);
      const listed = await this.options.remote.backend.list(name);
      if (!listed.some((entry) => entry.name === name && entry.size === bytes.length)) {
        await this.options.remote.backend.put(name, bytes);
      }
      this.#uploaded.add(hash);
      return hash;
    };
    const result: Record<string, JobInput> = {};
    for (const [name, input] of Object.entries(inputs)) {
      result[name] = input instanceof Uint8Array ? await put(input) : await Promise.all(
        input.map(async (item) => ({
          id: item.id,
          coords: item.coords,
          hash: await put(item.bytes),
        })),
      );
    }
    return result;
  }

  #moduleOf(module: string): string {
    if (!module.startsWith("file:")) return module;
    const path = relative(this.options.root, fromFileUrl(module));
    return path.startsWith("..") ? module : path;
  }
}

function withoutDataDir(context: NodeRunRequest["context"]): JobData["context"] {
  const { dataDir: _dataDir, ...rest } = context;
  return rest;
}
