import type { AppendSummary } from './protocol';

/** What adding a file to the data shown did, in the words the page shows and announces after it. */
export function appendNote(label: string, fileName: string, total: number, { added, alreadyThere, renamed }: AppendSummary): string {
	const activities = (n: number) => `${n} ${n === 1 ? 'activity' : 'activities'}`;
	let note = `Added ${activities(added)} from ${fileName} to ${label}: ${activities(total)} in all.`;
	// An id clash means the same name with other councils: a different arrangement, kept apart under a new id.
	if (renamed)
		note += ` ${renamed === 1 ? 'One has' : `${renamed} have`} the same name as an activity already shown, with other councils, and ${renamed === 1 ? 'is kept as a separate activity' : 'are kept as separate activities'}.`;
	if (alreadyThere.length) {
		const named = alreadyThere.slice(0, 3).map((name) => `“${name}”`).join(', ');
		note += ` ${alreadyThere.length === 1 ? 'One row was' : `${alreadyThere.length} rows were`} already there (the same name and councils) and not added again: ${named}${alreadyThere.length > 3 ? ` and ${alreadyThere.length - 3} more` : ''}.`;
	}
	return note;
}
