/**
 * The imported dataset kept in this browser's IndexedDB, so it is still showing after a reload
 * until the user returns to the embedded data. Nothing leaves the browser.
 */
import { TABLE_NAMES, type DatasetFiles } from '$lib/data/schema';

const DB_NAME = 'council-collaboration-atlas';
const STORE = 'datasets';
const KEY = 'import';
/** Bumped if the stored shape changes; an older record is then ignored rather than misread. */
const VERSION = 1;

export interface ImportedSource {
	kind: 'imported';
	fileName: string;
	activities: number;
	importedAt: string;
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

/** Whether a stored value is a complete import this version wrote; anything else is not trusted. */
function isStoredImport(value: unknown): value is StoredImport & { version: number } {
	if (!value || typeof value !== 'object') return false;
	const record = value as { version?: unknown; files?: Record<string, unknown>; source?: Partial<ImportedSource> };
	return (
		record.version === VERSION &&
		!!record.files &&
		TABLE_NAMES.every((table) => typeof record.files![table] === 'string') &&
		record.source?.kind === 'imported' &&
		typeof record.source.fileName === 'string' &&
		typeof record.source.activities === 'number' &&
		typeof record.source.importedAt === 'string'
	);
}

export async function saveImport(stored: StoredImport): Promise<void> {
	const record = { version: VERSION, files: stored.files, source: stored.source };
	await withStore('readwrite', (store) => store.put(record, KEY));
}

/** The stored import, or undefined when there is none, it is unreadable, or IndexedDB is unavailable. */
export async function loadImport(): Promise<StoredImport | undefined> {
	try {
		const value = await withStore('readonly', (store) => store.get(KEY));
		if (!isStoredImport(value)) return undefined;
		return { files: value.files, source: value.source };
	} catch {
		return undefined;
	}
}

export async function clearImport(): Promise<void> {
	await withStore('readwrite', (store) => store.delete(KEY));
}
