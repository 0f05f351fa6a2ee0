/**
 * Config fields every tabular baseline (ridge, random forest, gradient boosting) shares:
 * which window rows are flattened into its inputs. Zod only, so the model registry can
 * import it without any model implementation.
 */
import { z } from "zod";
import { fitOnSchema } from "./fit_on.ts";

export const windowInputFields = {
  /** Encoder rows flattened, ending at the origin (lag 0); null for the fold's encoder length. */
  lags: z.number().int().min(1).max(520).nullable().default(null),
  /** Append the static covariates at the origin. */
  includeStatic: z.boolean().default(true),
  fitOn: fitOnSchema,
};
