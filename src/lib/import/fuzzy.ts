/**
 * Edit distance for suggesting what a mistyped name was meant to be. Optimal string alignment
 * (Levenshtein plus adjacent transpositions), because "Edinbrugh" is one slip, not two.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
	if (a === b) return 0;
	if (Math.abs(a.length - b.length) > max) return max + 1;
	if (!a.length) return b.length;
	if (!b.length) return a.length;
	let previous2: number[] = [];
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		let rowMin = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previous2[j - 2] + 1);
			current[j] = value;
			rowMin = Math.min(rowMin, value);
		}
		// Every later row only grows from this one, so nothing under the limit can follow.
		if (rowMin > max) return max + 1;
		previous2 = previous;
		previous = current;
	}
	return previous[b.length];
}

/** How many slips a word of this length may carry and still count as a typo of another. */
export function typoAllowance(length: number): number {
	if (length <= 3) return 0;
	if (length <= 6) return 1;
	if (length <= 12) return 2;
	return 3;
}

export interface Candidate<T> {
	/** Normalised text to compare against (a name, an alias, a label). */
	key: string;
	value: T;
}

/**
 * The candidates closest to `query` within its typo allowance, nearest first, one entry per
 * distinct value (a council reachable by name and by alias is suggested once). Candidates much
 * further than the best are dropped: beside "South Ayrshire" one slip away, "East Ayrshire"
 * three slips away is noise.
 */
export function nearest<T>(query: string, candidates: Candidate<T>[], limit = 3): { value: T; distance: number }[] {
	const allowance = typoAllowance(query.length);
	const best = new Map<T, number>();
	for (const candidate of candidates) {
		const distance = editDistance(query, candidate.key, allowance);
		if (distance > allowance) continue;
		if (!best.has(candidate.value) || distance < best.get(candidate.value)!) best.set(candidate.value, distance);
	}
	const ranked = [...best].map(([value, distance]) => ({ value, distance })).sort((x, y) => x.distance - y.distance);
	return ranked.filter((m) => m.distance <= ranked[0].distance + 1).slice(0, limit);
}

/** Candidates whose text contains every word of the query as a whole word ("Ayrshire" → the three Ayrshires). */
export function containingWords<T>(query: string, candidates: Candidate<T>[], limit = 4): T[] {
	const words = query.split(' ').filter((w) => w.length > 2);
	if (!words.length) return [];
	const found: T[] = [];
	for (const candidate of candidates) {
		const keyWords = new Set(candidate.key.split(' '));
		if (words.every((w) => keyWords.has(w)) && !found.includes(candidate.value)) found.push(candidate.value);
	}
	return found.slice(0, limit);
}
