/**
 * The imported dataset kept in this browser's IndexedDB, so it is still showing after a reload
 * until the user returns to the embedded data. Nothing leaves the browser.
 */
import { TABLE_NAMES, type DatasetFiles } from '$lib/data/schema';
import { activityCount } from '../counts';

const DB_NAME = 'council-collaboration-atlas';
const STORE = 'datasets';
const KEY = 'import';
/**
 * Bumped when the stored shape changes (2: a sources table, end years and source ids); an older
 * record is then refused with a reason rather than misread.
 */
const VERSION = 2;

export interface ImportedSource {
	kind: 'imported';
	/** The file's name; for rows added to other data, both named: "Embedded data + returns.csv". */
	fileName: string;
	activities: number;
	importedAt: string;
	/** Set when the file's rows were added to the data then shown: how many it added. */
	added?: number;
}

export interface StoredImport {
	files: DatasetFiles;
	source: ImportedSource;
}

function open(): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		if (typeof indexedDB === 'undefined') return reject(new Error('This browser has no IndexedDB'));
		const request = indexedDB.open(DB_NAME, 1);
		request.onupgradeneeded = () => request.result.createObjectStore(STORE);
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
		request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
	});
}

async function withStore<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
	const db = await open();
	try {
		return await new Promise<T>((resolve, reject) => {
			const transaction = db.transaction(STORE, mode);
			const request = run(transaction.objectStore(STORE));
			// Resolve on the transaction, not the request: only then is a write durable.
			transaction.oncomplete = () => resolve(request.result);
			transaction.onerror = () => reject(transaction.error ?? request.error ?? new Error('IndexedDB request failed'));
			transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
		});
	} finally {
		db.close();
	}
}

/**
 * Data records in CSV text (quoted fields may hold line breaks), header included. Scans with
 * indexOf rather than a parser: a stored import can run to 200,000 rows and this runs at start-up.
 */
export function csvRecordCount(text: string): number {
	let records = 0;
	let at = 0;
	let quote = text.indexOf('"');
	while (at < text.length) {
		const newline = text.indexOf('\n', at);
		if (quote !== -1 && quote < at) quote = text.indexOf('"', at);
		if (quote !== -1 && (newline === -1 || quote < newline)) {
			// Skip to the quote that closes the field ("" inside it is an escaped quote).
			let close = text.indexOf('"', quote + 1);
			while (close !== -1 && text[close + 1] === '"') close = text.indexOf('"', close + 2);
			if (close === -1) return records + 1;
			at = close + 1;
			quote = text.indexOf('"', at);
			continue;
		}
		records++;
		if (newline === -1) break;
		at = newline + 1;
	}
	return records;
}

/** Why a stored value is not a complete import this version wrote, or undefined if it is one. */
export function storedImportProblem(value: unknown): string | undefined {
	if (value === null) return 'the saved record is empty';
	if (typeof value !== 'object') return `the saved record is ${typeof value === 'string' ? 'text' : `a ${typeof value}`}, not a dataset`;
	const record = value as { version?: unknown; files?: Record<string, unknown>; source?: Partial<ImportedSource> };
	if (record.version !== VERSION) return 'it was saved by another version of the Atlas';
	if (!record.files || typeof record.files !== 'object') return 'the saved record holds no tables';
	const missing = TABLE_NAMES.filter((table) => record.files?.[table] === undefined);
	if (missing.length) return `the saved record lacks the ${missing.join(', ')} ${missing.length === 1 ? 'table' : 'tables'}`;
	const notText = TABLE_NAMES.filter((table) => typeof record.files?.[table] !== 'string');
	if (notText.length) return `the saved ${notText.join(', ')} ${notText.length === 1 ? 'table is' : 'tables are'} not text`;
	const source = record.source;
	if (
		source?.kind !== 'imported' ||
		typeof source.fileName !== 'string' ||
		typeof source.activities !== 'number' ||
		typeof source.importedAt !== 'string' ||
		(source.added !== undefined && typeof source.added !== 'number')
	)
		return 'the saved record does not say which file it came from';
	// A record cut short would otherwise show fewer activities under a badge giving the full count.
	// (Fewer only: an import added to other data may hold more rows than its file.)
	const rows = Math.max(0, csvRecordCount(record.files.activities as string) - 1);
	if (rows < source.activities) return `its activities table holds ${activityCount(rows)}, not the ${activityCount(source.activities)} it was saved with`;
	return undefined;
}

/** A dataset is stored, but cannot be used: the user must be told, not shown the embedded data in silence. */
export class StoredImportError extends Error {}

const isQuotaError = (error: unknown) => error instanceof DOMException && (error.name === 'QuotaExceededError' || error.code === 22);

/** What the user is told when an import shows but could not be stored: which file, and what a reload will show. */
export function notStoredMessage(source: ImportedSource, error: unknown): string {
	const why = isQuotaError(error) ? 'this browser’s storage is full' : 'this browser would not store it';
	return `${source.fileName} (${activityCount(source.activities)}) is showing but was not saved in this browser: ${why}. After a reload it will be gone, and whatever was saved before shows instead; import the file again to see it.`;
}

export async function saveImport(stored: StoredImport): Promise<void> {
	const record = { version: VERSION, files: stored.files, source: stored.source };
	await withStore('readwrite', (store) => store.put(record, KEY));
}

/**
 * The stored import, or undefined when there is none or IndexedDB is unavailable. A stored record
 * that cannot be used throws a StoredImportError saying why.
 */
export async function loadImport(): Promise<StoredImport | undefined> {
	let value: unknown;
	try {
		value = await withStore('readonly', (store) => store.get(KEY));
	} catch {
		return undefined;
	}
	if (value === undefined) return undefined;
	const problem = storedImportProblem(value);
	if (problem) throw new StoredImportError(problem);
	const record = value as StoredImport;
	return { files: record.files, source: record.source };
}

/** The stored record's file, size and date if it says them, e.g. “survey.csv” (6 activities, imported 30 Nov 2026): to name what a notice is about. */
export async function describeStoredImport(): Promise<string | undefined> {
	let value: unknown;
	try {
		value = await withStore('readonly', (store) => store.get(KEY));
	} catch {
		return undefined;
	}
	const source = (value as { source?: Partial<ImportedSource> } | null)?.source;
	if (typeof source?.fileName !== 'string') return undefined;
	const parts = [typeof source.activities === 'number' ? activityCount(source.activities) : undefined];
	const when = typeof source.importedAt === 'string' ? new Date(source.importedAt) : undefined;
	if (when && !Number.isNaN(when.getTime())) parts.push(`imported ${when.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' })}`);
	const detail = parts.filter(Boolean).join(', ');
	return `“${source.fileName}”${detail ? ` (${detail})` : ''}`;
}

/** Deletes the stored import: only when the user returns to the embedded data or discards a record that will not load. */
export async function clearImport(): Promise<void> {
	await withStore('readwrite', (store) => store.delete(KEY));
}
