/**
 * Test helper: starts a real Redis (Debian's `redis-server`) on a free loopback port, with
 * no persistence, and stops it on dispose. No test that needs it is skipped: when
 * redis-server is missing, `start` fails saying how to install it (the test task's setup,
 * tests/setup/main.ts, installs it with apt when it can).
 */

export const REDIS_SERVER = "redis-server";

export class RedisServer {
  private constructor(readonly port: number, private child: Deno.ChildProcess) {}

  static async start(): Promise<RedisServer> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const port = freePort();
      let child: Deno.ChildProcess;
      try {
        child = new Deno.Command(REDIS_SERVER, {
          args: ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
          stdout: "piped",
          stderr: "piped",
        }).spawn();
      } catch (error) {
        if (!(error instanceof Deno.errors.NotFound)) throw error;
        throw new Error(
          "these tests need a real Redis: redis-server is not installed. Install it with " +
            "`sudo apt-get install -y redis-server` (Debian/Ubuntu; `deno task test` does this " +
            "itself when it may), then run the tests again",
        );
      }
      if (await listening(port, child)) return new RedisServer(port, child);
      child.kill("SIGKILL");
      await child.status;
      await child.stdout.cancel().catch(() => {});
      await child.stderr.cancel().catch(() => {});
    }
    throw new Error("redis-server did not start on a free loopback port after 5 tries");
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.child.kill("SIGTERM");
    await this.child.status;
    await this.child.stdout.cancel().catch(() => {});
    await this.child.stderr.cancel().catch(() => {});
  }
}

/** A loopback port that was free a moment ago. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

async function listening(port: number, child: Deno.ChildProcess): Promise<boolean> {
  let exited = false;
  child.status.then(() => exited = true);
  for (let i = 0; i < 100 && !exited; i++) {
    try {
      const connection = await Deno.connect({ hostname: "127.0.0.1", port });
      connection.close();
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return false;
}
