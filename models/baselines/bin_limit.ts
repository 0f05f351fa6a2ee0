/**
 * The most histogram bins a tree model's column may have: bin indices are stored as a
 * Uint8Array. A constant of its own so config schemas can bound `maxBins` without
 * importing the binning code.
 */
export const MAX_BINS = 256;
