/**
 * Who can join an arrangement: the rule behind the opportunity finder, documented in
 * data/README.md ("Membership"). A body whose members are set by law, by a statutory order or
 * by the area it serves (a regional transport partnership, an education improvement
 * collaborative, a valuation or other joint board, an integration joint board, a city region or
 * growth deal, a police or fire board, a resilience partnership, a planning authority, a pension
 * fund) has *fixed* membership: another council cannot join it, however close it is. Anything
 * else is *open*: councils join it by agreement.
 *
 * Derived rather than stored, so that it follows the fields it reads (an activity's delivery
 * mechanism, its name and summary, and the kind of source it cites) and is never a second
 * judgement to keep in step with them.
 */

export type Membership = 'fixed' | 'open';

/** What the rule reads from an activity. */
export interface MembershipFields {
	name: string;
	summary?: string | null;
	delivery_mechanism?: string | null;
	/** The cited source's kind (`sources.kind`): 'legislation' for an Act, order or regulations. */
	source_type?: string | null;
}

export interface MembershipAnswer {
	membership: Membership;
	/** For fixed bodies, which kind of body it is ("Regional transport partnership"); undefined for open ones. */
	kind?: string;
	/** Why, in words a reader can check against the activity. */
	because: string;
}

/**
 * Fixed-membership kinds, the first that matches wins; each is tested against the delivery
 * mechanism, then the name. A summary is read only for kinds whose name may not say it (the education collaboratives are
 * called "Northern Alliance", "West Partnership"), since summaries also mention bodies an activity
 * merely works with (a regional economic partnership "supports the Ayrshire Growth Deal").
 * Specific kinds come before the general "joint board" and "statutory".
 */
const FIXED_KINDS: { kind: string; pattern: RegExp; why: string; summary?: boolean }[] = [
	{ kind: 'Integration joint board', pattern: /integrat(ion|ed) joint board|\blead agency\b/i, why: 'set up for one health board and council area under the Public Bodies (Joint Working) (Scotland) Act 2014' },
	{ kind: 'Regional transport partnership', pattern: /regional transport partnership/i, why: 'its members are set by statutory order' },
	{ kind: 'Regional improvement collaborative', pattern: /regional improvement collaborative|regional education collaborative/i, why: 'each council belongs to exactly one', summary: true },
	{ kind: 'City region or growth deal', pattern: /cit(y|ies)[- ]region deal|city deal|growth deal/i, why: 'a deal signed by named councils with the UK and Scottish governments' },
	{ kind: 'Valuation joint board', pattern: /valuation joint board/i, why: 'its members are set by the Valuation Joint Boards (Scotland) Order 1995' },
	{ kind: 'Police or fire board', pattern: /police (joint )?board|fire (services? )?board|combined fire services|police board/i, why: 'its members were set by the amalgamation scheme for its area' },
	{ kind: 'Resilience partnership', pattern: /resilience partnership|co-ordinating group|civil contingencies regulations/i, why: 'its members are set by the Civil Contingencies regulations' },
	{ kind: 'Strategic development planning authority', pattern: /development planning authority|development plan area/i, why: 'its members were designated by the Scottish Ministers' },
	{ kind: 'Flood risk local plan district', pattern: /local plan district/i, why: 'its area is set under the Flood Risk Management (Scotland) Act 2009' },
	{ kind: 'Pension fund', pattern: /pension fund|\bLGPS\b/i, why: 'its administering authority and employers are set by the Local Government Pension Scheme regulations' },
	{ kind: 'Community justice authority', pattern: /community justice authority/i, why: 'its members were set by statutory order' },
	{ kind: 'Area partnership', pattern: /alcohol and drugs? partnership|public protection|chief officers/i, why: 'it serves a fixed council area' },
	{ kind: 'Statutory joint board', pattern: /\bjoint board\b/i, why: 'a joint board is constituted by statute for named councils' },
	// "Partnership (non-statutory)" says the opposite.
	{ kind: 'Statutory body', pattern: /(?<!non-)\bstatutory\b/i, why: 'its delivery mechanism says it is statutory' }
];

/** Membership of one activity, with the reason: one definition for the finder, its tests and the README. */
export function membershipOf(activity: MembershipFields): MembershipAnswer {
	const fields: [string, string | null | undefined][] = [
		['delivery mechanism', activity.delivery_mechanism],
		['name', activity.name],
		['summary', activity.summary]
	];
	for (const { kind, pattern, why, summary } of FIXED_KINDS)
		for (const [field, text] of fields) {
			if (!text || (field === 'summary' && !summary)) continue;
			// Only the delivery mechanism says what the body itself is; a name can say "statutory" of a duty.
			if (kind === 'Statutory body' && field !== 'delivery mechanism') continue;
			if (pattern.test(text)) return { membership: 'fixed', kind, because: `${kind.toLowerCase()} (from its ${field}): ${why}` };
		}
	if (activity.source_type === 'legislation')
		return { membership: 'fixed', kind: 'Body set up by legislation', because: 'set up by legislation: its cited source is an Act, order or regulations' };
	const mechanism = activity.delivery_mechanism?.trim();
	return {
		membership: 'open',
		because: mechanism
			? `councils join by agreement (delivery mechanism “${mechanism}”; nothing fixes its membership)`
			: 'councils join by agreement (no statutory or area-fixed membership is recorded)'
	};
}

/** An activity has ended: its status says so, or it has an end year. Ended ones are never offered. */
export function hasEnded(activity: { status: string; end_year?: number | null }): boolean {
	return activity.status === 'ended' || (activity.end_year !== null && activity.end_year !== undefined);
}
