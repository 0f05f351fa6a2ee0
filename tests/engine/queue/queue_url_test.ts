/** Queue URLs and queue names: clear errors for bad URLs, one queue per store. */
import assert from "node:assert/strict";
import { parseQueueUrl, queueName, requireSharedStore } from "../../../engine/queue/queue_url.ts";

Deno.test("queue URLs: host, port (default 6379) and database; clear errors otherwise", () => {
  assert.deepEqual(parseQueueUrl("redis://redis.lab:6380/2"), {
    url: "redis://redis.lab:6380/2",
    host: "redis.lab",
    port: 6380,
    db: 2,
  });
  assert.deepEqual(parseQueueUrl("redis://10.0.0.5"), {
    url: "redis://10.0.0.5",
    host: "10.0.0.5",
    port: 6379,
    db: 0,
  });
  assert.throws(
    () => parseQueueUrl("http://redis.lab"),
    /--queue http:\/\/redis\.lab: not a queue URL; use redis:\/\/host:port/,
  );
  assert.throws(() => parseQueueUrl("redis://h:70000"), /port 70000 is out of range/);
});

Deno.test("each store has its own queue name, whatever the trailing slashes", () => {
  const endpoint = "http://store.lab:9000";
  const team = queueName("s3://cache/team", endpoint);
  assert.match(team, /^finfusion-[0-9a-f]{16}$/);
  assert.equal(queueName("s3://cache/team/", endpoint), team);
  assert.notEqual(queueName("s3://cache/other", endpoint), team);
  assert.notEqual(queueName("s3://cache/team", "http://elsewhere:9000"), team);
});

Deno.test("--queue without a shared store is refused, saying why", () => {
  assert.throws(
    () => requireSharedStore("redis://h:1", null),
    /--queue redis:\/\/h:1 needs a shared store: add --store s3:\/\/bucket\/prefix/,
  );
  requireSharedStore("redis://h:1", "s3://cache/team");
});
