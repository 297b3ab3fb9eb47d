/**
 * How the year control's play steps: pure, so the rule is tested apart from timers and the page.
 *
 * Reduced motion: nothing on the map or charts animates between years (map paint transitions are
 * off, the bars have none), so play only swaps one year's figures for the next. With
 * prefers-reduced-motion the swaps come three times slower, and the previous/next buttons let
 * anyone step at their own pace instead; a presenter keeps the same controls either way.
 */
export const PLAY_INTERVAL = { normal: 1000, reduced: 3000 } as const;

/** Where play starts: from the first year when no year (or the last) is shown, else where it is. */
export function playStart(year: number | null, first: number, last: number): number {
	return year === null || year >= last || year < first ? first : year;
}

/** The year after `year`, or undefined once play has reached the last one. */
export function playStep(year: number | null, last: number): number | undefined {
	if (year === null || year >= last) return undefined;
	return year + 1;
}
