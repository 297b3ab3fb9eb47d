/**
 * The counts README.md and data/README.md state, checked against the built data (static/data,
 * from `npm run data:build`), so editing the data without the prose, or the prose without the
 * data, fails here rather than misinforming a reader.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { csvParse } from 'd3-dsv';
import { SPECTRUM_LEVELS } from '../../src/lib/data/model';
import { MAX_FILE_BYTES } from '../../src/lib/import/limits';

const built = (table: string) => {
	const file = path.join('static/data', `${table}.csv`);
	if (!fs.existsSync(file)) throw new Error('run `npm run data:build` first');
	return csvParse(fs.readFileSync(file, 'utf8'));
};
const readme = fs.readFileSync('README.md', 'utf8').replace(/\s+/g, ' ');
const dataReadme = fs.readFileSync('data/README.md', 'utf8').replace(/\s+/g, ' ');
/** The numbers a pattern captures in a README, failing if the sentence is gone. */
const stated = (text: string, pattern: RegExp) => {
	const match = pattern.exec(text);
	if (!match) throw new Error(`README no longer says ${pattern}`);
	return match.slice(1).map(Number);
};

describe('counts in data/README.md', () => {
	it('states the spectrum levels the build derived', () => {
		const activities = built('activities');
		const [levelled, total, ...perLevel] = stated(
			dataReadme,
			/gives a level to (\d+) of the (\d+) activities \(integrate (\d+), collaborate (\d+), coordinate (\d+), cooperate (\d+), communicate (\d+)\)/
		);
		const count = (level: string) => activities.filter((a) => a.spectrum_level === level).length;
		expect(total).toBe(activities.length);
		expect(levelled).toBe(activities.filter((a) => a.spectrum_level).length);
		expect(perLevel).toEqual(['integrate', 'collaborate', 'coordinate', 'cooperate', 'communicate'].map(count));
		expect(SPECTRUM_LEVELS).toHaveLength(5);
	});

	it('states the reference tables’ sizes', () => {
		expect(stated(dataReadme, /The (\d+) councils: current GSS/)).toEqual([built('councils').length]);
		expect(stated(dataReadme, /The (\d+) service\/activity categories/)).toEqual([built('service_areas').length]);
		expect(stated(dataReadme, /The (\d+) collaborative types/)).toEqual([built('collaborative_types').length]);
		// "The five reports" (and "the survey's seven types"), spelt out in words.
		expect(dataReadme).toContain('The five reports:');
		expect(built('sources').filter((s) => s.kind === 'report')).toHaveLength(5);
		expect(dataReadme).toContain("The survey's seven types");
		expect(built('collaborative_types')).toHaveLength(7);
	});
});

describe('counts in README.md', () => {
	it('states the published survey headline as survey_tables.csv has it', () => {
		const headline = built('survey_tables').filter((r) => r.table_id === 'headline_2020');
		const figure = (label: RegExp) => Number(headline.find((r) => label.test(r.row_label))!.number);
		expect(stated(readme, /Published survey figures\*\* \((\d+) activities, (\d+) councils/)).toEqual([
			figure(/activities reported/i),
			figure(/councils returning/i)
		]);
	});

	it('states the councils and the national links not drawn', () => {
		const councils = built('councils').length;
		expect(stated(readme, /between Scotland's (\d+) councils/)).toEqual([councils]);
		expect(stated(readme, /the (\d+) councils shaded/)).toEqual([councils]);
		expect(stated(readme, /not drawn as (\d+) lines/)).toEqual([(councils * (councils - 1)) / 2]);
	});

	it('states the import size limit the code enforces', () => {
		expect(stated(readme, /Files over (\d+) MB/)).toEqual([MAX_FILE_BYTES / 1024 / 1024]);
	});
});
