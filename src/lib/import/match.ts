/**
 * Reading the values people type into survey returns against the dataset's vocabulary: council
 * names (official, alias, GSS code, or a typo of one), service areas and collaborative types (by
 * label, short label or id), statuses, partner types and years.
 */
import { PARTNER_TYPE_LABELS, PARTNER_TYPES, STATUSES, councilLookup, nameKey, resolveCouncil, type CouncilRow } from '$lib/data/model';
import { containingWords, nearest, type Candidate } from './fuzzy';

export type { CouncilRow };

/** What a typed value was read as. */
export type Resolution<T> =
	| { kind: 'exact'; value: T }
	/** Read through a known alias ("Western Isles"), a code, or a correction the user accepted. */
	| { kind: 'alias'; value: T; via: 'alias' | 'correction' }
	| { kind: 'unknown'; suggestions: T[] };

/** Lowercase words only, "&" read as "and": what labels are compared on. */
export function labelKey(text: string): string {
	return text
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/&/g, ' and ')
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

const STOP_WORDS = new Set(['and', 'the', 'of', 'for', 'in', 'inc', 'services', 'service']);

/** Candidates sharing the most significant words with the query: "Waste management" → the waste area. */
function sharingWords<T>(query: string, candidates: Candidate<T>[], limit = 3): T[] {
	const words = query.split(' ').filter((w) => w.length > 1 && !STOP_WORDS.has(w));
	if (!words.length) return [];
	const best = new Map<T, number>();
	for (const candidate of candidates) {
		const keyWords = new Set(candidate.key.split(' '));
		const shared = words.filter((w) => keyWords.has(w)).length;
		if (shared > (best.get(candidate.value) ?? 0)) best.set(candidate.value, shared);
	}
	return [...best]
		.sort((a, b) => b[1] - a[1])
		.map(([value]) => value)
		.slice(0, limit);
}

/** Corrections the user accepted in the review step: typed text → the value it means. */
export type CorrectionTable = Map<string, string>;
export const correctionKey = (text: string) => text.trim().toLowerCase();

export class CouncilMatcher {
	private lookup: Map<string, CouncilRow>;
	private byName: Map<string, CouncilRow>;
	private candidates: Candidate<CouncilRow>[];

	constructor(
		readonly councils: CouncilRow[],
		private corrections: CorrectionTable = new Map()
	) {
		this.lookup = councilLookup(councils);
		this.byName = new Map(councils.map((c) => [c.name, c]));
		this.candidates = councils.flatMap((council) =>
			[council.name, ...council.aliases.split(';')].filter((n) => n.trim()).map((n) => ({ key: nameKey(n), value: council }))
		);
	}

	/** "ALL", "All councils", "All 32 Scottish councils": the source says every council takes part. */
	isAll(text: string): boolean {
		return /^all( 32)?( scottish)?( councils| local authorities| authorities)?$/.test(labelKey(text));
	}

	resolve(text: string): Resolution<CouncilRow> {
		const exact = this.byName.get(text.trim());
		if (exact) return { kind: 'exact', value: exact };
		const corrected = this.corrections.get(correctionKey(text));
		if (corrected && this.byName.has(corrected)) return { kind: 'alias', value: this.byName.get(corrected)!, via: 'correction' };
		const known = resolveCouncil(text, this.lookup);
		if (known) {
			// Case, "Council" and "&" differences are the name itself, not an alias worth mentioning.
			return nameKey(text) === nameKey(known.name) ? { kind: 'exact', value: known } : { kind: 'alias', value: known, via: 'alias' };
		}
		const key = nameKey(text);
		const close = nearest(key, this.candidates).map((m) => m.value);
		const suggestions = close.length ? close : containingWords(key, this.candidates);
		return { kind: 'unknown', suggestions };
	}

	isKnown = (text: string) => this.isAll(text) || this.resolve(text).kind !== 'unknown';
}

interface Labelled {
	id: string;
	label: string;
	short_label?: string;
}

/** Service areas and collaborative types: matched on label, short label or id, case-insensitively. */
export class VocabularyMatcher<T extends Labelled> {
	private byKey = new Map<string, T>();
	private candidates: Candidate<T>[] = [];

	constructor(
		readonly items: T[],
		private corrections: CorrectionTable = new Map(),
		extraSynonyms: Record<string, string[]> = {}
	) {
		for (const item of items) {
			const keys = [item.id, item.label, item.short_label ?? '', ...(extraSynonyms[item.id] ?? [])].map(labelKey).filter(Boolean);
			for (const key of keys) {
				if (!this.byKey.has(key)) this.byKey.set(key, item);
				this.candidates.push({ key, value: item });
			}
		}
	}

