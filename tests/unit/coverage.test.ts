import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { csvParse } from 'd3-dsv';
import { coverageLine, surveyHeadline } from '../../src/lib/data/coverage';
import type { SurveyRow } from '../../src/lib/data/queries';

const survey = csvParse(fs.readFileSync('data/survey_tables.csv', 'utf8')).map((row) => ({ ...row, number: Number(row.number) })) as unknown as SurveyRow[];

describe('the coverage line', () => {
	it('reads the 2020 headline from the published figures', () => {
		expect(surveyHeadline(survey)).toEqual({ activities: 373, councils: 26 });
	});

	it('says what the embedded data holds by source, beside the survey’s count', () => {
		const line = coverageLine(
			[
				{ kind: 'public_record', n: 140 },
				{ kind: 'report', n: 21 }
			],
			survey,
			{ kind: 'embedded' }
		);
		expect(line).toBe(
			'This atlas holds 161 cited activities (21 from published reports, 140 from public record). The 2020 survey counted 373 activities from 26 councils; its full list is not published.'
		);
	});

	it('leaves out a source kind with no rows, and the survey when its figures are missing', () => {
		expect(coverageLine([{ kind: 'public_record', n: 1 }], [], { kind: 'embedded' })).toBe('This atlas holds 1 cited activity (1 from public record).');
	});

	it('names an import or synthetic data for what it is', () => {
		expect(coverageLine([{ kind: 'imported', n: 6 }], survey, { kind: 'imported', fileName: 'survey.csv' })).toBe(
			'This imported dataset holds 6 activities from survey.csv, as the file gives them.'
		);
		expect(coverageLine([{ kind: 'public_record', n: 1000 }], survey, { kind: 'synthetic' })).toMatch(/^Synthetic data: 1,000 generated activities/);
	});
});
