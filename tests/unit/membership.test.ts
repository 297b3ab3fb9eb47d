import { describe, expect, it } from 'vitest';
import { hasEnded, membershipOf } from '../../src/lib/data/membership';
import { comparableArrangements, splitByMembership, whyOffered } from '../../src/lib/data/insight';

const fixed = (fields: Parameters<typeof membershipOf>[0]) => membershipOf(fields);

describe('membership rule', () => {
	it('treats bodies set by law or by their area as fixed, naming the kind and why', () => {
		const cases: [Parameters<typeof membershipOf>[0], string][] = [
			[{ name: 'Tactran', delivery_mechanism: 'Regional Transport Partnership (statutory body corporate)' }, 'Regional transport partnership'],
			[{ name: 'Northern Alliance', summary: 'One of the six Regional Improvement Collaboratives for education' }, 'Regional improvement collaborative'],
			[{ name: 'Ayrshire Valuation Joint Board', delivery_mechanism: 'Joint board' }, 'Valuation joint board'],
			[{ name: 'Tay Road Bridge Joint Board', delivery_mechanism: 'Joint board' }, 'Statutory joint board'],
			[{ name: 'Fife IJB', delivery_mechanism: 'Integration joint board' }, 'Integration joint board'],
			[{ name: 'Tay Cities Region Deal' }, 'City region or growth deal'],
			[{ name: 'Moray Growth Deal' }, 'City region or growth deal'],
			[{ name: 'Strathclyde Joint Police Board' }, 'Police or fire board'],
			[{ name: 'West RRP', delivery_mechanism: 'Statutory partnership (Civil Contingencies regulations)' }, 'Resilience partnership'],
			[{ name: 'TAYplan', delivery_mechanism: 'Strategic development planning authority (designated group of planning authorities)' }, 'Strategic development planning authority'],
			[{ name: 'Strathclyde Pension Fund', delivery_mechanism: 'Lead authority (LGPS administering authority)' }, 'Pension fund'],
			[{ name: 'A Roads Order body', source_type: 'legislation' }, 'Body set up by legislation']
		];
		for (const [fields, kind] of cases) {
			const answer = fixed(fields);
			expect([fields.name, answer.membership, answer.kind]).toEqual([fields.name, 'fixed', kind]);
			expect(answer.because.length).toBeGreaterThan(20);
		}
	});

	it('treats arrangements joined by agreement as open, saying so', () => {
		for (const fields of [
			{ name: 'Ayrshire Roads Alliance', delivery_mechanism: 'Joint Committee' },
			{ name: 'Zero Waste', delivery_mechanism: 'Partnership (non-statutory)' },
			{ name: 'Clyde Valley Residual Waste Project', delivery_mechanism: 'Lead authority' },
			// A summary that mentions a deal does not make a partnership a deal.
			{ name: 'Ayrshire Regional Economic Partnership', summary: 'It oversees the Ayrshire Growth Deal.', delivery_mechanism: 'Partnership (non-statutory)' },
			{ name: 'Shared roads service' }
		]) {
			const answer = membershipOf(fields);
			expect([fields.name, answer.membership, answer.kind]).toEqual([fields.name, 'open', undefined]);
			expect(answer.because).toMatch(/join by agreement/);
		}
	});

	it('knows an ended arrangement by its status or its end year', () => {
		expect(hasEnded({ status: 'ended' })).toBe(true);
		expect(hasEnded({ status: 'operational', end_year: 2017 })).toBe(true);
		expect(hasEnded({ status: 'operational', end_year: null })).toBe(false);
		expect(hasEnded({ status: 'developing' })).toBe(false);
	});
});

describe('the finder’s split', () => {
	type Row = { activity_name: string; summary: string | null; delivery_mechanism: string | null; source_type: string | null; status: string; end_year: number | null };
	const row = (activity_name: string, patch: Partial<Row> = {}): Row => ({
		activity_name,
		summary: null,
		delivery_mechanism: null,
		source_type: 'report',
		status: 'operational',
		end_year: null,
		...patch
	});
	it('offers only joinable, non-ended arrangements and keeps fixed bodies apart', () => {
		const { joinable, fixed } = splitByMembership([
			row('Shared roads'),
			row('Ended lead authority model', { delivery_mechanism: 'Lead authority', status: 'ended' }),
			row('Tactran', { delivery_mechanism: 'Regional Transport Partnership (statutory body corporate)' }),
			row('Old board', { delivery_mechanism: 'Joint board', end_year: 2013 })
		]);
		expect(joinable.map((r) => r.activity_name)).toEqual(['Shared roads']);
		expect(fixed.map((r) => r.activity_name)).toEqual(['Tactran']);
	});

	it('groups comparable bodies by kind beside the chosen council’s own, and says why each suggestion was offered', () => {
		const rtp = { delivery_mechanism: 'Regional Transport Partnership (statutory body corporate)' };
		const groups = comparableArrangements(
			[
				{ ...row('Tactran', rtp), activity_id: 't', name: 'Perth and Kinross' },
				{ ...row('Tactran', rtp), activity_id: 't', name: 'Angus' }
			] as never,
			[row('SEStran', rtp), row('Fife roads', {})]
		);
		expect(groups.map((g) => [g.kind, g.arrangements.map((a) => [a.activity_name, a.councils]), g.own])).toEqual([
			['Regional transport partnership', [['Tactran', ['Angus', 'Perth and Kinross']]], ['SEStran']]
		]);
		const why = whyOffered(
			{ name: 'Perth and Kinross', isNeighbour: true, sameRegion: false },
			{ status: 'operational', joinable_because: 'councils join by agreement (delivery mechanism “Joint committee”; nothing fixes its membership)' },
			'Fife',
			'Transport & highways'
		);
		expect(why).toBe(
			'Offered because Perth and Kinross borders Fife and takes part in it (in Transport & highways), Fife does not, it is operational, not ended, and councils join by agreement (delivery mechanism “Joint committee”; nothing fixes its membership).'
		);
	});
});
