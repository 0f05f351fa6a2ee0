import assert from "node:assert/strict";
import { acquireStoreLock } from "../../../engine/store/lock.ts";

Deno.test("the store lock makes a second holder wait, names the holder, or times out", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const first = await acquireStoreLock(dir, { purpose: "pipeline a", timeoutMs: null });
    const seen: string[] = [];
    await assert.rejects(
      () =>
        acquireStoreLock(dir, {
          purpose: "pipeline b",
          timeoutMs: 100,
          pollMs: 20,
          onWait: (holder) => seen.push(`${holder?.pid} ${holder?.purpose}`),
        }),
      new RegExp(`locked by pid ${Deno.pid} \\(pipeline a, since .*\\); gave up`),
    );
    assert.deepEqual(seen, [`${Deno.pid} pipeline a`]);
    const waiting = acquireStoreLock(dir, { purpose: "pipeline c", timeoutMs: 5000, pollMs: 20 });
    setTimeout(() => first.release(), 100);
    const second = await waiting;
    second.release();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
