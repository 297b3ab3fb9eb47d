/**
 * A deterministic, seeded generator of synthetic activity tables at any size, for measuring the
 * dashboard at scale. It is pure: the same reference tables, size and seed always give the same
 * dataset, and activity i is the same whatever the size (each activity draws from its own stream),
 * so a 1k dataset is a prefix of the 1M one.
 *
 * Synthetic data is never written into data/ or static/data/; the app shows it only when asked
 * (`?synthetic=N&seed=S`) and labels it "Synthetic data" wherever it appears.
 *
 * Shapes follow the real dataset's: councils are the real 32; most activities involve 1–4
 * councils that are neighbours or share a region, few are national; service areas, types,
 * mechanisms and partners are skewed (Zipf-like), a minority of fields are left unstated.
 */
import { deriveReach, PARTNER_TYPES, STATUSES } from './model';
import { spectrumLevel } from './spectrum';

export interface SyntheticReference {
	councils: { code: string; region: string }[];
	neighbours: { council_code: string; neighbour_code: string }[];
	serviceAreas: { id: string; short_label: string }[];
	types: { id: string }[];
}

/** Columnar output: small integer codes into the vocabularies, ready for typed-array transfer. */
export interface SyntheticDataset {
	size: number;
	seed: number;
	councils: string[];
	serviceAreas: string[];
	serviceAreaLabels: string[];
	types: string[];
	mechanisms: readonly string[];
	partners: readonly { name: string; type: string }[];
	nouns: readonly string[];
	activities: {
		/** Index into `types`, -1 when not stated. */
		type: Int8Array;
		/** Index into `mechanisms`, -1 when not stated. */
		mechanism: Int8Array;
		/** Index into STATUSES. */
		status: Uint8Array;
		/** 0 when not stated. */
		startYear: Uint16Array;
		reportedYear: Uint16Array;
		/** Index into `councils`, -1 when there is no lead. */
		lead: Int8Array;
		councilCount: Uint8Array;
		/** 0 = seed, 1 = public_record. */
		sourceKind: Uint8Array;
		/** Index into `nouns`, for the activity's name. */
		noun: Uint8Array;
		/** The activity's first (main) service area, index into `serviceAreas`, for its name. */
		mainArea: Uint8Array;
	};
	/** One row per activity and council taking part. */
	memberships: { length: number; activity: Uint32Array; council: Uint8Array };
	serviceAreaLinks: { length: number; activity: Uint32Array; area: Uint8Array };
	partnerLinks: { length: number; activity: Uint32Array; partner: Uint16Array };
}

export const SYNTHETIC_MAX = 2_000_000;
export const SOURCE_KIND_CODES = ['report', 'public_record'] as const;

const MECHANISMS = [
	'Lead authority',
	'Joint Committee',
	'Shared service agreement',
	'Partnership board',
	'Local authority owned limited company',
	'Joint board',
	'Framework contract',
	'Memorandum of understanding',
	'Limited Liability Partnership',
	'Strategic Agreement'
] as const;

const NOUNS = [
	'shared service',
	'partnership',
	'joint team',
	'collaborative',
	'framework',
	'consortium',
	'joint board',
	'network'
] as const;

/** Partner bodies by type, each list most-involved first. */
const PARTNERS: { name: string; type: (typeof PARTNER_TYPES)[number] }[] = [
	...['NHS Greater Glasgow and Clyde', 'NHS Lothian', 'NHS Grampian', 'NHS Lanarkshire', 'NHS Highland', 'NHS Tayside', 'NHS Fife', 'NHS Ayrshire and Arran'].map(
		(name) => ({ name, type: 'nhs' as const })
	),
	{ name: 'Police Scotland', type: 'police' },
	{ name: 'Scottish Fire and Rescue Service', type: 'fire' },
	{ name: 'Scottish Government', type: 'scottish_government' },
	{ name: 'Transport Scotland', type: 'scottish_government' },
	...['Improvement Service', 'COSLA', 'SEPA', 'Skills Development Scotland', 'VisitScotland'].map((name) => ({ name, type: 'national_body' as const })),
	...['Citizens Advice Scotland', 'SCVO', 'Volunteer Scotland'].map((name) => ({ name, type: 'third_sector' as const })),
	{ name: 'Private contractor', type: 'private' },
	...['Scottish Water', 'Historic Environment Scotland', 'Scottish Enterprise'].map((name) => ({ name, type: 'other_public' as const }))
];
/** How often each partner type takes part, most first. */
const PARTNER_TYPE_WEIGHTS: Record<string, number> = {
	nhs: 30,
	scottish_government: 16,
	national_body: 14,
	third_sector: 12,
	police: 10,
	other_public: 8,
	fire: 6,
	private: 4
};

