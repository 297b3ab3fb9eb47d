/**
 * What the page must tell the user about the dataset it shows instead of the one they expected.
 * Rendered by DatasetNotice.svelte, which also offers what can be done about it.
 */
export type DatasetNotice =
	/**
	 * An import stored in this browser did not load, so the embedded data shows. The stored record
	 * is kept: only the user's "Discard it" deletes it.
	 */
	{ kind: 'stored-import-unloadable'; reason: string };
