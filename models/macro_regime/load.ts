/** The score's FRED series from the offline mirror (FINFUSION_DATA), with clear errors. */
import { readMirrorMacro } from "../../data/mirror/read.ts";
import { type RawSeries, SCORE_SERIES, type ScoreSeriesId } from "./indicators.ts";

export async function loadScoreSeries(dataDir: string): Promise<Record<ScoreSeriesId, RawSeries>> {
  const out = {} as Record<ScoreSeriesId, RawSeries>;
  for (const id of SCORE_SERIES) {
    const read = await readMirrorMacro(dataDir, id);
    if (!read) {
      throw new Error(
        `the macro-regime score needs FRED series ${id}, but the mirror at ${dataDir} has no ` +
          `file for it: point FINFUSION_DATA at the shared data folder (macro/${id}.csv)`,
      );
    }
    out[id] = read.observations;
  }
  return out;
}
