import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { csvParse } from 'd3-dsv';
import { deriveReach, PARTNER_TYPES, STATUSES } from '../../src/lib/data/model';
import {
	generateSynthetic,
	syntheticFromParams,
	syntheticId,
	syntheticRows,
	type SyntheticReference
} from '../../src/lib/data/synthetic';

const read = (file: string) => csvParse(fs.readFileSync(`data/${file}`, 'utf8'));
// The real reference tables; borders come from the build (static/data), as the app reads them.
const neighbourFile = 'static/data/council_neighbours.csv';
const reference: SyntheticReference = {
	councils: read('councils.csv').map((c) => ({ code: c.code!, region: c.region! })),
	neighbours: fs.existsSync(neighbourFile)
		? csvParse(fs.readFileSync(neighbourFile, 'utf8')).map((r) => ({ council_code: r.council_code!, neighbour_code: r.neighbour_code! }))
		: [],
	serviceAreas: read('service_areas.csv').map((a) => ({ id: a.id!, short_label: a.short_label! })),
	types: read('collaborative_types.csv').map((t) => ({ id: t.id! }))
};

describe('the synthetic generator', () => {
	it('is deterministic: the same seed gives the same dataset, another seed another', () => {
		const a = generateSynthetic(reference, 2000, 7);
		const b = generateSynthetic(reference, 2000, 7);
		const c = generateSynthetic(reference, 2000, 8);
		expect(syntheticRows(a)).toEqual(syntheticRows(b));
		expect(syntheticRows(c).activities).not.toEqual(syntheticRows(a).activities);
	});

	it('is prefix-stable: activity i is the same whatever the size', () => {
		const small = syntheticRows(generateSynthetic(reference, 300, 3));
		const large = syntheticRows(generateSynthetic(reference, 3000, 3));
		expect(large.activities.slice(0, 300)).toEqual(small.activities);
		const firstIds = new Set(small.activities.map((a) => a.id));
		expect(large.activity_councils.filter((r) => firstIds.has(r.activity_id as string))).toEqual(small.activity_councils);
	});

	it('rejects sizes it cannot make', () => {
		expect(() => generateSynthetic(reference, -1, 1)).toThrow();
		expect(() => generateSynthetic(reference, 1.5, 1)).toThrow();
	});

	it('reads its size and seed from the URL, and only when asked', () => {
		expect(syntheticFromParams(new URLSearchParams('synthetic=100000&seed=4'))).toEqual({ activities: 100000, seed: 4 });
		expect(syntheticFromParams(new URLSearchParams('synthetic=5000'))).toEqual({ activities: 5000, seed: 1 });
		expect(syntheticFromParams(new URLSearchParams('area=roads'))).toBeUndefined();
		expect(syntheticFromParams(new URLSearchParams('synthetic=lots'))).toBeUndefined();
	});

	describe('makes plausible data', () => {
		const size = 20_000;
		const ds = generateSynthetic(reference, size, 1);
		const rows = syntheticRows(ds);
		const councilsOf = new Map<string, string[]>();
		for (const r of rows.activity_councils) councilsOf.set(r.activity_id as string, [...(councilsOf.get(r.activity_id as string) ?? []), r.council_code as string]);

		it('uses only the real councils, service areas, types, statuses and partner types', () => {
			const codes = new Set(reference.councils.map((c) => c.code));
			expect(rows.activity_councils.every((r) => codes.has(r.council_code as string))).toBe(true);
			const areas = new Set(reference.serviceAreas.map((a) => a.id));
			expect(rows.activity_service_areas.every((r) => areas.has(r.service_area_id as string))).toBe(true);
			const types = new Set(['', ...reference.types.map((t) => t.id)]);
			expect(rows.activities.every((a) => types.has(a.collaborative_type as string))).toBe(true);
			expect(rows.activities.every((a) => (STATUSES as readonly string[]).includes(a.status as string))).toBe(true);
			expect(rows.activity_partners.every((p) => (PARTNER_TYPES as readonly string[]).includes(p.partner_type as string))).toBe(true);
			expect(new Set(rows.activities.map((a) => a.id)).size).toBe(size);
			expect(rows.activities[0].id).toBe(syntheticId(0));
		});

		it('keeps each activity consistent: counts, reach, lead, distinct members and areas, years in order', () => {
			for (const activity of rows.activities) {
				const members = councilsOf.get(activity.id as string) ?? [];
				expect(members.length).toBe(activity.council_count);
				expect(new Set(members).size).toBe(members.length);
				expect(activity.reach).toBe(deriveReach(members.length));
				if (activity.lead_council_code) expect(members).toContain(activity.lead_council_code);
				if (activity.start_year !== '') expect(Number(activity.reported_year)).toBeGreaterThanOrEqual(Number(activity.start_year));
			}
			const areaPairs = rows.activity_service_areas.map((r) => `${r.activity_id}/${r.service_area_id}`);
			expect(new Set(areaPairs).size).toBe(areaPairs.length);
			expect(new Set(rows.activity_service_areas.map((r) => r.activity_id)).size).toBe(size);
		});

		it('has mostly 1–4 councils per activity and few national ones', () => {
			const reach = (r: string) => rows.activities.filter((a) => a.reach === r).length / size;
			expect(reach('single') + reach('cluster')).toBeGreaterThan(0.6);
			expect(reach('national')).toBeGreaterThan(0.01);
			expect(reach('national')).toBeLessThan(0.1);
			expect(reach('regional')).toBeGreaterThan(0.1);
		});

		it('skews service areas Zipf-like: the top area is several times the median', () => {
			const counts = new Map<string, number>();
			for (const r of rows.activity_service_areas) counts.set(r.service_area_id as string, (counts.get(r.service_area_id as string) ?? 0) + 1);
			const sorted = [...counts.values()].sort((a, b) => b - a);
			expect(sorted[0]).toBeGreaterThan(4 * sorted[Math.floor(sorted.length / 2)]);
		});

		it('favours neighbours within clusters', () => {
			if (!reference.neighbours.length) return; // needs the built borders
			const adjacent = new Set(reference.neighbours.map((n) => `${n.council_code}/${n.neighbour_code}`));
			let pairs = 0;
			let neighbouring = 0;
			for (const activity of rows.activities.filter((a) => a.reach === 'cluster')) {
				const members = councilsOf.get(activity.id as string)!;
				for (let i = 0; i < members.length; i++)
					for (let j = i + 1; j < members.length; j++) {
						pairs++;
						if (adjacent.has(`${members[i]}/${members[j]}`)) neighbouring++;
					}
			}
			// Random pairs of the 32 councils border each other about 12% of the time.
			expect(neighbouring / pairs).toBeGreaterThan(0.5);
		});
	});
});
