/**
 * Import limits, in their own module so the page can check a file's size before handing it to
 * the worker without loading the parsers into the main bundle.
 */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

export function tooLargeMessage(bytes: number): string {
	return `This file is ${megabytes(bytes)}; files over ${megabytes(MAX_FILE_BYTES)} cannot be imported. Split the survey into smaller files, or remove columns the atlas does not use.`;
}
