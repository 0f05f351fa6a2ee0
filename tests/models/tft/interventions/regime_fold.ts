/**
 * The synthetic TFT fold with a `vix` past feature on a known scale: raw VIX =
 * 20 + 5 · scaled, so a raw threshold of 25 is 1 in scaled units.
 */
import type { Fold } from "../../../../models/contract.ts";
import { tftFold, type TftFoldOptions } from "../tft_fold.ts";

export const VIX_MEAN = 20;
export const VIX_STD = 5;

export function regimeFold(options: TftFoldOptions = {}): Fold {
  const fold = tftFold(options);
  const pastNames = ["a", "vix", "noise"];
  const names = [...pastNames, ...fold.knownNames];
  return {
    ...fold,
    pastNames,
    scaler: {
      names,
      mean: names.map((n) => (n === "vix" ? VIX_MEAN : 0)),
      std: names.map((n) => (n === "vix" ? VIX_STD : 1)),
    },
  };
}
