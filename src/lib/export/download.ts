/** Offers a blob to the user as a file: CSV, PNG, SVG and JSON exports all leave through here. */
export function downloadBlob(blob: Blob, filename: string): void {
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = filename;
	link.rel = 'noopener';
	link.style.display = 'none';
	document.body.append(link);
	link.click();
	link.remove();
	// Revoking at once can cancel the download in some browsers before it has started.
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}
