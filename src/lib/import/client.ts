/**
 * The page's side of the import worker: one worker per import, asked one thing at a time.
 * Ending the import (cancel, Escape, done) terminates it, which also stops any parse under way.
 */
import type { ColumnMapping } from './fields';
import type { ReferenceFiles } from './build';
import type { AppendSummary, Phase, ReadSummary, ValidationSummary, WorkerRequest, WorkerResponse } from './protocol';
import type { Correction } from './validate';
import type { DatasetFiles } from '$lib/data/schema';

type Reply<T extends WorkerResponse['type']> = Extract<WorkerResponse, { type: T }>;

export class ImportSession {
	private worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
	private pending: { expect: WorkerResponse['type']; resolve(reply: WorkerResponse): void; reject(error: Error): void } | undefined;

	constructor(private onProgress: (phase: Phase, fraction: number | null) => void) {
		this.worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
			const reply = event.data;
			if (reply.type === 'progress') return this.onProgress(reply.phase, reply.fraction);
			const pending = this.pending;
			this.pending = undefined;
			if (!pending) return;
			if (reply.type === 'failed') pending.reject(new Error(reply.message));
			else if (reply.type !== pending.expect) pending.reject(new Error(`Unexpected reply from the import worker: ${reply.type}`));
			else pending.resolve(reply);
		};
		// A worker that dies (out of memory on a pathological file) must not leave the dialog waiting.
		this.worker.onerror = (event) => {
			event.preventDefault();
			this.fail('The file could not be read: the import stopped unexpectedly. The file may be too complex for this browser.');
		};
		this.worker.onmessageerror = () => this.fail('The import worker sent a message that could not be read.');
	}

	private fail(message: string) {
		const pending = this.pending;
		this.pending = undefined;
		pending?.reject(new Error(message));
	}

	private ask<T extends WorkerResponse['type']>(request: WorkerRequest, expect: T): Promise<Reply<T>> {
		if (this.pending) return Promise.reject(new Error('The import is still busy with the previous step.'));
		return new Promise((resolve, reject) => {
			this.pending = { expect, resolve: resolve as (reply: WorkerResponse) => void, reject };
			this.worker.postMessage(request);
		});
	}

	async read(file: File, reference: ReferenceFiles): Promise<ReadSummary> {
		return (await this.ask({ type: 'read', file, reference }, 'read')).summary;
	}

	async validate(mapping: ColumnMapping, corrections: Correction[]): Promise<ValidationSummary> {
		const request: WorkerRequest = { type: 'validate', mapping, corrections, defaultReportedYear: new Date().getFullYear() };
		return (await this.ask(request, 'validated')).summary;
	}

	/** The accepted rows as a dataset of their own, or added `onto` the dataset shown. */
	async build(onto?: DatasetFiles): Promise<{ files: DatasetFiles; activities: number; appended?: AppendSummary }> {
		const { files, activities, appended } = await this.ask({ type: 'build', ...(onto ? { onto } : {}) }, 'built');
		return { files, activities, appended };
	}

	close() {
		this.worker.terminate();
		this.fail('The import was cancelled.');
	}
}
