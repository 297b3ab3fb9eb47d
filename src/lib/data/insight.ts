/**
 * Pure logic behind the Insight views (ranking, matrix ordering, comparison), kept free of
 * DuckDB and Svelte so it can be unit tested.
 */
import { SOURCE_KIND_LABELS } from './model';
import { citedSource, type CitedSource } from './sql';
import { hasEnded, membershipOf } from './membership';

/**
 * One activity a candidate council runs that the chosen council is not part of (one SQL row),
 * with its cited source's fields, turned into `source_citation` when ranked.
 */
export interface OpportunityRow extends CitedSource {
	code: string;
	name: string;
	region: string;
	is_neighbour: boolean;
	same_region: boolean;
	/** Non-national activities the candidate already shares with the chosen council. */
	already_shared: number;
	activity_id: string;
	activity_name: string;
	/** What the membership rule (membership.ts) reads; absent in rows built by hand, where it reads as "open". */
	summary?: string | null;
	delivery_mechanism?: string | null;
	end_year?: number | null;
	council_count: number;
	reach: string;
	status: string;
	spectrum_level: string | null;
	service_areas: string;
	source_kind: string;
	source_quote: string | null;
}

export type OpportunityActivity = Pick<
	OpportunityRow,
	'activity_id' | 'activity_name' | 'council_count' | 'reach' | 'status' | 'spectrum_level' | 'service_areas' | 'source_kind' | 'source_quote'
> & {
	/** "Title (Publisher, Year), Locator": never a file name. */
	source_citation: string;
	/** Why a council can join it, from the membership rule (membership.ts). */
	joinable_because: string;
};

export interface Opportunity {
	rank: number;
	code: string;
	name: string;
	region: string;
	isNeighbour: boolean;
	sameRegion: boolean;
	alreadyShared: number;
	activities: OpportunityActivity[];
}

/**
 * Candidates grouped by council and ranked: bordering councils first (the report's "extending
 * into contiguous areas"), then the most activities to join, then the strongest existing working
 * relationship with the chosen council, then name. Activities within a candidate by name.
 */
export function rankOpportunities(rows: OpportunityRow[]): Opportunity[] {
	const byCouncil = new Map<string, Opportunity>();
	for (const row of rows) {
		let candidate = byCouncil.get(row.code);
		if (!candidate) {
			candidate = {
				rank: 0,
				code: row.code,
				name: row.name,
				region: row.region,
				isNeighbour: Boolean(row.is_neighbour),
				sameRegion: Boolean(row.same_region),
				alreadyShared: Number(row.already_shared),
				activities: []
			};
			byCouncil.set(row.code, candidate);
		}
		if (candidate.activities.some((a) => a.activity_id === row.activity_id)) continue;
		candidate.activities.push({
			activity_id: row.activity_id,
			activity_name: row.activity_name,
			council_count: row.council_count,
			reach: row.reach,
			status: row.status,
			spectrum_level: row.spectrum_level,
			service_areas: row.service_areas,
			source_kind: row.source_kind,
			source_quote: row.source_quote,
			source_citation: citedSource(row),
			joinable_because: membershipOf({ ...row, name: row.activity_name }).because
		});
	}
	const ranked = [...byCouncil.values()].sort(
		(x, y) =>
			Number(y.isNeighbour) - Number(x.isNeighbour) ||
			y.activities.length - x.activities.length ||
			y.alreadyShared - x.alreadyShared ||
			x.name.localeCompare(y.name)
	);
	ranked.forEach((candidate, index) => {
		candidate.rank = index + 1;
		candidate.activities.sort((x, y) => x.activity_name.localeCompare(y.activity_name));
	});
	return ranked;
}

/**
 * The finder's rows, split by what a council can do with them: `joinable` (open membership, not
 * ended) are offered; `fixed` (fixed membership, not ended) are only shown as comparable
 * arrangements elsewhere; ended ones are neither.
 */
export function splitByMembership<R extends Pick<OpportunityRow, 'activity_name' | 'summary' | 'delivery_mechanism' | 'source_type' | 'status' | 'end_year'>>(
	rows: R[]
): { joinable: R[]; fixed: R[] } {
	const joinable: R[] = [];
	const fixed: R[] = [];
	for (const row of rows) {
		if (hasEnded(row)) continue;
		(membershipOf({ ...row, name: row.activity_name }).membership === 'open' ? joinable : fixed).push(row);
	}
	return { joinable, fixed };
}

/** Why the finder offered this activity to the chosen council, in one sentence. */
export function whyOffered(
	candidate: Pick<Opportunity, 'name' | 'isNeighbour' | 'sameRegion'>,
	activity: Pick<OpportunityActivity, 'status' | 'joinable_because'>,
	chosenName: string,
	areaLabel: string
): string {
	const where = candidate.isNeighbour
		? `borders ${chosenName}${candidate.sameRegion ? ' and is in its region' : ''}`
		: `is in ${chosenName}’s region`;
	const status = activity.status === 'unknown' ? 'its status is not known' : `it is ${activity.status}, not ended`;
	return `Offered because ${candidate.name} ${where} and takes part in it (in ${areaLabel}), ${chosenName} does not, ${status}, and ${activity.joinable_because}.`;
}

