/** Messages between the page and the import worker. Everything in them is structured-cloneable. */
import type { DatasetFiles } from '$lib/data/schema';
import type { ReferenceFiles } from './build';
import type { ColumnMapping } from './fields';
import type { Phase } from './read-file';
import type { Choice, Correction, CorrectionKind, Problem } from './validate';

export type { Phase };

export type WorkerRequest =
	| { type: 'read'; file: File; reference: ReferenceFiles }
	| { type: 'validate'; mapping: ColumnMapping; corrections: Correction[]; defaultReportedYear: number }
	/** With `onto`, the rows are added to that dataset (the one shown) instead of standing alone. */
	| { type: 'build'; onto?: DatasetFiles };

/** What the mapping step needs to know about a file that was read. */
export interface ReadSummary {
	fileName: string;
	format: 'csv' | 'xlsx';
	headers: string[];
	headerLine: number;
	/** Non-blank data rows. */
	rowCount: number;
	/** A few values from each column, for recognising it. */
	samples: string[][];
	mapping: ColumnMapping;
	notes: string[];
	formulaCount: number;
	/** How a CSV's text was read, as the review step says it; absent for a workbook. */
	encoding?: { text: string; check: boolean };
}

/** At most this many problems cross to the page; the counts cover all of them. */
export const MAX_PROBLEMS_SHOWN = 300;

export interface ValidationSummary {
	total: number;
	valid: number;
	invalid: number;
	errors: number;
	warnings: number;
	/** Errors first within each row, rows in file order; cut at MAX_PROBLEMS_SHOWN. */
	problems: Problem[];
	/** Every allowed value, for picking one by hand where a value matched nothing. */
	choices: Record<CorrectionKind, Choice[]>;
}

/** What adding to the data shown did, for the message after it. */
export interface AppendSummary {
	added: number;
	alreadyThere: string[];
	renamed: number;
}

export type WorkerResponse =
	| { type: 'progress'; phase: Phase; fraction: number | null }
	| { type: 'read'; summary: ReadSummary }
	| { type: 'validated'; summary: ValidationSummary }
	| { type: 'built'; files: DatasetFiles; activities: number; appended?: AppendSummary }
	| { type: 'failed'; message: string };
