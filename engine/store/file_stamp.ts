/**
 * File stamps: what says a file is unchanged since it was last hashed, without reading it.
 * Size and mtime alone are not enough: `cp -p`, `rsync -t` and `tar x` restore the mtime
 * of a same-size edit. The stamp adds the inode and the ctime, which no user-level tool
 * can set back (any write, `utime` call or rename moves it to now).
 *
 * Deno reports ctime in whole seconds, so a change in the same second as the stamp's
 * ctime could keep all four fields. Like git's "racily clean" entries, a file whose ctime
 * is not at least a full second before the moment it is stamped gets no stamp: callers
 * then hash its content again next time (and stamp it once it has settled).
 */

/** Milliseconds a file's ctime must lie in the past before its stamp is trusted. */
const SETTLE_MS = 1500;

/** The stamp of a file as `Deno.statSync` describes it, or null when it is too recent. */
export function fileStamp(info: Deno.FileInfo, now = Date.now()): string | null {
  const ctime = info.ctime?.getTime();
  if (ctime === undefined || now - ctime < SETTLE_MS) return null;
  return `${info.size}:${info.mtime?.getTime()}:${ctime}:${info.ino}:${info.dev}`;
}

/** The stamp of the file at `path`; null when it is absent, unreadable or too recent. */
export function stampOf(path: string): string | null {
  try {
    return fileStamp(Deno.statSync(path));
  } catch {
    return null;
  }
}