/** A fixed-membership body elsewhere: not one to join, but a comparable arrangement. */
export interface ComparableArrangement {
	activity_id: string;
	activity_name: string;
	/** The candidate councils (neighbours or same region) that take part. */
	councils: string[];
	because: string;
	source_citation: string;
}

/** Fixed bodies of one kind elsewhere, beside the chosen council's own of that kind. */
export interface ComparableGroup {
	kind: string;
	arrangements: ComparableArrangement[];
	/** The chosen council's own bodies of this kind, by name. */
	own: string[];
}

/**
 * Groups the finder's fixed, non-ended rows by kind of body ("Regional transport partnership"),
 * each with the chosen council's own bodies of that kind (`own`: its activities, any membership).
 */
export function comparableArrangements(
	fixed: OpportunityRow[],
	own: Pick<OpportunityRow, 'activity_name' | 'summary' | 'delivery_mechanism' | 'source_type' | 'status' | 'end_year'>[]
): ComparableGroup[] {
	const groups = new Map<string, ComparableGroup>();
	const byActivity = new Map<string, ComparableArrangement>();
	for (const row of fixed) {
		const answer = membershipOf({ ...row, name: row.activity_name });
		const kind = answer.kind ?? 'Fixed membership';
		let group = groups.get(kind);
		if (!group) groups.set(kind, (group = { kind, arrangements: [], own: [] }));
		let arrangement = byActivity.get(row.activity_id);
		if (!arrangement) {
			arrangement = { activity_id: row.activity_id, activity_name: row.activity_name, councils: [], because: answer.because, source_citation: citedSource(row) };
			byActivity.set(row.activity_id, arrangement);
			group.arrangements.push(arrangement);
		}
		if (!arrangement.councils.includes(row.name)) arrangement.councils.push(row.name);
	}
	for (const activity of own) {
		if (hasEnded(activity)) continue;
		const answer = membershipOf({ ...activity, name: activity.activity_name });
		const group = answer.kind ? groups.get(answer.kind) : undefined;
		if (group && !group.own.includes(activity.activity_name)) group.own.push(activity.activity_name);
	}
	for (const group of groups.values()) {
		group.arrangements.sort((x, y) => x.activity_name.localeCompare(y.activity_name));
		for (const arrangement of group.arrangements) arrangement.councils.sort((x, y) => x.localeCompare(y));
		group.own.sort((x, y) => x.localeCompare(y));
	}
	return [...groups.values()].sort((x, y) => x.kind.localeCompare(y.kind));
}

export function relationLabel(opportunity: Pick<Opportunity, 'isNeighbour' | 'sameRegion'>): string {
	if (opportunity.isNeighbour && opportunity.sameRegion) return 'Neighbour, same region';
	return opportunity.isNeighbour ? 'Neighbour' : 'Same region';
}

/** Where an activity comes from, in one line: the citation, and the report's words where it is quoted. */
export function sourceText(activity: Pick<OpportunityActivity, 'source_kind' | 'source_citation' | 'source_quote'>): string {
	if (activity.source_kind === 'public_record') return `Public record: ${activity.source_citation}`.trim();
	return activity.source_quote ? `${activity.source_citation}: “${activity.source_quote}”` : activity.source_citation;
}

/** One CSV row per candidate activity, in rank order. */
export function opportunityCsvRows(opportunities: Opportunity[], chosenName: string, areaLabel: string) {
	return opportunities.flatMap((o) =>
		o.activities.map((a) => ({
			rank: o.rank,
			chosen_council: chosenName,
			service_area: areaLabel,
			candidate_council: o.name,
			candidate_code: o.code,
			region: o.region,
			relation: relationLabel(o),
			activities_to_join: o.activities.length,
			already_shared: o.alreadyShared,
			activity: a.activity_name,
			activity_id: a.activity_id,
			activity_councils: a.council_count,
			status: a.status,
			spectrum_level: a.spectrum_level ?? '',
			source_kind: SOURCE_KIND_LABELS[a.source_kind as keyof typeof SOURCE_KIND_LABELS] ?? a.source_kind,
			source: a.source_citation,
			source_quote: a.source_quote ?? '',
			why_offered: whyOffered(o, a, chosenName, areaLabel)
		}))
	);
}

export const OPPORTUNITY_CSV_COLUMNS = [
	{ key: 'rank', header: 'Rank' },
	{ key: 'chosen_council', header: 'Chosen council' },
	{ key: 'service_area', header: 'Service area' },
	{ key: 'candidate_council', header: 'Candidate council' },
	{ key: 'candidate_code', header: 'Candidate code' },
	{ key: 'region', header: 'Candidate region' },
	{ key: 'relation', header: 'Relation' },
	{ key: 'activities_to_join', header: 'Activities to join' },
	{ key: 'already_shared', header: 'Already shared with chosen council (non-national)' },
	{ key: 'activity', header: 'Activity' },
	{ key: 'activity_id', header: 'Activity id' },
	{ key: 'activity_councils', header: 'Councils in activity' },
	{ key: 'status', header: 'Status' },
	{ key: 'spectrum_level', header: 'Spectrum level' },
	{ key: 'source_kind', header: 'Source kind' },
	{ key: 'source', header: 'Source' },
	{ key: 'source_quote', header: 'Source quote' },
	{ key: 'why_offered', header: 'Why offered' }
];

