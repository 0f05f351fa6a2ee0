/**
 * Test helper: a real Redis and a real S3-compatible server (s3rver) on loopback, and
 * worker processes (`finfusion worker`) started on a fixture project, each the real CLI in a
 * subprocess. A worker's log is kept so a failing test can show it.
 */
import { FixtureProject } from "../fixture_project.ts";
import { S3Server } from "../remote/s3_server.ts";
import { RedisServer } from "../../helpers/redis_server.ts";
import type { LedgerEntry } from "../../../engine/ledger/ledger.ts";

export class WorkerProcess {
  log = "";
  readonly done: Promise<Deno.CommandStatus>;
  private constructor(readonly child: Deno.ChildProcess) {
    const collect = async (stream: ReadableStream<Uint8Array>) => {
      for await (const text of stream.pipeThrough(new TextDecoderStream())) this.log += text;
    };
    const drained = Promise.all([collect(child.stdout), collect(child.stderr)]);
    this.done = drained.then(() => child.status);
  }

  static async start(project: FixtureProject, args: string[], env: Record<string, string>) {
    const worker = new WorkerProcess(project.command(["worker", ...args], env).spawn());
    const deadline = Date.now() + 60_000;
    while (!worker.log.includes(" on queue ")) {
      if (Date.now() > deadline) throw new Error(`worker did not start:\n${worker.log}`);
      const exited = await Promise.race([
        worker.done.then(() => true),
        new Promise((resolve) => setTimeout(() => resolve(false), 100)),
      ]);
      if (exited) throw new Error(`worker exited before taking jobs:\n${worker.log}`);
    }
    return worker;
  }

  get pid(): number {
    return this.child.pid;
  }

  async stop(signal: Deno.Signal = "SIGTERM"): Promise<Deno.CommandStatus> {
    try {
      this.child.kill(signal);
    } catch {
      // Already gone.
    }
    return await this.done;
  }
}

export class Cluster {
  workers: WorkerProcess[] = [];
  private constructor(readonly redis: RedisServer, readonly s3: S3Server) {}

  static async start(): Promise<Cluster> {
    const redis = await RedisServer.start();
    return new Cluster(redis, await S3Server.start());
  }

  /** `--queue … --store …` for a store prefix. */
  args(prefix: string): string[] {
    return ["--queue", this.redis.url, "--store", this.s3.url(prefix)];
  }

  get env(): Record<string, string> {
    return this.s3.env;
  }

  async startWorker(
    project: FixtureProject,
    prefix: string,
    extra: string[] = [],
  ): Promise<WorkerProcess> {
    const worker = await WorkerProcess.start(project, [...this.args(prefix), ...extra], this.env);
    this.workers.push(worker);
    return worker;
  }

  logs(): string {
    return this.workers.map((worker, i) => `--- worker ${i}\n${worker.log}`).join("\n");
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.stop("SIGKILL")));
    await this.redis[Symbol.asyncDispose]();
    await this.s3[Symbol.asyncDispose]();
  }
}

/** node id → [key, output hash], to compare runs. */
export function keysAndOutputs(entry: LedgerEntry): Record<string, [string | null, string | null]> {
  return Object.fromEntries(entry.nodes.map((node) => [node.id, [node.key, node.outputHash]]));
}
