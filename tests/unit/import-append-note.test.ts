import { expect, it } from 'vitest';
import { appendNote } from '../../src/lib/import/append-note';

it('says what adding a file did: how many, the total, and rows kept apart or left out', () => {
	expect(appendNote('Embedded data', 'returns.csv', 173, { added: 12, alreadyThere: [], renamed: 0 })).toBe(
		'Added 12 activities from returns.csv to Embedded data: 173 activities in all.'
	);
	expect(appendNote('Embedded data', 'one.csv', 162, { added: 1, alreadyThere: ['Ayrshire Roads Alliance'], renamed: 1 })).toBe(
		'Added 1 activity from one.csv to Embedded data: 162 activities in all. One has the same name as an activity already shown, with other councils, and is kept as a separate activity. One row was already there (the same name and councils) and not added again: “Ayrshire Roads Alliance”.'
	);
	expect(appendNote('a.csv', 'b.csv', 10, { added: 5, alreadyThere: ['A', 'B', 'C', 'D'], renamed: 2 })).toBe(
		'Added 5 activities from b.csv to a.csv: 10 activities in all. 2 have the same name as an activity already shown, with other councils, and are kept as separate activities. 4 rows were already there (the same name and councils) and not added again: “A”, “B”, “C” and 1 more.'
	);
});