/** 32-bit mix (murmur3's finaliser), to give every activity its own stream from (seed, index). */
function mix(x: number): number {
	x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
	x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
	return (x ^ (x >>> 16)) >>> 0;
}

/** mulberry32: small, fast and good enough for plausible test data. */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Cumulative weights for sampling by one uniform draw. */
function cumulative(weights: number[]): Float64Array {
	const total = weights.reduce((a, b) => a + b, 0);
	const out = new Float64Array(weights.length);
	let sum = 0;
	weights.forEach((w, i) => (out[i] = sum += w / total));
	out[out.length - 1] = 1;
	return out;
}

function pick(cdf: Float64Array, u: number): number {
	let i = 0;
	while (u >= cdf[i]) i++;
	return i;
}

const zipf = (n: number, s: number) => cumulative(Array.from({ length: n }, (_, rank) => 1 / (rank + 1) ** s));

/** A seeded permutation, so which categories are popular depends on the seed, not the file order. */
function shuffled(n: number, rng: () => number): number[] {
	const order = Array.from({ length: n }, (_, i) => i);
	for (let i = n - 1; i > 0; i--) {
		const j = Math.floor(rng() * (i + 1));
		[order[i], order[j]] = [order[j], order[i]];
	}
	return order;
}

/** A growable column of integers. */
class Column<T extends Uint8Array | Uint16Array | Uint32Array> {
	length = 0;
	constructor(
		public data: T,
		private make: (n: number) => T
	) {}
	push(value: number) {
		if (this.length === this.data.length) {
			const bigger = this.make(this.data.length * 2);
			bigger.set(this.data);
			this.data = bigger;
		}
		this.data[this.length++] = value;
	}
	done(): T {
		return this.data.subarray(0, this.length) as T;
	}
}

const u8 = (n: number) => new Column(new Uint8Array(Math.max(16, n)), (m) => new Uint8Array(m));
const u16 = (n: number) => new Column(new Uint16Array(Math.max(16, n)), (m) => new Uint16Array(m));
const u32 = (n: number) => new Column(new Uint32Array(Math.max(16, n)), (m) => new Uint32Array(m));

