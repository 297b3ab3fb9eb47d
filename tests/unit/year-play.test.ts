import { describe, expect, it } from 'vitest';
import { PLAY_INTERVAL, playStart, playStep } from '../../src/lib/components/year-play';

describe('year play', () => {
	it('starts from the first year when no year, the last year or one out of range is shown, else where it is', () => {
		expect(playStart(null, 1996, 2026)).toBe(1996);
		expect(playStart(2026, 1996, 2026)).toBe(1996);
		expect(playStart(1990, 1996, 2026)).toBe(1996);
		expect(playStart(2015, 1996, 2026)).toBe(2015);
	});

	it('steps one year at a time and stops after the last', () => {
		expect(playStep(1996, 2026)).toBe(1997);
		expect(playStep(2025, 2026)).toBe(2026);
		expect(playStep(2026, 2026)).toBeUndefined();
		expect(playStep(null, 2026)).toBeUndefined();
	});

	it('goes slower with reduced motion', () => {
		expect(PLAY_INTERVAL.reduced).toBeGreaterThan(PLAY_INTERVAL.normal);
	});
});