	resolve(text: string): Resolution<T> {
		const key = labelKey(text);
		const direct = this.byKey.get(key);
		if (direct) return { kind: 'exact', value: direct };
		const corrected = this.corrections.get(correctionKey(text));
		const item = corrected ? this.items.find((i) => i.id === corrected) : undefined;
		if (item) return { kind: 'alias', value: item, via: 'correction' };
		const close = nearest(key, this.candidates).map((m) => m.value);
		return { kind: 'unknown', suggestions: close.length ? close : sharingWords(key, this.candidates) };
	}

	isKnown = (text: string) => this.resolve(text).kind !== 'unknown';
}

/**
 * The names officers give services, by the service area (data/service_areas.csv) each belongs
 * to. A real return's "Roads", "Trading Standards", "Flooding" and "Libraries" matched nothing,
 * and "Environmental Health" came nearest to Health & Social Care; it is a regulatory service.
 * A name only matches if its area is in the dataset; unit tests check every one resolves.
 */
export const SERVICE_AREA_SYNONYMS: Record<string, string[]> = {
	transport_highways: ['roads', 'road', 'roads and transport', 'roads and transportation', 'transport', 'transportation', 'highways', 'roads maintenance', 'street lighting', 'winter maintenance', 'parking', 'bridges', 'public transport'],
	environment_waste_regulatory: [
		'environmental health', 'trading standards', 'waste', 'waste management', 'waste services', 'refuse', 'refuse collection', 'bins', 'bin collection',
		'recycling', 'waste and recycling', 'flooding', 'flood', 'flood risk', 'flood risk management', 'flood prevention', 'licensing', 'pest control',
		'food safety', 'environmental services', 'environmental protection', 'regulatory services', 'environment'
	],
	library: ['libraries', 'library services', 'library service'],
	planning_building_control: ['planning', 'building standards', 'building control', 'development management', 'development planning', 'planning and building standards'],
	hr: ['human resources', 'personnel', 'payroll', 'hr and payroll', 'workforce', 'occupational health'],
	ict_digital: ['it', 'ict', 'information technology', 'it services', 'ict services', 'digital', 'digital services', 'cyber security'],
	procurement: ['purchasing', 'procurement services', 'contracts', 'contract management'],
	health_social_care: ['social work', 'social care', 'social services', 'health and social care partnership', 'hscp', 'integration joint board', 'ijb'],
	education_learning: ['education', 'schools', 'school', 'education services', 'learning', 'teaching'],
	legal: ['legal services', 'law', 'solicitors'],
	democracy_governance: ['audit', 'internal audit', 'governance', 'performance', 'elections', 'electoral registration', 'committee services'],
	finance: ['accountancy', 'accounting', 'financial services', 'treasury', 'treasury management'],
	housing_benefits: ['housing', 'benefits', 'revenues', 'revenues and benefits', 'council tax', 'homelessness', 'welfare rights'],
	community_safety: ['antisocial behaviour', 'anti social behaviour', 'cctv'],
	culture_tourism: ['culture', 'museums', 'archives', 'tourism', 'arts', 'heritage'],
	sport_recreation: ['leisure', 'sport', 'sports', 'leisure services'],
	parks_open_spaces: ['parks', 'greenspace', 'green space', 'grounds maintenance'],
	property_facilities: ['property', 'facilities management', 'facilities', 'estates', 'building maintenance', 'energy management'],
	emergency_response: ['civil contingencies', 'emergency planning', 'resilience'],
	business_economy: ['economic development', 'employability', 'regeneration', 'business support', 'economy'],
	data_foi: ['foi', 'freedom of information', 'data protection', 'information governance', 'records management'],
	children_young_people: ['childrens services', 'children s services', 'early years', 'youth work'],
	adult_services: ['adult social care']
};

/** Words returns use for the collaborative types (data/collaborative_types.csv). */
export const TYPE_SYNONYMS: Record<string, string[]> = {
	joint_provision: ['shared service', 'joint service', 'joint delivery', 'shared provision'],
	emergency_out_of_hours: ['out of hours', 'emergency', 'out of hours service'],
	co_location: ['co located', 'colocation', 'shared premises', 'shared building'],
	simplification_standardisation: ['standardisation', 'simplification', 'standardization'],
	cross_public_sector: ['cross public sector', 'public sector partnership', 'community planning']
};

type Status = (typeof STATUSES)[number];
/** Words survey returns use for each status. */
export const STATUS_SYNONYMS: Record<Status, string[]> = {
	operational: ['operational', 'live', 'active', 'in operation', 'running', 'ongoing', 'in place', 'established', 'current', 'implemented', 'in use'],
	developing: ['developing', 'in development', 'being developed', 'under development', 'in progress', 'emerging', 'being implemented', 'pilot', 'piloting', 'implementation'],
	proposed: ['proposed', 'planned', 'proposal', 'under consideration', 'being explored', 'exploring', 'planning', 'not started', 'future'],
	ended: ['ended', 'closed', 'ceased', 'discontinued', 'finished', 'stopped', 'wound up', 'dissolved', 'no longer operating'],
	unknown: ['unknown', 'status unknown', 'not known', 'n a', 'na', 'tbc', 'not stated']
};

