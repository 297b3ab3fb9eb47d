/**
 * The imported dataset kept in this browser's IndexedDB, so it is still showing after a reload
 * until the user returns to the embedded data. Nothing leaves the browser.
 */
import { TABLE_NAMES, type DatasetFiles } from '$lib/data/schema';

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

/** Why a stored value is not a complete import this version wrote, or undefined if it is one. */
function problemWith(value: unknown): string | undefined {
	if (!value || typeof value !== 'object') return 'the saved record is not a dataset';
	const record = value as { version?: unknown; files?: Record<string, unknown>; source?: Partial<ImportedSource> };
	if (record.version !== VERSION) return 'it was saved by another version of the Atlas';
	const missing = TABLE_NAMES.filter((table) => typeof record.files?.[table] !== 'string');
	if (missing.length) return `the saved record lacks ${missing.join(', ')}`;
	const source = record.source;
	if (
		source?.kind !== 'imported' ||
		typeof source.fileName !== 'string' ||
		typeof source.activities !== 'number' ||
		typeof source.importedAt !== 'string' ||
		(source.added !== undefined && typeof source.added !== 'number')
	)
		return 'the saved record does not say which file it came from';
	return undefined;
}

/** A dataset is stored, but cannot be used: the user must be told, not shown the embedded data in silence. */
export class StoredImportError extends Error {}

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
	const problem = problemWith(value);
	if (problem) throw new StoredImportError(problem);
	const record = value as StoredImport;
	return { files: record.files, source: record.source };
}

export async function clearImport(): Promise<void> {
	await withStore('readwrite', (store) => store.delete(KEY));
}
