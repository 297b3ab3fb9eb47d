/**
 * "Add to the current data": an imported dataset joined onto the one the page shows (the embedded
 * data or an earlier import), as one complete dataset that replaces it the same all-or-nothing
 * way an import does. Runs in the import worker, and in Node for the tests.
 */
import { csvFormatRows, csvParseRows } from 'd3-dsv';
import { IMPORTED_FILE_KIND, IMPORTED_SOURCE_ID, nameKey } from '$lib/data/model';
import { TABLES, type DatasetFiles, type TableName } from '$lib/data/schema';

/** Why the rows cannot be added, worded for the person adding them. */
export class AppendError extends Error {}

export interface AppendOutcome {
	files: DatasetFiles;
	/** Activities in the joined dataset. */
	total: number;
	/** Activities the import added. */
	added: number;
	/** Imported activities left out because the data shown already has them: same name, same councils. */
	alreadyThere: string[];
	/** Imported activities whose id the data shown already used, given a new one. */
	renamed: number;
}

/** The tables that hold one row per activity, or rows that belong to one. */
const PER_ACTIVITY = ['activities', 'activity_councils', 'activity_partners', 'activity_service_areas'] as const;

interface Table {
	header: string[];
	rows: string[][];
}

/** A table's CSV text as rows, refused unless its columns are the declared ones in order. */
function readTable(table: TableName, text: string, which: string): Table {
	const [header = [], ...rows] = csvParseRows(text);
	const expected = Object.keys(TABLES[table]);
	if (header.join(',') !== expected.join(','))
		throw new AppendError(`The ${which} dataset’s ${table} table does not have the expected columns, so the two cannot be joined.`);
	// A trailing line break can leave one empty row behind.
	return { header, rows: rows.filter((row) => row.length > 1 || row[0] !== '') };
}

const column = (table: TableName, name: string) => Object.keys(TABLES[table]).indexOf(name);

/** Each activity's name and set of councils: the same arrangement, whatever its id. */
function identities(activities: Table, councils: Table): Map<string, string> {
	const members = new Map<string, string[]>();
	const [activityId, councilCode] = [column('activity_councils', 'activity_id'), column('activity_councils', 'council_code')];
	for (const row of councils.rows) {
		const list = members.get(row[activityId]);
		if (list) list.push(row[councilCode]);
		else members.set(row[activityId], [row[councilCode]]);
	}
	const [id, name] = [column('activities', 'id'), column('activities', 'name')];
	return new Map(activities.rows.map((row) => [row[id], `${nameKey(row[name])}|${(members.get(row[id]) ?? []).sort().join(';')}`]));
}

/** An id not yet taken: `base`, else `base-2`, `base-3`… */
function unused(base: string, taken: Set<string>): string {
	if (!taken.has(base)) return base;
	let n = 2;
	while (taken.has(`${base}-${n}`)) n++;
	return `${base}-${n}`;
}

const withNewline = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

/**
 * The data shown with the imported activities added. An imported activity the data already has
 * (same name, same councils) is left out, not doubled; one whose id is taken gets a new id; the
 * imported file becomes a source of its own beside any earlier imported file.
 */
export function appendDataset(current: DatasetFiles, imported: DatasetFiles): AppendOutcome {
	const base = Object.fromEntries(PER_ACTIVITY.map((t) => [t, readTable(t, current[t], 'current')])) as Record<(typeof PER_ACTIVITY)[number], Table>;
	const incoming = Object.fromEntries(PER_ACTIVITY.map((t) => [t, readTable(t, imported[t], 'imported')])) as Record<(typeof PER_ACTIVITY)[number], Table>;

	const known = new Set(identities(base.activities, base.activity_councils).values());
	const incomingIdentity = identities(incoming.activities, incoming.activity_councils);
	const [idAt, nameAt, sourceAt] = [column('activities', 'id'), column('activities', 'name'), column('activities', 'source_id')];
	const taken = new Set(base.activities.rows.map((row) => row[idAt]));

	// The imported file's source: renamed if the data shown already cites an imported file under that id.
	const baseSources = readTable('sources', current.sources, 'current');
	const sourceIds = new Set(baseSources.rows.map((row) => row[0]));
	const importedSources = readTable('sources', imported.sources, 'imported').rows.filter((row) => row[column('sources', 'kind')] === IMPORTED_FILE_KIND);
	const sourceId = unused(IMPORTED_SOURCE_ID, sourceIds);
	const newSources = importedSources.map((row) => [sourceId, ...row.slice(1)]);

	const ids = new Map<string, string>();
	const alreadyThere: string[] = [];
	let renamed = 0;
	const activities: string[][] = [];
	for (const row of incoming.activities.rows) {
		const id = row[idAt];
		if (known.has(incomingIdentity.get(id) ?? '')) {
			alreadyThere.push(row[nameAt]);
			continue;
		}
		const newId = unused(id, taken);
		if (newId !== id) renamed++;
		taken.add(newId);
		ids.set(id, newId);
		const copy = [...row];
		copy[idAt] = newId;
		if (copy[sourceAt] === IMPORTED_SOURCE_ID) copy[sourceAt] = sourceId;
		activities.push(copy);
	}
	if (!activities.length)
		throw new AppendError(
			`Every row is already in the data shown (the same activity name and councils), so there is nothing to add. Choose “Replace” to show only the file’s rows.`
		);

	const links = (table: (typeof PER_ACTIVITY)[number]) =>
		incoming[table].rows.flatMap((row) => {
			const id = ids.get(row[0]);
			return id === undefined ? [] : [[id, ...row.slice(1)]];
		});
	const appended = (table: TableName, rows: string[][]) => (rows.length ? withNewline(current[table]) + csvFormatRows(rows) + '\n' : current[table]);

	return {
		files: {
			...current,
			activities: appended('activities', activities),
			activity_councils: appended('activity_councils', links('activity_councils')),
			activity_partners: appended('activity_partners', links('activity_partners')),
			activity_service_areas: appended('activity_service_areas', links('activity_service_areas')),
			sources: appended('sources', newSources)
		},
		total: base.activities.rows.length + activities.length,
		added: activities.length,
		alreadyThere,
		renamed
	};
}