export function statusMatcher(corrections: CorrectionTable = new Map()) {
	const items = STATUSES.map((id) => ({ id, label: id }));
	return new VocabularyMatcher(items, corrections, STATUS_SYNONYMS);
}

type PartnerType = (typeof PARTNER_TYPES)[number];
const PARTNER_TYPE_WORDS: Record<PartnerType, string[]> = {
	nhs: ['nhs', 'health', 'health board'],
	police: ['police'],
	fire: ['fire', 'fire and rescue'],
	scottish_government: ['scottish government', 'government', 'sg'],
	national_body: ['national', 'national body', 'agency', 'non departmental public body', 'ndpb'],
	third_sector: ['third sector', 'voluntary', 'charity', 'voluntary sector', 'community'],
	private: ['private', 'private sector', 'company', 'business', 'commercial'],
	other_public: ['other public', 'other public body', 'public body', 'public', 'university', 'college']
};
const partnerTypes = new VocabularyMatcher(
	PARTNER_TYPES.map((id) => ({ id, label: PARTNER_TYPE_LABELS[id] })),
	new Map(),
	PARTNER_TYPE_WORDS
);

/** A type from the partner's name, for returns that list partners without saying what they are. */
export function guessPartnerType(name: string): PartnerType {
	const key = ` ${labelKey(name)} `;
	if (/ nhs | health board /.test(key)) return 'nhs';
	if (/ police /.test(key)) return 'police';
	if (/ fire /.test(key)) return 'fire';
	if (/ scottish government /.test(key)) return 'scottish_government';
	if (/ (ltd|limited|plc|llp) /.test(key)) return 'private';
	if (/ (trust|charity|charitable|voluntary|association|foundation|society|third sector) /.test(key)) return 'third_sector';
	if (/ scotland | improvement service | cosla /.test(key) || key.startsWith(' scottish ')) return 'national_body';
	return 'other_public';
}

export interface ParsedPartner {
	name: string;
	type: PartnerType;
	/** Set when the type was worked out from the name rather than given. */
	guessed: boolean;
	/** A type that was given but is not one the dataset knows. */
	unknownType?: string;
}

/** "NHS Fife|nhs", "NHS Fife (NHS)", or just "NHS Fife". */
export function parsePartner(text: string): ParsedPartner {
	const bar = text.lastIndexOf('|');
	const bracket = /^(.*?)\s*\(([^()]+)\)\s*$/.exec(text);
	let name = text.trim();
	let given: string | undefined;
	if (bar >= 0) {
		name = text.slice(0, bar).trim();
		given = text.slice(bar + 1).trim();
	} else if (bracket && partnerTypes.resolve(bracket[2]).kind !== 'unknown') {
		name = bracket[1].trim();
		given = bracket[2].trim();
	}
	if (given) {
		const resolved = partnerTypes.resolve(given);
		if (resolved.kind !== 'unknown') return { name, type: resolved.value.id as PartnerType, guessed: false };
		return { name, type: guessPartnerType(name), guessed: true, unknownType: given };
	}
	return { name, type: guessPartnerType(name), guessed: true };
}

export type YearReading = { year: string; note?: string } | { error: string };

/**
 * A year from what a spreadsheet holds: "2014", "2014/15" (the first year), an ISO date as a
 * workbook gives it, or a day/month/year date. Anything else is reported, not guessed at.
 */
export function parseYear(raw: string): YearReading {
	const text = raw.trim();
	if (!text) return { year: '' };
	let match = /^((?:19|20)\d\d)(?:\.0+)?$/.exec(text);
	if (match) return { year: match[1] };
	match = /^((?:19|20)\d\d)\s*[-/–]\s*(\d{2}|\d{4})$/.exec(text);
	if (match) return { year: match[1], note: `“${text}” read as ${match[1]}, the first year` };
	match = /^((?:19|20)\d\d)-\d\d-\d\d(?:T[\d:.]+Z?)?$/.exec(text);
	if (match) return { year: match[1] };
	match = /^\d{1,2}[/.-]\d{1,2}[/.-]((?:19|20)\d\d)$/.exec(text);
	if (match) return { year: match[1], note: `the date “${text}” read as ${match[1]}` };
	return { error: `“${text}” is not a year (four digits between 1900 and 2099)` };
}

/**
 * Characters that make a spreadsheet treat a cell as a formula (the same set the CSV export
 * neutralises). Imports refuse such text rather than carry a formula into the data.
 */
const FORMULA_START = /^[=+@＝＋＠]/;
export const looksLikeFormula = (text: string) => FORMULA_START.test(text.trimStart());
