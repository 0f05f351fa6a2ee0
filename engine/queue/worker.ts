/**
 * `worker --queue redis://… --store s3://…`: a BullMQ Worker on the queue of that store.
 * It checks that Redis and the store answer (a clear error within seconds otherwise), then
 * takes up to `jobs` jobs at a time, each run by {@link processJob} in a subprocess, until
 * its signal aborts; it then stops taking jobs and lets running ones finish. Its lock on a
 * job is renewed every `lockMs / 2` while the subprocess runs; a worker that dies (kill -9)
 * stops renewing, and after `lockMs` another worker's stalled-job check puts the job back.
 */
import { hostname } from "node:os";
import { Worker } from "bullmq";
import { openRemote } from "../store/remote/session.ts";
import type { JobData, JobResult } from "./job_data.ts";
import { processJob } from "./process_job.ts";
import { checkRedis, connectionOf } from "./redis.ts";
import { parseQueueUrl, queueName, storeEndpoint } from "./queue_url.ts";

export interface WorkerOptions {
  queue: string;
  store: string;
  root: string;
  stateDir: string;
  configFile: string;
  dataDir: string | null;
  jobs: number;
  /** How long a job's lock lasts without renewal (and how often stalled jobs are checked). */
  lockMs: number;
  signal: AbortSignal;
  log(message: string): void;
}

export async function runWorker(options: WorkerOptions): Promise<void> {
  const queue = parseQueueUrl(options.queue);
  await checkRedis(queue);
  const remote = await openRemote(options.store);
  // One listing: a store that cannot be reached fails here, naming its URL.
  await remote.backend.list("keys/00/");
  const name = queueName(options.store, storeEndpoint((key) => Deno.env.get(key)));
  const id = `${hostname()}:${Deno.pid}`;
  const setup = { ...options, remote, worker: id };
  const worker = new Worker<JobData, JobResult>(name, (job) => processJob(job, setup), {
    connection: connectionOf(queue),
    concurrency: options.jobs,
    lockDuration: options.lockMs,
    stalledInterval: options.lockMs,
    maxStalledCount: 2,
  });
  worker.on("active", (job) => options.log(`${job.data.nodeId}: started (key ${job.id})`));
  worker.on("completed", (job, result) =>
    options.log(
      result.worker === "store"
        ? `${job.data.nodeId}: already in the store (${result.outputHash.slice(0, 12)}…)`
        : `${job.data.nodeId}: done in ${result.ms} ms (${result.outputHash.slice(0, 12)}…)`,
    ));
  worker.on("failed", (job, error) =>
    options.log(
      `${job?.data.nodeId ?? "?"}: attempt ${job?.attemptsMade ?? "?"} failed: ${error.message}`,
    ));
  worker.on("error", (error) => options.log(`queue error: ${error.message}`));
  await worker.waitUntilReady();
  options.log(
    `worker ${id} on queue ${name} at ${queue.url} (store ${options.store}, ` +
      `${options.jobs} at a time)`,
  );
  await new Promise<void>((resolve) => {
    if (options.signal.aborted) resolve();
    options.signal.addEventListener("abort", () => resolve());
  });
  options.log("stopping: finishing the running jobs…");
  await worker.close();
}