export function generateSynthetic(reference: SyntheticReference, size: number, seed: number): SyntheticDataset {
	if (!Number.isInteger(size) || size < 0 || size > SYNTHETIC_MAX) throw new Error(`synthetic size must be a whole number from 0 to ${SYNTHETIC_MAX}`);
	if (!Number.isInteger(seed)) throw new Error('synthetic seed must be a whole number');
	const councils = reference.councils.map((c) => c.code);
	const n = councils.length;
	if (n === 0 || n > 127) throw new Error('synthetic data needs 1 to 127 councils');
	const index = new Map(councils.map((code, i) => [code, i]));
	const neighbours: number[][] = councils.map(() => []);
	for (const { council_code, neighbour_code } of reference.neighbours) {
		const a = index.get(council_code);
		const b = index.get(neighbour_code);
		if (a !== undefined && b !== undefined && !neighbours[a].includes(b)) neighbours[a].push(b);
	}
	const regions = new Map<string, number[]>();
	reference.councils.forEach((c, i) => regions.set(c.region, [...(regions.get(c.region) ?? []), i]));
	const regionOf = reference.councils.map((c) => regions.get(c.region)!);

	// Dataset-wide popularity: seeded orders over which the Zipf ranks fall.
	const global = mulberry32(mix(seed ^ 0x5eed));
	const councilOrder = shuffled(n, global);
	const areaOrder = shuffled(reference.serviceAreas.length, global);
	const typeOrder = shuffled(reference.types.length, global);
	const councilCdf = zipf(n, 0.6);
	const areaCdf = zipf(areaOrder.length, 1.1);
	const typeCdf = zipf(typeOrder.length, 0.9);
	const mechanismCdf = zipf(MECHANISMS.length, 1.0);
	const typeWeights = PARTNERS.map((p) => PARTNER_TYPE_WEIGHTS[p.type]);
	// Within a type, the first-listed bodies take part more often.
	const partnerCdf = cumulative(
		PARTNERS.map((p, i) => typeWeights[i] / PARTNERS.filter((q) => q.type === p.type).length / (1 + PARTNERS.slice(0, i).filter((q) => q.type === p.type).length * 0.3))
	);
	const statusCdf = cumulative([55, 15, 8, 12, 10]); // operational, developing, proposed, ended, unknown
	const reachCdf = cumulative([3, 17, 54, 22, 4]); // unspecified, single, cluster, regional, national
	const clusterCdf = cumulative([50, 30, 20]); // 2, 3, 4 councils
	const areasCdf = cumulative([55, 30, 15]); // 1, 2, 3 service areas
	const partnersCdf = cumulative([45, 30, 17, 8]); // 0..3 partners

	const activities = {
		type: new Int8Array(size),
		mechanism: new Int8Array(size),
		status: new Uint8Array(size),
		startYear: new Uint16Array(size),
		reportedYear: new Uint16Array(size),
		lead: new Int8Array(size),
		councilCount: new Uint8Array(size),
		sourceKind: new Uint8Array(size),
		noun: new Uint8Array(size),
		mainArea: new Uint8Array(size)
	};
	const memberActivity = u32(size * 4);
	const memberCouncil = u8(size * 4);
	const areaActivity = u32(size * 2);
	const areaId = u8(size * 2);
	const partnerActivity = u32(size);
	const partnerId = u16(size);

	const inSet = new Uint8Array(n);
	const members: number[] = [];
	const add = (c: number) => {
		if (inSet[c]) return;
		inSet[c] = 1;
		members.push(c);
	};
	/** Grows `members` from `first` to `target` councils, mostly through borders, then the region. */
	const grow = (rng: () => number, first: number, target: number) => {
		add(first);
		for (let attempt = 0; members.length < target && attempt < 400; attempt++) {
			const r = rng();
			if (r < 0.75) {
				const from = neighbours[members[Math.floor(rng() * members.length)]];
				if (from.length) add(from[Math.floor(rng() * from.length)]);
			} else if (r < 0.95) {
				const region = regionOf[first];
				add(region[Math.floor(rng() * region.length)]);
			} else add(Math.floor(rng() * n));
		}
		while (members.length < target) add(Math.floor(rng() * n));
	};
	const clear = () => {
		for (const c of members) inSet[c] = 0;
		members.length = 0;
	};

	// Regional arrangements mostly follow standing groupings (improvement collaboratives, transport
	// partnerships, city-region deals): each region, widened to five councils through its borders,
	// and further seeded groupings of 5–14 neighbouring councils. A few are one-off combinations.
	const groupings: number[][] = [];
	for (const region of regions.values()) {
		grow(global, region[0], 1);
		for (const c of region) add(c);
		grow(global, region[0], Math.min(n, Math.max(5, region.length)));
		groupings.push([...members]);
		clear();
	}
	while (groupings.length < 40) {
		grow(global, councilOrder[pick(councilCdf, global())], Math.min(n, 5 + Math.min(9, Math.floor(-Math.log(1 - global()) * 3))));
		groupings.push([...members]);
		clear();
	}
	const groupingCdf = zipf(groupings.length, 0.8);

	for (let i = 0; i < size; i++) {
		const rng = mulberry32(mix(mix(seed) ^ Math.imul(i + 1, 0x9e3779b1)));

		// Who takes part: a standing regional grouping, or grown from one council through its neighbours.
		const reach = pick(reachCdf, rng());
		const grouping = reach === 3 && rng() < 0.95 ? groupings[pick(groupingCdf, rng())] : undefined;
		const target = Math.min(
			n,
			reach === 0 ? 0
			: reach === 1 ? 1
			: reach === 2 ? 2 + pick(clusterCdf, rng())
			: reach === 3 ? (grouping?.length ?? Math.min(23, 5 + Math.floor(-Math.log(1 - rng()) * 4)))
			: rng() < 0.6 ? n : Math.max(24, n - 1 - Math.floor(rng() * 8))
		);
		clear();
		if (target >= n) {
			for (let c = 0; c < n; c++) add(c);
		} else if (grouping) {
			for (const c of grouping) add(c);
		} else if (target > 0) {
			grow(rng, councilOrder[pick(councilCdf, rng())], target);
		}
		const count = Math.min(members.length, target);
		for (let m = 0; m < count; m++) {
			memberActivity.push(i);
			memberCouncil.push(members[m]);
		}
		activities.councilCount[i] = count;
		const leadChance = count === 0 ? 0 : count === 1 ? 0.7 : count < 24 ? 0.5 : 0.1;
		activities.lead[i] = rng() < leadChance ? members[Math.floor(rng() * count)] : -1;

		// What it covers.
		const areaCount = 1 + pick(areasCdf, rng());
		let chosenAreas = 0;
		for (let attempt = 0; chosenAreas < areaCount && attempt < 20; attempt++) {
			const area = areaOrder[pick(areaCdf, rng())];
			let seen = false;
			for (let k = areaActivity.length - chosenAreas; k < areaActivity.length; k++) if (areaId.data[k] === area) seen = true;
			if (seen) continue;
			if (chosenAreas === 0) activities.mainArea[i] = area;
			areaActivity.push(i);
			areaId.push(area);
			chosenAreas++;
		}

		const partnerCount = pick(partnersCdf, rng());
		let chosenPartners = 0;
		for (let attempt = 0; chosenPartners < partnerCount && attempt < 20; attempt++) {
			const partner = pick(partnerCdf, rng());
			let seen = false;
			for (let k = partnerActivity.length - chosenPartners; k < partnerActivity.length; k++) if (partnerId.data[k] === partner) seen = true;
			if (seen) continue;
			partnerActivity.push(i);
			partnerId.push(partner);
			chosenPartners++;
		}

		activities.type[i] = rng() < 0.1 ? -1 : typeOrder[pick(typeCdf, rng())];
		activities.mechanism[i] = rng() < 0.4 ? -1 : pick(mechanismCdf, rng());
		activities.status[i] = pick(statusCdf, rng());
		// Start years cluster around the early 2010s; a fifth are not stated.
		const start = rng() < 0.2 ? 0 : 1996 + Math.floor(((rng() + rng() + rng()) / 3) * 29);
		activities.startYear[i] = start;
		activities.reportedYear[i] = start ? Math.min(2025, start + Math.floor(rng() * (2026 - start))) : [2007, 2011, 2014, 2020, 2024][Math.floor(rng() * 5)];
		activities.sourceKind[i] = rng() < 0.6 ? 0 : 1;
		activities.noun[i] = Math.floor(rng() * NOUNS.length);
	}

	return {
		size,
		seed,
		councils,
		serviceAreas: reference.serviceAreas.map((a) => a.id),
		serviceAreaLabels: reference.serviceAreas.map((a) => a.short_label),
		types: reference.types.map((t) => t.id),
		mechanisms: MECHANISMS,
		partners: PARTNERS,
		nouns: NOUNS,
		activities,
		memberships: { length: memberActivity.length, activity: memberActivity.done(), council: memberCouncil.done() },
		serviceAreaLinks: { length: areaActivity.length, activity: areaActivity.done(), area: areaId.done() },
		partnerLinks: { length: partnerActivity.length, activity: partnerActivity.done(), partner: partnerId.done() }
	};
}

