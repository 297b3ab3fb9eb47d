/**
 * Import limits, in their own module so the page can check a file's size before handing it to
 * the worker without loading the parsers into the main bundle.
 */
import { formatCount } from '../counts';

export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

export function tooLargeMessage(bytes: number): string {
	return `This file is ${megabytes(bytes)}; files over ${megabytes(MAX_FILE_BYTES)} cannot be imported. Split the survey into smaller files, or remove columns the atlas does not use.`;
}

/**
 * The most columns a file may have. A survey return has a few dozen; a file with thousands is
 * not one, and its headings would fill every column picker with thousands of choices.
 */
export const MAX_COLUMNS = 500;

export function tooWideMessage(columns: number, row?: number): string {
	const where = row === undefined ? `This file has ${formatCount(columns)} columns` : `Row ${row} has ${formatCount(columns)} columns`;
	return `${where}; the import reads at most ${formatCount(MAX_COLUMNS)}. A survey return needs only the columns the template lists: save a copy with just those and import that.`;
}
