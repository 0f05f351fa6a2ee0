/** FRED series by id, from FRED or the offline mirror, as a {@link MacroSeries}. */
import { DataError } from "./errors.ts";
import { findGaps } from "./gaps.ts";
import { checkMacro } from "./macro_checks.ts";
import { sha256Hex } from "../engine/keys/hash.ts";
import { mirrorCandidates } from "./mirror/layout.ts";
import { readMirrorMacro } from "./mirror/read.ts";
import { httpGet } from "./providers/http.ts";
import {
  fredCsvUrl,
  type ParsedObservations,
  parseFredCsv,
  RELEASE_COLUMN,
} from "./providers/fred.ts";
import type { MacroObservations, MacroSeries, SnapshotSource } from "./snapshot.ts";
import { sliceByDate } from "./snapshot.ts";
import { type Loaded, loadWithFallback, type SourceOptions } from "./source.ts";
import { SourceUnavailable } from "./unavailable.ts";
import { PUBLICATION } from "./publication.ts";

export interface MacroRequest {
  ids: string[];
  start: string;
  end: string | null;
  /** Out-of-range values (macro_checks.ts): "error" (default) or "warn". */
  onImplausible?: "error" | "warn";
}

interface Fetched {
  observations: ParsedObservations;
  source: SnapshotSource;
  fetchedAt: string | null;
}

async function fromFred(
  id: string,
  request: MacroRequest,
  options: SourceOptions,
): Promise<Fetched> {
  const url = fredCsvUrl({ id, start: request.start, end: request.end });
  const response = await httpGet(url, options.http);
  const where = { source: "fred", series: id };
  if (response.status === 404 || response.status === 400) {
    throw new DataError({
      ...where,
      code: "unknown-series",
      problem: `FRED has no series "${id}" (HTTP ${response.status}); check the id`,
    });
  }
  if (response.status !== 200) {
    throw new DataError({ ...where, code: "http", problem: `HTTP ${response.status} from ${url}` });
  }
  const observations = parseFredCsv(new TextDecoder().decode(response.body), where);
  const source: SnapshotSource = {
    provider: "fred",
    location: url,
    sha256: sha256Hex(response.body),
  };
  return { observations, source, fetchedAt: new Date().toISOString() };
}

/** The rows' first-release dates when the source gave them, else the rule to be assumed. */
function withTiming(
  id: string,
  sliced: MacroObservations,
  parsed: ParsedObservations,
): MacroObservations {
  if (!parsed.released) {
    return { ...sliced, timing: { kind: "assumed-rule", rule: PUBLICATION[id]?.rule ?? null } };
  }
  const from = parsed.dates.indexOf(sliced.dates[0]);
  return {
    ...sliced,
    released: parsed.released.slice(from, from + sliced.dates.length),
    timing: { kind: "release-dates", column: RELEASE_COLUMN },
  };
}

export async function loadMacro(request: MacroRequest, options: SourceOptions) {
  const series: MacroObservations[] = [];
  const warnings: string[] = [];
  let fetchedAt: string | null = null;
  let networkDown: string | undefined;
  const fellBack: string[] = [];
  const unavailable: SourceUnavailable[] = [];
  for (const id of request.ids) {
    let loaded: Loaded<Fetched>;
    try {
      loaded = await loadWithFallback<Fetched>(id, { ...options, networkDown }, {
        network: () => fromFred(id, request, options),
        mirror: async (dataDir) => {
          const read = await readMirrorMacro(dataDir, id);
          return read && { ...read, fetchedAt: null };
        },
        mirrorPaths: mirrorCandidates("macro", id),
      });
    } catch (error) {
      // Go on with the other series (without the network once it failed) so that the
      // error names every series the node cannot get, not just the first.
      if (!(error instanceof SourceUnavailable) || options.mode === "network") throw error;
      unavailable.push(error);
      networkDown ??= error.why.networkDown ?? undefined;
      continue;
    }
    const { observations, source } = loaded.value;
    fetchedAt = loaded.value.fetchedAt ?? fetchedAt;
    const sliced = sliceByDate(
      { id, source, dates: observations.dates, values: observations.values },
      ["values"],
      request,
    );
    if (sliced.dates.length === 0) {
      throw new DataError({
        code: "empty",
        source: source.provider === "mirror" ? `mirror ${source.location}` : source.provider,
        series: id,
        problem: `no observations between ${request.start} and ${request.end ?? "the latest"}`,
      });
    }
    const entry = withTiming(id, sliced, observations);
    if (loaded.fallbackReason) {
      networkDown = loaded.fallbackReason;
      fellBack.push(`${id} (${source.location})`);
    }
    const label = `${id} (${source.provider} ${source.location})`;
    const periodicity = PUBLICATION[id]?.periodicity;
    warnings.push(
      ...findGaps(sliced.dates, { label, maxGapDays: options.maxGapDays, periodicity }),
      ...checkMacro(entry, {
        source: source.provider === "mirror" ? `mirror ${source.location}` : source.provider,
        firstRow: observations.dates.indexOf(sliced.dates[0]) + 1,
        onImplausible: request.onImplausible ?? "error",
      }),
    );
    series.push(entry);
  }
  if (unavailable.length > 0) throw SourceUnavailable.merge(unavailable);
  if (networkDown) warnings.unshift(`FRED ${networkDown}; read the mirror: ${fellBack.join(", ")}`);
  return { kind: "macro", series, fetchedAt, warnings } satisfies MacroSeries;
}
