import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { csvParse } from 'd3-dsv';
import { citation, SPECTRUM_LEVELS } from '../../src/lib/data/model';
import {
	deriveSpectrum,
	SPECTRUM_DEFINITIONS,
	SPECTRUM_SOURCE,
	spectrumLabel,
	spectrumLevel,
	spectrumReason
} from '../../src/lib/data/spectrum';

/** The real rows, exactly as the build reads them. */
const rows = fs
	.readdirSync('data/activities')
	.filter((file) => file.endsWith('.csv'))
	.flatMap((file) => csvParse(fs.readFileSync(path.join('data/activities', file), 'utf8')));
const row = (id: string) => {
	const found = rows.find((r) => r.id === id);
	if (!found) throw new Error(`no activity ${id} in data/activities`);
	return found;
};

describe('the spectrum rule on real activities', () => {
	it.each([
		// Joint Committee + joint provision: one integrated roads service for both councils.
		['ayrshire-roads-alliance', 'integrate', 'shared-delivery'],
		// Lead authority + joint provision: Clackmannanshire delivers social services for both.
		['clackmannanshire-stirling-lead-authority-social-services', 'integrate', 'shared-delivery'],
		['clackmannanshire-stirling-lead-authority-education', 'integrate', 'shared-delivery'],
		['clackmannanshire-stirling-shared-social-work', 'integrate', 'shared-delivery'],
		// A council-owned LLP delivering the national schools MIS.
		['seemis', 'integrate', 'shared-delivery'],
		['renfrewshire-civil-contingencies-service', 'integrate', 'shared-delivery'],
		// A statutory body corporate: shared decision making, no single delivered service.
		['hitrans', 'collaborate', 'standing-arrangement'],
		['strathclyde-partnership-for-transport', 'collaborate', 'standing-arrangement'],
		['clackmannanshire-stirling-strategic-agreement', 'collaborate', 'standing-arrangement'],
		// "Led by" South Lanarkshire names the project's lead, not a lead authority arrangement: a pathfinder project.
		['clyde-valley-learning-and-development', 'cooperate', 'project'],
		['national-crm', 'cooperate', 'joint-contract'],
		['glasgow-pathfinder', 'coordinate', 'standardisation'],
		['clackmannanshire-stirling-joint-schools-transport', 'coordinate', 'co-ordinates'],
		['clackmannanshire-stirling-joint-childrens-services-plan', 'coordinate', 'co-ordinates'],
		// The NSSB 'Knowledge Management' project: a single point of information on best practice.
		['nssb-knowledge-management', 'communicate', 'information-sharing'],
		['joint-working-in-orkney', 'cooperate', 'project']
	])('%s → %s (rule %s)', (id, level, rule) => {
		const derived = deriveSpectrum(row(id));
		expect(derived?.level).toBe(level);
		expect(derived?.rule.id).toBe(rule);
	});

	it.each([
		// Public-record groupings record membership, not how the councils work together.
		'northern-alliance-ric',
		'glasgow-city-region-city-deal',
		'integrated-joint-boards',
		'clackmannanshire-stirling-joint-cld-partnership',
		// The name says "integrated"; the rule never reads names.
		'outer-hebrides-integrated-service-delivery'
	])('%s → not derivable', (id) => {
		expect(deriveSpectrum(row(id))).toBeNull();
		expect(spectrumLevel(row(id))).toBeNull();
	});

	it('gives a level to 107 of the 161 activities', () => {
		expect(rows).toHaveLength(161);
		const counts: Record<string, number> = {};
		for (const r of rows) {
			const level = spectrumLevel(r) ?? 'none';
			counts[level] = (counts[level] ?? 0) + 1;
		}
		expect(counts).toEqual({ integrate: 65, collaborate: 19, coordinate: 12, cooperate: 9, communicate: 2, none: 54 });
	});
});

describe('overrides and wording', () => {
	it('lets the CSV column override the rule, and ignores unknown values', () => {
		const base = { delivery_mechanism: 'Joint Committee', collaborative_type: 'joint_provision', summary: '' };
		expect(spectrumLevel(base)).toBe('integrate');
		expect(spectrumLevel({ ...base, spectrum_level: 'coordinate' })).toBe('coordinate');
		expect(spectrumLevel({ ...base, spectrum_level: 'merge' })).toBe('integrate');
		expect(spectrumLevel({ summary: 'Nothing to go on.', spectrum_level: 'communicate' })).toBe('communicate');
	});

	it('explains a level by the rule that fired, an override, or no rule', () => {
		const base = { delivery_mechanism: 'Framework contract', collaborative_type: '', summary: '' };
		expect(spectrumReason({ ...base, spectrum_level: 'cooperate' })).toBe('Rule 3: a joint contract');
		expect(spectrumReason({ ...base, spectrum_level: 'integrate' })).toMatch(/overrid/);
		expect(spectrumReason({ summary: 'x', spectrum_level: '' })).toMatch(/No rule/);
	});

	it('labels levels as the report prints them, and a missing one as not derivable', () => {
		expect(SPECTRUM_LEVELS.map(spectrumLabel)).toEqual(['Communicate', 'Co-operate', 'Co-ordinate', 'Collaborate', 'Integrate']);
		expect(spectrumLabel('')).toBe('Not derivable');
		expect(spectrumLabel(null)).toBe('Not derivable');
		expect(spectrumLabel('none')).toBe('Not derivable');
	});

	const reportSource = csvParse(fs.readFileSync('data/sources.csv', 'utf8')).find((s) => s.id === SPECTRUM_SOURCE.source_id)!;
	const reportFile = path.join('../shared/seeds', reportSource.file);
	it('cites the report as data/sources.csv names it', () => {
		expect(SPECTRUM_SOURCE.citation).toBe(citation(reportSource, 'Section 3'));
	});
	it.skipIf(!fs.existsSync(reportFile))('quotes the report verbatim', () => {
		const report = fs.readFileSync(reportFile, 'utf8').replace(/\s+/g, ' ');
		expect(report).toContain(SPECTRUM_SOURCE.quote);
		// The five headings, in the report's order.
		expect(report).toContain(SPECTRUM_LEVELS.map(spectrumLabel).join(' '));
		expect(Object.keys(SPECTRUM_DEFINITIONS)).toEqual([...SPECTRUM_LEVELS]);
	});
});
