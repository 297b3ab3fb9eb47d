import type { Slide } from '../../src/lib/state/slides';

/** The four slides the SOLACE workshop presenter made (issue 13), with captions and notes. */
export const WORKSHOP_DECK: Slide[] = [
	{
		title: 'Scotland overview',
		query: '',
		caption: 'Every council works with others: shading counts the activities each takes part in.',
		notes: 'Start with the whole country. National schemes are left out of the shading.'
	},
	{
		title: 'Education collaboratives',
		query: 'area=education_learning',
		caption: 'Education and learning: the regional improvement collaboratives and other joint work.',
		notes: 'Ask the room which collaborative they belong to.'
	},
	{
		title: 'The Ayrshire cluster',
		query: 'council=S12000008&council=S12000021&council=S12000028&map=-4.500%2C55.450%2C8.00',
		caption: 'East, North and South Ayrshire: what the three councils share.',
		notes: 'Ayrshire Roads Alliance is the example people know.'
	},
	{
		title: 'Fife’s opportunities',
		query: 'insight=opportunities&opp=S12000047&map=-3.900%2C56.350%2C7.20',
		caption: 'Activities next door that Fife could join.',
		notes: 'The finder only offers arrangements that are open to new members.'
	}
];
