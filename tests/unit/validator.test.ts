import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadSources, validate } from '../../scripts/lib/dataset.mjs';

const clean = () => loadSources(path.resolve('data'), path.resolve('../shared/seeds'));
type Sources = ReturnType<typeof clean>;
const firstSeedRow = (sources: Sources) => sources.activities.find((a) => a.source_kind === 'seed')!;

describe('data:check rules', () => {
	it('passes the committed dataset', () => {
		expect(validate(clean())).toEqual([]);
	});

	it('rejects an unknown council, with a suggestion', () => {
		const sources = clean();
		firstSeedRow(sources).councils = 'Western Isles';
		expect(validate(sources).join('\n')).toMatch(/unknown council "Western Isles" \(did you mean "Na h-Eileanan Siar"\?\)/);
	});

	it('rejects an unknown category', () => {
		const sources = clean();
		firstSeedRow(sources).service_areas = 'space_travel';
		expect(validate(sources).join('\n')).toMatch(/unknown service area "space_travel"/);
	});

	it('rejects a missing source', () => {
		const sources = clean();
		firstSeedRow(sources).source_file = '';
		expect(validate(sources).join('\n')).toMatch(/missing source_file/);
	});

	it('rejects a quote that is not verbatim in its seed', () => {
		const sources = clean();
		const row = firstSeedRow(sources);
		row.source_quote = row.source_quote.replace(/\w+/, 'Fabricated');
		expect(validate(sources).join('\n')).toMatch(/source_quote not found verbatim/);
	});

	it('rejects a duplicate id', () => {
		const sources = clean();
		sources.activities.push({ ...sources.activities[0], __line: 999 });
		expect(validate(sources).join('\n')).toMatch(/duplicate id/);
	});

	it('rejects a public-record row that names no instrument', () => {
		const sources = clean();
		const row = sources.activities.find((a) => a.source_kind === 'public_record')!;
		row.public_record_source = '';
		expect(validate(sources).join('\n')).toMatch(/public record row without public_record_source/);
	});

	it('keeps imported rows out of data/, and everything but imported rows out of an import', () => {
		const sources = clean();
		const row = firstSeedRow(sources);
		row.source_kind = 'imported';
		expect(validate(sources).join('\n')).toMatch(/source_kind "imported" does not belong in data\//);
		expect(validate(clean(), { origin: 'import' }).join('\n')).toMatch(/source_kind "seed" does not belong in an import/);
	});

	it('lets an imported row go without a seed quote or a service area, but not without its file', () => {
		const sources = clean();
		sources.activities = [{ ...firstSeedRow(sources), source_kind: 'imported', source_quote: '', service_areas: '', source_file: 'survey.xlsx' }];
		expect(validate(sources, { origin: 'import' })).toEqual([]);
		sources.activities[0].source_file = '';
		expect(validate(sources, { origin: 'import' })).toEqual([expect.stringMatching(/imported row without the file it came from/)]);
	});
});
