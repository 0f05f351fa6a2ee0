import assert from "node:assert/strict";
import { HttpFailure, httpGet } from "../../../data/providers/http.ts";
import { HostHealth } from "../../../data/providers/host_health.ts";

function scripted(answers: Array<number | Error | "hang">) {
  const calls: string[] = [];
  const fetchFn = ((url: string, init?: RequestInit) => {
    calls.push(url);
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
    if (answer === "hang") {
      return new Promise((_, reject) =>
        init?.signal?.addEventListener("abort", () => reject(init.signal!.reason))
      );
    }
    if (answer instanceof Error) return Promise.reject(answer);
    return Promise.resolve(new Response(`status ${answer}`, { status: answer }));
  }) as typeof fetch;
  return { calls, fetchFn };
}

function recorder() {
  const waits: number[] = [];
  return { waits, sleep: (ms: number) => (waits.push(ms), Promise.resolve()) };
}

Deno.test("http: retries 503 with exponential backoff, then returns the answer", async () => {
  const { calls, fetchFn } = scripted([503, 503, 200]);
  const { waits, sleep } = recorder();
  const response = await httpGet("https://x.test/a", {
    timeoutMs: 1000,
    retries: 3,
    backoffMs: 10,
    fetchFn,
    sleep,
  });
  assert.equal(response.status, 200);
  assert.equal(new TextDecoder().decode(response.body), "status 200");
  assert.equal(calls.length, 3);
  assert.deepEqual(waits, [10, 20]);
});

Deno.test("http: gives up after the retries with the last reason", async () => {
  const { calls, fetchFn } = scripted([429]);
  const { sleep } = recorder();
  await assert.rejects(
    httpGet("https://x.test/b", { timeoutMs: 1000, retries: 2, backoffMs: 1, fetchFn, sleep }),
    (error: HttpFailure) =>
      error instanceof HttpFailure && !error.unreachable &&
      /HTTP 429 \(after 3 attempts\)/.test(error.message),
  );
  assert.equal(calls.length, 3);
});

Deno.test("http: a DNS failure is 'unreachable' at once, without retries", async () => {
  const dns = new TypeError("fetch failed", {
    cause: new Error(
      "error sending request for url (https://x.test/c): client error (Connect): dns error: " +
        "failed to lookup address information: Name or service not known",
    ),
  });
  const { calls, fetchFn } = scripted([dns]);
  await assert.rejects(
    httpGet("https://x.test/c", { timeoutMs: 1000, retries: 3, backoffMs: 1, fetchFn }),
    (error: HttpFailure) =>
      error.unreachable &&
      error.brief === "x.test: dns error: failed to lookup address information: Name or " +
          "service not known",
  );
  assert.equal(calls.length, 1);
});

Deno.test("http: a hung request times out and is retried", async () => {
  const { calls, fetchFn } = scripted(["hang", "hang"]);
  const { sleep } = recorder();
  await assert.rejects(
    httpGet("https://x.test/d", { timeoutMs: 20, retries: 1, backoffMs: 1, fetchFn, sleep }),
    /timed out after 20 ms \(after 2 attempts\)/,
  );
  assert.equal(calls.length, 2);
});

Deno.test("http: 404 comes back to the provider without retries", async () => {
  const { calls, fetchFn } = scripted([404]);
  const response = await httpGet("https://x.test/e", {
    timeoutMs: 1000,
    retries: 3,
    backoffMs: 1,
    fetchFn,
  });
  assert.equal(response.status, 404);
  assert.equal(calls.length, 1);
});

Deno.test("http: a missing net permission fails at once, without retries", async () => {
  const { calls, fetchFn } = scripted([new Deno.errors.NotCapable("Requires net access")]);
  await assert.rejects(
    httpGet("https://x.test/p", { timeoutMs: 1000, retries: 3, backoffMs: 1, fetchFn }),
    (error: HttpFailure) =>
      error.unreachable && /no network permission .*--allow-net=x\.test or -A/.test(error.message),
  );
  assert.equal(calls.length, 1);
});

Deno.test("http: a host that never answered is down for the run's other requests", async () => {
  let clock = 0;
  const health = new HostHealth(60_000, () => clock);
  const { calls, fetchFn } = scripted(["hang"]);
  const { sleep } = recorder();
  const options = { timeoutMs: 20, retries: 1, backoffMs: 1, fetchFn, sleep, health };
  await assert.rejects(httpGet("https://x.test/h1", options), /timed out after 20 ms/);
  assert.equal(calls.length, 2);
  await assert.rejects(
    httpGet("https://x.test/h2", options),
    (error: HttpFailure) => error.unreachable && /found earlier in this run/.test(error.message),
  );
  assert.equal(calls.length, 2, "no new attempt on a host known to be down");
  await assert.rejects(httpGet("https://y.test/h3", options), /timed out/);
  assert.equal(calls.length, 4, "other hosts are still tried");
  clock = 60_001;
  await assert.rejects(httpGet("https://x.test/h4", options), /timed out/);
  assert.equal(calls.length, 6, "tried again once the record expired");
});

Deno.test("http: a host that answered 503 is not recorded as down", async () => {
  const health = new HostHealth();
  const { fetchFn } = scripted([503]);
  const { sleep } = recorder();
  const options = { timeoutMs: 1000, retries: 1, backoffMs: 1, fetchFn, sleep, health };
  await assert.rejects(httpGet("https://x.test/s", options), /HTTP 503/);
  assert.equal(health.down("x.test"), null);
});
