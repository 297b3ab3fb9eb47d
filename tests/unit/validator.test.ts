import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadSources, validate } from '../../scripts/lib/dataset.mjs';

const clean = () => loadSources(path.resolve('data'), path.resolve('../shared/seeds'));
type Sources = ReturnType<typeof clean>;
const firstReportRow = (sources: Sources) => sources.activities.find((a) => a.source_kind === 'report')!;
const firstPublicRecordRow = (sources: Sources) => sources.activities.find((a) => a.source_kind === 'public_record')!;
const startedRow = (sources: Sources) => sources.activities.find((a) => a.start_year && !a.end_year)!;
const source = (sources: Sources, id: string) => sources.sources.find((s) => s.id === id)!;
/** Every message for the real dataset after `mutate`; the clean dataset has none, so each is the mutation's. */
const errorsAfter = (mutate: (sources: Sources) => void, origin?: 'build' | 'import') => {
	const sources = clean();
	mutate(sources);
	return validate(sources, origin ? { origin } : undefined).join('\n');
};

describe('data:check rules', () => {
	it('passes the committed dataset', () => {
		expect(validate(clean())).toEqual([]);
	});

	it('rejects an unknown council, with a suggestion', () => {
		expect(errorsAfter((s) => (firstReportRow(s).councils = 'Western Isles'))).toMatch(
			/unknown council "Western Isles" \(did you mean "Na h-Eileanan Siar"\?\)/
		);
		expect(errorsAfter((s) => (firstReportRow(s).lead_council = 'Cumbria'))).toMatch(/unknown lead council "Cumbria"/);
	});

	it('rejects an unknown category', () => {
		expect(errorsAfter((s) => (firstReportRow(s).service_areas = 'space_travel'))).toMatch(/unknown service area "space_travel"/);
	});

	it('rejects a row with no service area unless its note says the source names none', () => {
		expect(errorsAfter((s) => (firstReportRow(s).service_areas = ''))).toMatch(/no service area/);
		const orkney = (s: Sources) => s.activities.find((a) => a.id === 'joint-working-in-orkney')!;
		expect(errorsAfter((s) => (orkney(s).councils_note = 'Named in the report.'))).toMatch(/no service area/);
	});

	it('rejects an end year before the start year', () => {
		expect(
			errorsAfter((s) => {
				const row = startedRow(s);
				row.end_year = String(Number(row.start_year) - 1);
				row.status = 'ended';
			})
		).toMatch(/end_year \d{4} is before start_year \d{4}/);
	});

	it('rejects a status that disagrees with the end year, both ways', () => {
		expect(errorsAfter((s) => (startedRow(s).end_year = '2024'))).toMatch(/end_year is set but status is "\w+", not "ended"/);
		expect(errorsAfter((s) => (startedRow(s).status = 'ended'))).toMatch(/status is "ended" but no end_year is set/);
		expect(errorsAfter((s) => (startedRow(s).end_year = '24'))).toMatch(/bad end_year "24"/);
	});

	it('rejects a source id that sources.csv does not have', () => {
		expect(errorsAfter((s) => (firstReportRow(s).source_id = 'no-such-report'))).toMatch(/unknown source_id "no-such-report"/);
		expect(errorsAfter((s) => (firstPublicRecordRow(s).source_id = 'no-such-order'))).toMatch(/unknown source_id "no-such-order"/);
		expect(errorsAfter((s) => (firstPublicRecordRow(s).source_id = ''))).toMatch(/public record row without a source_id/);
		expect(errorsAfter((s) => (s.surveyTables[0].source_id = 'nowhere'))).toMatch(/survey_tables.csv:2 .*unknown source_id "nowhere"/);
		expect(errorsAfter((s) => (s.councils[0].region_source = 'nowhere'))).toMatch(/region_source "nowhere" is not in sources.csv/);
	});

	it('keeps report rows to the published reports, and public-record rows to everything else', () => {
		expect(errorsAfter((s) => (firstReportRow(s).source_id = 'ssi-2005-622'))).toMatch(/source "ssi-2005-622" is not one of the published reports/);
		expect(errorsAfter((s) => (firstPublicRecordRow(s).source_id = 'is-2020-research-report'))).toMatch(
			/public record row cites a published report/
		);
	});

	it('rejects a quote that is not verbatim in its report, or a report row without one', () => {
		expect(errorsAfter((s) => (firstReportRow(s).source_quote = firstReportRow(s).source_quote.replace(/\w+/, 'Fabricated')))).toMatch(
			/source_quote not found verbatim in Shared Services: "Fabricated/
		);
		expect(errorsAfter((s) => (firstReportRow(s).source_quote = ''))).toMatch(/missing source_quote/);
	});

	it.each(['name', 'summary', 'councils_note', 'benefits', 'savings'] as const)('rejects "seed" in %s, the text users read', (column) => {
		expect(errorsAfter((s) => (firstReportRow(s)[column] += ' The Seed says so.'))).toMatch(new RegExp(`${column} says "seed"`));
	});

	it('rejects a sources.csv entry that breaks its rules', () => {
		expect(errorsAfter((s) => (source(s, 'is-2020-research-report').file = ''))).toMatch(/a report needs its file/);
		expect(errorsAfter((s) => (source(s, 'ssi-2005-622').file = '000_c9c0542b1bb9cfaa.txt'))).toMatch(/only a report has one/);
		expect(errorsAfter((s) => (source(s, 'is-2020-research-report').file = 'missing.txt'))).toMatch(/file "missing.txt" not found/);
		expect(errorsAfter((s) => (source(s, 'ssi-2005-622').kind = 'statute'))).toMatch(/unknown kind "statute"/);
		expect(errorsAfter((s) => (source(s, 'ssi-2005-622').year = '2006'))).toMatch(/id year 2005 is not the year 2006/);
		expect(errorsAfter((s) => s.sources.push({ ...source(s, 'asp-2012-8'), id: 'police-act-2012' }))).toMatch(
			/legislation id must be si-, ssi-, asp-, ukpga- or ukla-<year>-<number>/
		);
		expect(errorsAfter((s) => s.sources.push({ ...source(s, 'ssi-2005-622') }))).toMatch(/duplicate id/);
		expect(errorsAfter((s) => (source(s, 'ssi-2005-622').url = 'legislation.gov.uk'))).toMatch(/url is not a web address/);
		expect(errorsAfter((s) => (source(s, 'clackmannanshire-council-2015-education-future-direction').year = '2016'))).toMatch(
			/id must be <publisher>-2016-<slug>/
		);
	});

	it('rejects a duplicate id', () => {
		expect(errorsAfter((s) => s.activities.push({ ...s.activities[0], __line: 999 }))).toMatch(/duplicate id/);
	});

	it('keeps imported rows out of data/, and everything but imported rows out of an import', () => {
		expect(errorsAfter((s) => (firstReportRow(s).source_kind = 'imported'))).toMatch(/source_kind "imported" does not belong in data\//);
		expect(errorsAfter(() => {}, 'import')).toMatch(/source_kind "report" does not belong in an import/);
	});

	it('lets an imported row go without a quote, a service area or an end year, but not without its file', () => {
		const sources = clean();
		const file = { id: 'imported-file', title: 'survey.xlsx', publisher: '', year: '', kind: 'imported_file', url: '', file: '' };
		sources.sources = Object.assign([file], { columns: Object.keys(file) });
		sources.surveyTables = Object.assign([], { columns: sources.surveyTables.columns });
		sources.activities = [
			{ ...firstReportRow(sources), source_kind: 'imported', source_id: 'imported-file', source_quote: '', service_areas: '', status: 'ended', end_year: '' }
		];
		expect(validate(sources, { origin: 'import' })).toEqual([]);
		file.title = '';
		expect(validate(sources, { origin: 'import' })).toEqual([
			expect.stringMatching(/no title/),
			expect.stringMatching(/imported row without the file it came from/)
		]);
	});
});
