/// <reference lib="webworker" />
// Generates a synthetic dataset off the main thread and hands its typed arrays back without copying.
import { generateSynthetic, type SyntheticDataset, type SyntheticReference } from './synthetic';

const buffers = (ds: SyntheticDataset): ArrayBuffer[] =>
	[
		...Object.values(ds.activities),
		ds.memberships.activity,
		ds.memberships.council,
		ds.serviceAreaLinks.activity,
		ds.serviceAreaLinks.area,
		ds.partnerLinks.activity,
		ds.partnerLinks.partner
	].map((array) => array.buffer as ArrayBuffer);

self.onmessage = (event: MessageEvent<{ reference: SyntheticReference; size: number; seed: number }>) => {
	try {
		const { reference, size, seed } = event.data;
		const dataset = generateSynthetic(reference, size, seed);
		self.postMessage({ dataset }, { transfer: [...new Set(buffers(dataset))] });
	} catch (error) {
		self.postMessage({ error: error instanceof Error ? error.message : String(error) });
	}
};
