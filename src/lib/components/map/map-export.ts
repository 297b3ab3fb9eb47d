import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * The map canvas as a PNG with a title and the data attribution burned in, so an exported
 * image never travels without its source. Waits for `idle` so every tile and label is drawn,
 * then copies the canvas during a frame's own 'render' event: the map does not keep its drawing
 * buffer after a frame is shown (keeping it costs every frame a copy).
 */
export async function mapToPng(map: MapLibreMap, title: string, attribution: string): Promise<Blob> {
	await new Promise<void>((resolve) => {
		map.once('idle', () => resolve());
		map.triggerRepaint();
	});
	const source = map.getCanvas();
	const frame = document.createElement('canvas');
	frame.width = source.width;
	frame.height = source.height;
	await new Promise<void>((resolve) => {
		map.once('render', () => {
			frame.getContext('2d')?.drawImage(source, 0, 0);
			resolve();
		});
		map.triggerRepaint();
	});
	const band = 36;
	const canvas = document.createElement('canvas');
	canvas.width = source.width;
	canvas.height = source.height + band * 2;
	const context = canvas.getContext('2d');
	if (!context) throw new Error('This browser cannot draw the export image');
	context.fillStyle = '#ffffff';
	context.fillRect(0, 0, canvas.width, canvas.height);
	context.drawImage(frame, 0, band);
	context.fillStyle = '#1b1f24';
	context.font = '600 18px "Noto Sans", sans-serif';
	context.fillText(title, 12, 24, canvas.width - 24);
	context.font = '12px "Noto Sans", sans-serif';
	context.fillText(attribution, 12, canvas.height - 14, canvas.width - 24);
	return new Promise((resolve, reject) =>
		canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('Could not encode the PNG'))), 'image/png')
	);
}
