/**
 * Test helper process: a real S3-compatible server (`s3rver`) on a free loopback port,
 * storing its files in the folder given as the first argument, with the bucket named by the
 * second. Prints `{"port": N}` on one line once it listens. Runs only with `--unsafe-proto`
 * (s3rver's dependencies set `__proto__`; Deno refuses that by default).
 */
import S3rver from "s3rver";

const [directory, bucket] = Deno.args;
if (!directory || !bucket) {
  throw new Error("usage: s3rver_main.ts <directory> <bucket>");
}
const server = new S3rver({
  address: "127.0.0.1",
  port: 0,
  silent: true,
  directory,
  configureBuckets: [{ name: bucket, configs: [] }],
});
const address = await server.run();
console.log(JSON.stringify({ port: address.port }));
