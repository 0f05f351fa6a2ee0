/**
 * Test helper: starts a real S3-compatible server (`npm:s3rver`, see s3rver_main.ts) on a
 * free loopback port in a subprocess, with one bucket, and stops it (removing its files) on
 * dispose. `env` is what a finfusion process needs to reach it.
 */
import { join } from "node:path";
import { CONFIG } from "../fixture_project.ts";
import { S3Backend } from "../../../engine/store/remote/s3_backend.ts";

const MAIN = new URL("./s3rver_main.ts", import.meta.url).pathname;

export class S3Server {
  private constructor(
    readonly port: number,
    readonly bucket: string,
    readonly directory: string,
    private child: Deno.ChildProcess,
  ) {}

  static async start(bucket = "finfusion-test"): Promise<S3Server> {
    const directory = await Deno.makeTempDir({ prefix: "finfusion-s3rver-" });
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "--unsafe-proto", "-A", "--config", CONFIG, MAIN, directory, bucket],
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    while (!text.includes("\n")) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`s3rver exited before listening (output: ${text})`);
      text += value;
    }
    reader.releaseLock();
    const { port } = JSON.parse(text.split("\n")[0]);
    return new S3Server(port, bucket, directory, child);
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The environment a client needs (any credentials do for s3rver). */
  get env(): Record<string, string> {
    return {
      AWS_ENDPOINT_URL: this.endpoint,
      AWS_ACCESS_KEY_ID: "S3RVER",
      AWS_SECRET_ACCESS_KEY: "S3RVER",
      AWS_REGION: "us-east-1",
    };
  }

  url(prefix: string): string {
    return `s3://${this.bucket}/${prefix}`;
  }

  /** A backend on `prefix`, to inspect or tamper with the bucket from a test. */
  backend(prefix: string): S3Backend {
    return new S3Backend(this.url(prefix), (name) => this.env[name]);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.child.kill("SIGTERM");
    await this.child.status;
    await this.child.stdout.cancel().catch(() => {});
    await Deno.remove(join(this.directory), { recursive: true });
  }
}
