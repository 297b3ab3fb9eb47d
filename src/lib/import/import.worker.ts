/// <reference lib="webworker" />
/**
 * Reads, checks and builds an imported survey off the main thread, so a large file never
 * freezes the page. The parsed table stays here between steps; only summaries cross over.
 */
import { MAX_FILE_BYTES, tooLargeMessage } from './limits';
import { buildImportedDataset, referenceFromFiles, type ReferenceFiles } from './build';
import { AppendError, appendDataset } from './append';
import { guessMapping } from './fields';
import { ImportFileError, encodingNote, readImportFile, type Phase, type ReadResult } from './read-file';
import { allowedChoices, validateRows, type ImportTable, type ValidationResult } from './validate';
import { MAX_PROBLEMS_SHOWN, type ReadSummary, type WorkerRequest, type WorkerResponse } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

let table: ImportTable | undefined;
let reference: ReferenceFiles | undefined;
let result: ValidationResult | undefined;

const send = (message: WorkerResponse) => self.postMessage(message);
let lastProgress = 0;
const progress = (phase: Phase, fraction: number | null) => {
	// A message per chunk is plenty; more would only queue up behind the page's rendering.
	const now = Date.now();
	if (fraction !== null && fraction < 1 && now - lastProgress < 50) return;
	lastProgress = now;
	send({ type: 'progress', phase, fraction });
};

/** The file's bytes, read in chunks so the progress bar moves while a large file loads. */
async function readBytes(file: File): Promise<Uint8Array> {
	if (file.size > MAX_FILE_BYTES) throw new ImportFileError(tooLargeMessage(file.size));
	const bytes = new Uint8Array(file.size);
	let offset = 0;
	const reader = file.stream().getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		if (offset + value.length > bytes.length) throw new ImportFileError('The file changed while it was being read. Choose it again.');
		bytes.set(value, offset);
		offset += value.length;
		progress('reading', offset / Math.max(1, file.size));
	}
	return bytes.subarray(0, offset);
}

function summarise({ table: read, notes, encoding }: ReadResult): ReadSummary {
	const dataRows = read.rows.filter((row) => row.cells.some((cell) => cell.trim()));
	return {
		fileName: read.fileName,
		format: read.format,
		headers: read.headers,
		headerLine: read.headerLine,
		rowCount: dataRows.length,
		samples: read.headers.map((_, column) =>
			dataRows
				.map((row) => (row.cells[column] ?? '').trim())
				.filter(Boolean)
				.slice(0, 3)
				.map((value) => (value.length > 60 ? `${value.slice(0, 57)}…` : value))
		),
		// The guess is made here, where the headings are, and corrected on the page.
		mapping: guessMapping(read.headers),
		notes: [
			...notes,
			...(read.formulas.length
				? [`${read.formulas.length} ${read.formulas.length === 1 ? 'cell holds a formula' : 'cells hold formulas'}; saved results are used where the workbook has them, and the review lists each one.`]
				: [])
		],
		formulaCount: read.formulas.length,
		...(encoding ? { encoding: encodingNote(encoding) } : {})
	};
}

async function handle(request: WorkerRequest) {
	switch (request.type) {
		case 'read': {
			table = undefined;
			result = undefined;
			reference = request.reference;
			progress('reading', 0);
			const bytes = await readBytes(request.file);
			const read = await readImportFile(request.file.name, bytes, progress);
			table = read.table;
			send({ type: 'read', summary: summarise(read) });
			return;
		}
		case 'validate': {
			if (!table || !reference) throw new Error('No file has been read yet.');
			progress('checking', null);
			const vocabulary = referenceFromFiles(reference);
			result = validateRows(table, request.mapping, vocabulary, {
				corrections: request.corrections,
				defaultReportedYear: request.defaultReportedYear
			});
			const problems = [...result.problems].sort((a, b) => a.line - b.line || (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
			const errors = problems.filter((p) => p.severity === 'error').length;
			send({
				type: 'validated',
				summary: {
					total: result.total,
					valid: result.valid,
					invalid: result.invalid,
					errors,
					warnings: problems.length - errors,
					problems: problems.slice(0, MAX_PROBLEMS_SHOWN),
					choices: allowedChoices(vocabulary)
				}
			});
			return;
		}
		case 'build': {
			if (!table || !reference || !result) throw new Error('The rows have not been checked yet.');
			progress('building', null);
			const files = buildImportedDataset(
				result.rows.map((row) => row.source),
				table.fileName,
				reference
			);
			if (!request.onto) {
				send({ type: 'built', files, activities: result.rows.length });
				return;
			}
			const joined = appendDataset(request.onto, files);
			send({
				type: 'built',
				files: joined.files,
				activities: joined.total,
				appended: { added: joined.added, alreadyThere: joined.alreadyThere, renamed: joined.renamed }
			});
			return;
		}
	}
}

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
	try {
		await handle(event.data);
	} catch (error) {
		const message =
			error instanceof ImportFileError || error instanceof AppendError
				? error.message
				: `The file could not be processed: ${error instanceof Error ? error.message : String(error)}`;
		send({ type: 'failed', message });
	}
};
