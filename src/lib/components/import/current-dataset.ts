import type { DatasetFiles } from '$lib/data/schema';

/** The dataset the page shows, as the import dialog can add rows to it. */
export interface CurrentDataset {
	/** How it is named beside the file it is joined with: "Embedded data", or the earlier import's name. */
	label: string;
	/** Its tables as CSV text; rejects with a reason worded for the user when they cannot be read back. */
	load(): Promise<DatasetFiles>;
}
