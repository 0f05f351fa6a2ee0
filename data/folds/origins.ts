/**
 * Forecast origins of each split, in frame rows. An origin o forecasts label rows
 * o+1..o+H, and belongs to the split whose period holds its first label row o+1, so every
 * timestamp of a test period is scored. Overlapping multi-horizon labels are purged: an
 * origin whose labels reach into the next split is dropped, and an `embargo` of further
 * rows is left as a gap between the last label of one split and the first of the next.
 */

export interface OriginPeriods {
  /** First label row of the training period. */
  trainStart: number;
  /** First label row of the validation tail, or null for no validation split. */
  validationStart: number | null;
  /** First label row of the test period. */
  testStart: number;
  /** One past the last label row of the test period. */
  testEnd: number;
}

export interface OriginOptions {
  rows: number;
  encoderLength: number;
  horizon: number;
  embargo: number;
}

export interface OriginPlan {
  train: number[];
  validation: number[];
  test: number[];
  /** Training/validation origins dropped because their labels reach the next split. */
  purged: number;
  /** Origins dropped by the embargo on top of the purge. */
  embargoed: number;
  /** First-label rows of test origins that cannot be scored: the data ends before o + H. */
  unscored: number[];
}

interface Block {
  from: number;
  /** First label row of the next split (labels must stay before it, minus the embargo). */
  next: number;
}

function blockOrigins(block: Block, options: OriginOptions, plan: OriginPlan): number[] {
  const origins: number[] = [];
  for (let label = block.from; label < block.next; label++) {
    const origin = label - 1;
    if (origin < options.encoderLength - 1) continue;
    const lastLabel = origin + options.horizon;
    if (lastLabel >= block.next) plan.purged++;
    else if (lastLabel + options.embargo >= block.next) plan.embargoed++;
    else origins.push(origin);
  }
  return origins;
}

export function planOrigins(periods: OriginPeriods, options: OriginOptions): OriginPlan {
  const { trainStart, validationStart, testStart, testEnd } = periods;
  const plan: OriginPlan = {
    train: [],
    validation: [],
    test: [],
    purged: 0,
    embargoed: 0,
    unscored: [],
  };
  const trainEnd = validationStart ?? testStart;
  plan.train = blockOrigins({ from: trainStart, next: trainEnd }, options, plan);
  if (validationStart !== null) {
    plan.validation = blockOrigins({ from: validationStart, next: testStart }, options, plan);
  }
  for (let label = testStart; label < testEnd; label++) {
    if (label - 1 + options.horizon < options.rows) plan.test.push(label - 1);
    else plan.unscored.push(label);
  }
  return plan;
}