/** Activity ids sort in generation order and never collide with a real slug's shape. */
export const syntheticId = (i: number) => `syn-${String(i + 1).padStart(7, '0')}`;
export const syntheticName = (ds: SyntheticDataset, i: number) =>
	`${ds.serviceAreaLabels[ds.activities.mainArea[i]]} ${ds.nouns[ds.activities.noun[i]]} ${i + 1}`;
export const SYNTHETIC_SUMMARY = 'Synthetic activity generated for performance testing; not a real arrangement.';

/**
 * The spectrum level the documented rule (spectrum.ts) gives a synthetic activity: it reads only
 * the type, the mechanism and the summary, which is the same for every synthetic activity, so the
 * level is one per (type, mechanism) pair; index -1 is "not stated". '' where none is derivable.
 */
export function syntheticSpectrum(ds: Pick<SyntheticDataset, 'types' | 'mechanisms'>): { type: number; mechanism: number; level: string }[] {
	const out: { type: number; mechanism: number; level: string }[] = [];
	for (let t = -1; t < ds.types.length; t++)
		for (let m = -1; m < ds.mechanisms.length; m++) {
			const level = spectrumLevel({
				collaborative_type: t < 0 ? '' : ds.types[t],
				delivery_mechanism: m < 0 ? '' : ds.mechanisms[m],
				summary: SYNTHETIC_SUMMARY
			});
			out.push({ type: t, mechanism: m, level: level ?? '' });
		}
	return out;
}
export const SYNTHETIC_NOTE = 'Synthetic: councils drawn at random, favouring neighbours and regions.';
export const SYNTHETIC_UNNAMED_NOTE = 'Synthetic: members not named.';

