import { LIST_DIMENSIONS, type Filters } from '$lib/data/filters';
import type { Reference } from '$lib/data/queries';
import { PARTNER_TYPE_LABELS, REACH_LABELS, SOURCE_KIND_LABELS, STATUSES } from '$lib/data/model';
import { spectrumLabel } from '$lib/data/spectrum';

export type FilterDimension = keyof Filters;

/** Singular nouns, because a chip reads "Service area: Transport & highways". */
export const DIMENSION_LABELS: Record<FilterDimension, string> = {
	search: 'Search',
	serviceAreas: 'Service area',
	types: 'Collaborative type',
	reaches: 'Reach',
	mechanisms: 'Delivery mechanism',
	startYears: 'Start year',
	regions: 'Region',
	councils: 'Council',
	partnerTypes: 'Partner type',
	statuses: 'Status',
	sourceKinds: 'Source kind',
	spectrumLevels: 'Spectrum level',
	inYear: 'In operation in'
};

export const STATUS_LABELS: Record<(typeof STATUSES)[number], string> = {
	operational: 'Operational',
	developing: 'Developing',
	proposed: 'Proposed',
	ended: 'Ended',
	unknown: 'Status unknown'
};

/** For tight spaces (table cells, badges) where the full source-kind label would wrap. */
export const SOURCE_KIND_SHORT_LABELS: Record<string, string> = {
	report: 'Report',
	public_record: 'Public record',
	imported: 'Imported file'
};

// The chart queries group missing values under '', so a filter set by clicking the "not stated"
// bar must read back with the same wording the chart used.
const TYPE_NOT_STATED = 'Type not stated';
const NOT_STATED: Partial<Record<FilterDimension, string>> = {
	types: TYPE_NOT_STATED,
	mechanisms: 'Not stated'
};

const lookup = (labels: Record<string, string>, value: string) => labels[value] ?? value;

export const reachLabel = (reach: string) => lookup(REACH_LABELS, reach);
export const statusLabel = (status: string) => lookup(STATUS_LABELS, status);
export const partnerTypeLabel = (type: string) => (type ? lookup(PARTNER_TYPE_LABELS, type) : 'Type not given');
export const sourceKindLabel = (kind: string) => lookup(SOURCE_KIND_LABELS, kind);
export const sourceKindShortLabel = (kind: string) => lookup(SOURCE_KIND_SHORT_LABELS, kind);

export function typeLabel(id: string | null | undefined, reference?: Reference): string {
	if (!id) return TYPE_NOT_STATED;
	return reference?.types.find((t) => t.id === id)?.label ?? id;
}

/**
 * The human label for one filter value. Falls back to the raw value, so a chip restored
 * from a URL still shows something before the reference tables have loaded.
 */
export function valueLabel(dimension: FilterDimension, value: string, reference?: Reference): string {
	const notStated = NOT_STATED[dimension];
	if (value === '' && notStated) return notStated;
	switch (dimension) {
		case 'search':
			return `“${value}”`;
		case 'serviceAreas':
			return reference?.serviceAreas.find((s) => s.id === value)?.short_label ?? value;
		case 'types':
			return typeLabel(value, reference);
		case 'councils':
			return reference?.councils.find((c) => c.code === value)?.name ?? value;
		case 'reaches':
			return reachLabel(value);
		case 'partnerTypes':
			return partnerTypeLabel(value);
		case 'statuses':
			return statusLabel(value);
		case 'sourceKinds':
			return sourceKindLabel(value);
		case 'spectrumLevels':
			return spectrumLabel(value);
		default:
			return value;
	}
}

export interface FilterChip {
	dimension: FilterDimension;
	value: string;
	dimensionLabel: string;
	valueLabel: string;
	/** Accessible name of the chip's remove button. */
	removeLabel: string;
}

function chip(dimension: FilterDimension, value: string, reference?: Reference): FilterChip {
	const dimensionLabel = DIMENSION_LABELS[dimension];
	const label = valueLabel(dimension, value, reference);
	return { dimension, value, dimensionLabel, valueLabel: label, removeLabel: `Remove filter: ${dimensionLabel} ${label}` };
}

/** One chip per active value, search first, then dimensions in their canonical order, then the year. */
export function activeFilterChips(filters: Filters, reference?: Reference): FilterChip[] {
	const chips: FilterChip[] = [];
	const search = filters.search.trim();
	if (search) chips.push(chip('search', search, reference));
	for (const dimension of LIST_DIMENSIONS) {
		for (const value of filters[dimension]) chips.push(chip(dimension, value, reference));
	}
	if (filters.inYear !== null) chips.push(chip('inYear', String(filters.inYear), reference));
	return chips;
}

/** Distinct regions in alphabetical order; the reference tables list councils, not regions. */
export function regionsOf(reference?: Reference): string[] {
	return [...new Set(reference?.councils.map((c) => c.region) ?? [])].sort((a, b) => a.localeCompare(b));
}

/** A source older than this many years gets a quiet "source from YEAR" mark beside the status. */
export const STALE_SOURCE_YEARS = 5;

/**
 * The source's year when it is more than STALE_SOURCE_YEARS old (each activity cites one source),
 * so a reader knows a status may have moved on since; undefined otherwise.
 */
export function staleSourceYear(sourceYear: number | null | undefined, now = new Date().getFullYear()): number | undefined {
	return typeof sourceYear === 'number' && now - sourceYear > STALE_SOURCE_YEARS ? sourceYear : undefined;
}
