// The spectrum of collaboration (Collaborative Working Research Report, 2020, section 3, "Definitions"): where an activity sits
// between sharing information and a fully integrated service. The build (dataset-rules.ts) and
// the browser share exactly one rule. Documented in data/README.md.
import { SPECTRUM_LEVELS } from './model';

export type SpectrumLevel = (typeof SPECTRUM_LEVELS)[number];

/** The column headings as the report prints them. */
export const SPECTRUM_LABELS: Record<SpectrumLevel, string> = {
	communicate: 'Communicate',
	cooperate: 'Co-operate',
	coordinate: 'Co-ordinate',
	collaborate: 'Collaborate',
	integrate: 'Integrate'
};

/** What each column of the report's table says, verbatim (Collaborative Working Research Report, section 3). */
export const SPECTRUM_DEFINITIONS: Record<SpectrumLevel, string> = {
	communicate: 'Inter-agency information sharing (e.g. networking)',
	cooperate: 'As needed, often informal interaction on discrete activities or projects',
	coordinate: 'Organisations systematically adjust and align work with each other for greater outcomes',
	collaborate: 'Longer term interaction based on shared mission, goals, shared decision making and resources',
	integrate: 'Fully integrated programmes, delivery, planning and funding'
};

/** Where the spectrum comes from: `source_id` in data/sources.csv, cited as the app cites every source. */
export const SPECTRUM_SOURCE = {
	source_id: 'is-2020-research-report',
	citation: 'Collaborative Working Research Report (Improvement Service, 2020), Section 3',
	quote: "The concept of a 'spectrum of collaboration' – with 'shared services' seen as a more radical, challenging, and gradual end point of a process."
};

export const NOT_DERIVABLE = 'Not derivable';
/** The filter and chart key for activities without a level (a non-empty key survives the URL). */
export const NO_LEVEL = 'none';

/** Collaborative types that describe providing a service, as opposed to training or standardising. */
const PROVISION_TYPES = new Set(['joint_provision', 'specialist_services', 'emergency_out_of_hours', 'cross_public_sector']);

/** A delivery mechanism in which one body delivers for all members. */
const SHARED_DELIVERY =
	/\b(joint committee|joint board|lead (local )?authority|single management team|limited liability partnership|llp|owned (limited )?company)\b/i;
/** A lasting joint body or agreement, with or without a single delivered service. */
const STANDING_ARRANGEMENT = /\b(body corporate|strategic agreement)\b/i;
const CONTRACT = /\bcontracts?\b/i;
const COORDINATES = /\bco-?ordinat(e|es|ed|ing|ion)\b|\balign(s|ed|ing|ment)?\b|\bjoint\b[^.;]*\bplan\b/i;
const SHARES_INFORMATION =
	/\b(information sharing|shar(e|es|ed|ing) (information|knowledge|intelligence)|networking|best practice|single point of information)\b/i;
const PROJECT = /\b(projects?|pilots?|pathfinders?)\b/i;

export type SpectrumInput = { delivery_mechanism?: string | null; collaborative_type?: string | null; summary?: string | null };
export type SpectrumRule = { id: string; short: string; level: SpectrumLevel; text: string; test: (row: SpectrumInput) => boolean };

const clean = (text: string | null | undefined) => (text ?? '').trim();

/**
 * The rule, in order: the first that fires gives the level; when none fires the level is not
 * derivable. Mechanism first (it is the most concrete evidence), then type, then the summary.
 */
export const SPECTRUM_RULES: SpectrumRule[] = [
	{
		id: 'shared-delivery',
		short: 'one body delivers a service for all members',
		level: 'integrate',
		text: 'The delivery mechanism is a joint committee or board, a lead authority, a single management team or a council-owned company or LLP, and the collaborative type is a kind of service provision: one service is delivered for every member.',
		test: (row) => SHARED_DELIVERY.test(clean(row.delivery_mechanism)) && PROVISION_TYPES.has(clean(row.collaborative_type))
	},
	{
		id: 'standing-arrangement',
		short: 'a lasting joint body or agreement',
		level: 'collaborate',
		text: 'The delivery mechanism is a lasting joint body or agreement (one of the above, a statutory body corporate or a strategic agreement) without a service-provision type: shared decision making and resources, not one delivered service.',
		test: (row) => {
			const mechanism = clean(row.delivery_mechanism);
			return SHARED_DELIVERY.test(mechanism) || STANDING_ARRANGEMENT.test(mechanism);
		}
	},
	{
		id: 'joint-contract',
		short: 'a joint contract',
		level: 'cooperate',
		text: 'The delivery mechanism is a contract (e.g. a framework contract): a discrete joint procurement.',
		test: (row) => CONTRACT.test(clean(row.delivery_mechanism))
	},
	{
		id: 'standardisation',
		short: 'simplification/standardisation',
		level: 'coordinate',
		text: 'The collaborative type is Simplification/standardisation: the partners adjust and align their procedures.',
		test: (row) => clean(row.collaborative_type) === 'simplification_standardisation'
	},
	{
		id: 'co-ordinates',
		short: 'the summary says they co-ordinate or plan jointly',
		level: 'coordinate',
		text: 'The summary says the partners co-ordinate or align their work, or draw up a joint plan.',
		test: (row) => COORDINATES.test(clean(row.summary))
	},
	{
		id: 'information-sharing',
		short: 'the summary describes sharing information',
		level: 'communicate',
		text: 'The summary describes sharing information, knowledge or best practice, or networking.',
		test: (row) => SHARES_INFORMATION.test(clean(row.summary))
	},
	{
		id: 'project',
		short: 'the summary describes a project',
		level: 'cooperate',
		text: 'The summary describes a project, pilot or pathfinder: interaction on a discrete project.',
		test: (row) => PROJECT.test(clean(row.summary))
	}
];

/**
 * The level the rule gives and the rule that gave it, or null when no rule fires (the sources
 * then do not support a level, and none is guessed).
 */
export function deriveSpectrum(row: SpectrumInput): { level: SpectrumLevel; rule: SpectrumRule } | null {
	const rule = SPECTRUM_RULES.find((candidate) => candidate.test(row));
	return rule ? { level: rule.level, rule } : null;
}

/**
 * The activity's level: the CSV's `spectrum_level` override where one is given, else the rule's.
 */
export function spectrumLevel(row: SpectrumInput & { spectrum_level?: string | null }): SpectrumLevel | null {
	const override = clean(row.spectrum_level);
	if (isSpectrumLevel(override)) return override;
	return deriveSpectrum(row)?.level ?? null;
}

/**
 * Why an activity has the level it shows: the rule that fired, that the data overrides it, or
 * that no rule fires. `row` is the row as loaded, whose spectrum_level is the final level.
 */
export function spectrumReason(row: SpectrumInput & { spectrum_level?: string | null }) {
	const derived = deriveSpectrum(row);
	const level = clean(row.spectrum_level);
	if (!level) return 'No rule fires on its mechanism, type or summary.';
	if (derived && derived.level === level) return `Rule ${SPECTRUM_RULES.indexOf(derived.rule) + 1}: ${derived.rule.short}`;
	return 'Set in the dataset (spectrum_level column), overriding the rule.';
}

export function isSpectrumLevel(level: string | null | undefined): level is SpectrumLevel {
	return (SPECTRUM_LEVELS as readonly (string | null | undefined)[]).includes(level);
}

export function spectrumLabel(level: string | null | undefined) {
	return isSpectrumLevel(level) ? SPECTRUM_LABELS[level] : NOT_DERIVABLE;
}