type Cell = string | number | boolean;

/**
 * The dataset as table rows in the shape `npm run data:build` writes (activities and the three
 * link tables; reference tables stay the real ones). For small sizes and tests; the app loads
 * large datasets column-wise through Arrow instead.
 */
export function syntheticRows(ds: SyntheticDataset): Record<'activities' | 'activity_councils' | 'activity_service_areas' | 'activity_partners', Record<string, Cell>[]> {
	const a = ds.activities;
	const levels = new Map(syntheticSpectrum(ds).map((s) => [`${s.type}/${s.mechanism}`, s.level]));
	const activities = Array.from({ length: ds.size }, (_, i) => ({
		id: syntheticId(i),
		name: syntheticName(ds, i),
		summary: SYNTHETIC_SUMMARY,
		collaborative_type: a.type[i] < 0 ? '' : ds.types[a.type[i]],
		delivery_mechanism: a.mechanism[i] < 0 ? '' : ds.mechanisms[a.mechanism[i]],
		lead_council_code: a.lead[i] < 0 ? '' : ds.councils[a.lead[i]],
		start_year: a.startYear[i] || '',
		end_year: '',
		status: STATUSES[a.status[i]],
		reported_year: a.reportedYear[i],
		council_count: a.councilCount[i],
		reach: deriveReach(a.councilCount[i]),
		councils_note: a.councilCount[i] ? SYNTHETIC_NOTE : SYNTHETIC_UNNAMED_NOTE,
		benefits: '',
		savings: '',
		source_kind: SOURCE_KIND_CODES[a.sourceKind[i]],
		source_id: '',
		source_locator: '',
		source_quote: '',
		spectrum_level: levels.get(`${a.type[i]}/${a.mechanism[i]}`) ?? ''
	}));
	const m = ds.memberships;
	const activityCouncils = Array.from({ length: m.length }, (_, k) => ({
		activity_id: syntheticId(m.activity[k]),
		council_code: ds.councils[m.council[k]],
		is_lead: a.lead[m.activity[k]] === m.council[k]
	}));
	const s = ds.serviceAreaLinks;
	const activityServiceAreas = Array.from({ length: s.length }, (_, k) => ({
		activity_id: syntheticId(s.activity[k]),
		service_area_id: ds.serviceAreas[s.area[k]]
	}));
	const p = ds.partnerLinks;
	const activityPartners = Array.from({ length: p.length }, (_, k) => ({
		activity_id: syntheticId(p.activity[k]),
		partner_name: ds.partners[p.partner[k]].name,
		partner_type: ds.partners[p.partner[k]].type
	}));
	return {
		activities,
		activity_councils: activityCouncils,
		activity_service_areas: activityServiceAreas,
		activity_partners: activityPartners
	};
}

/** `?synthetic=N&seed=S` → what to generate, or undefined for the real data. */
export function syntheticFromParams(params: URLSearchParams): { activities: number; seed: number } | undefined {
	const raw = params.get('synthetic');
	if (raw === null) return undefined;
	const activities = Number(raw);
	const seed = Number(params.get('seed') ?? '1');
	if (!Number.isInteger(activities) || activities < 0 || activities > SYNTHETIC_MAX) return undefined;
	return { activities, seed: Number.isInteger(seed) ? seed : 1 };
}