export interface MatrixCouncil {
	code: string;
	name: string;
	region: string;
	/** Activities the council takes part in (with the same national setting as the pairs). */
	activities: number;
}

export interface SharedPair {
	a: string;
	b: string;
	shared: number;
}

/** Activities shared over activities either takes part in: 1 for identical sets, 0 for none shared. */
export function jaccard(shared: number, activitiesA: number, activitiesB: number): number {
	const union = activitiesA + activitiesB - shared;
	return union > 0 ? shared / union : 0;
}

export const pairKey = (a: string, b: string) => (a < b ? `${a}~${b}` : `${b}~${a}`);

export function pairLookup(pairs: SharedPair[]): Map<string, number> {
	return new Map(pairs.map((p) => [pairKey(p.a, p.b), p.shared]));
}

export type MatrixOrder = 'region' | 'similarity';
export const MATRIX_ORDERS: MatrixOrder[] = ['region', 'similarity'];

/** By region, then by name within it. */
export function orderByRegion(councils: MatrixCouncil[]): string[] {
	return [...councils].sort((x, y) => x.region.localeCompare(y.region) || x.name.localeCompare(y.name)).map((c) => c.code);
}

/**
 * A greedy nearest-neighbour seriation: start from the council with the most shared activities,
 * then repeatedly append the unplaced council most similar (Jaccard) to the last one placed, so
 * councils that work together sit together and blocks show on the diagonal. When nothing left
 * is similar to the last one, the next starts a new block the same way. Ties go by name.
 */
export function orderBySimilarity(councils: MatrixCouncil[], pairs: SharedPair[]): string[] {
	const shared = pairLookup(pairs);
	const byCode = new Map(councils.map((c) => [c.code, c]));
	const strength = new Map(councils.map((c) => [c.code, 0]));
	for (const pair of pairs) {
		if (strength.has(pair.a)) strength.set(pair.a, strength.get(pair.a)! + pair.shared);
		if (strength.has(pair.b)) strength.set(pair.b, strength.get(pair.b)! + pair.shared);
	}
	const byName = (x: string, y: string) => byCode.get(x)!.name.localeCompare(byCode.get(y)!.name);
	const remaining = new Set(councils.map((c) => c.code));
	const order: string[] = [];
	const strongest = () =>
		[...remaining].sort((x, y) => strength.get(y)! - strength.get(x)! || byName(x, y))[0];
	while (remaining.size) {
		const last = order[order.length - 1];
		let next: string | undefined;
		if (last !== undefined) {
			let best = 0;
			for (const code of [...remaining].sort(byName)) {
				const similarity = jaccard(
					shared.get(pairKey(last, code)) ?? 0,
					byCode.get(last)!.activities,
					byCode.get(code)!.activities
				);
				if (similarity > best) {
					best = similarity;
					next = code;
				}
			}
		}
		next ??= strongest();
		order.push(next);
		remaining.delete(next);
	}
	return order;
}

export function matrixOrder(order: MatrixOrder, councils: MatrixCouncil[], pairs: SharedPair[]): string[] {
	return order === 'region' ? orderByRegion(councils) : orderBySimilarity(councils, pairs);
}

/** Moves focus within a rows × cols grid for a key press, or returns undefined for other keys. */
export function gridMove(
	key: string,
	position: { row: number; col: number },
	size: { rows: number; cols: number },
	ctrl = false
): { row: number; col: number } | undefined {
	const clamp = (n: number, max: number) => Math.max(0, Math.min(max - 1, n));
	const { row, col } = position;
	switch (key) {
		case 'ArrowUp':
			return { row: clamp(row - 1, size.rows), col };
		case 'ArrowDown':
			return { row: clamp(row + 1, size.rows), col };
		case 'ArrowLeft':
			return { row, col: clamp(col - 1, size.cols) };
		case 'ArrowRight':
			return { row, col: clamp(col + 1, size.cols) };
		case 'Home':
			return ctrl ? { row: 0, col: 0 } : { row, col: 0 };
		case 'End':
			return ctrl ? { row: size.rows - 1, col: size.cols - 1 } : { row, col: size.cols - 1 };
		case 'PageUp':
			return { row: clamp(row - 5, size.rows), col };
		case 'PageDown':
			return { row: clamp(row + 5, size.rows), col };
		default:
			return undefined;
	}
}

export interface CompareActivity {
	id: string;
	name: string;
	reach: string;
	spectrum_level: string | null;
	in_a: boolean;
	in_b: boolean;
}

/** Splits the two councils' activities into what they share and what only one takes part in. */
export function splitComparison(rows: CompareActivity[]) {
	return {
		shared: rows.filter((r) => r.in_a && r.in_b),
		onlyA: rows.filter((r) => r.in_a && !r.in_b),
		onlyB: rows.filter((r) => !r.in_a && r.in_b)
	};
}
