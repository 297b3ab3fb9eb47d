/**
 * `ATLAS_EXHAUSTIVE=1` runs every case of the tests that sample their cases by default: every
 * filter combination in tests/sql/fast-queries.test.ts, every case of the browser tests that
 * sample theirs. Sampling keeps `npm test` within 10 minutes on a 2-core machine.
 */
export const EXHAUSTIVE = process.env.ATLAS_EXHAUSTIVE === '1';
