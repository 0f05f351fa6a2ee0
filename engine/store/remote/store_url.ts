/** `--store` URLs: `s3://bucket[/prefix]`. Bucket names follow S3's rules (3–63 characters). */
import { UserError } from "../../declare/errors.ts";

export interface StoreUrl {
  bucket: string;
  /** Key prefix without leading or trailing slash; "" for the bucket's root. */
  prefix: string;
}

export function parseStoreUrl(url: string): StoreUrl {
  const match = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(url);
  if (!match) {
    throw new UserError(
      `--store ${url}: not a remote store URL; use s3://bucket/prefix (endpoint and ` +
        "credentials come from AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, " +
        "AWS_REGION)",
    );
  }
  const bucket = match[1];
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new UserError(
      `--store ${url}: bucket "${bucket}" is not a valid S3 bucket name (3–63 lower-case ` +
        "letters, digits, dots and hyphens, starting and ending with a letter or digit)",
    );
  }
  const prefix = (match[2] ?? "").replace(/^\/+|\/+$/g, "");
  if (prefix.split("/").some((part) => part === "." || part === "..")) {
    throw new UserError(`--store ${url}: the prefix may not contain "." or ".." segments`);
  }
  return { bucket, prefix };
}
