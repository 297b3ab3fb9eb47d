import type { Map as MapLibreMap } from 'maplibre-gl';
import { SEA_COLOUR } from './map-style';

export interface LegendEntry {
	colour: string;
	label: string;
	shape: 'box' | 'line';
}

export interface MapExportText {
	title: string;
	/** What the figures are filtered to, in words, so a slide never shows a number without its basis. */
	subtitle: string;
	legendTitle: string;
	legend: LegendEntry[];
	attribution: string;
}

const FONT = '"Noto Sans", sans-serif';

/** Lines of at most `maxWidth` pixels, breaking at spaces. */
function wrap(context: CanvasRenderingContext2D, text: string, maxWidth: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/)) {
		const candidate = line ? `${line} ${word}` : word;
		if (line && context.measureText(candidate).width > maxWidth) {
			lines.push(line);
			line = word;
		} else line = candidate;
	}
	if (line) lines.push(line);
	return lines;
}

/**
 * The map as a PNG with its title, filters, legend and data attribution burned in, so an
 * exported image never travels without its key or its source. Waits for `idle` so every
 * layer and label is drawn, then copies the canvas during a frame's own 'render' event: the map
 * does not keep its drawing buffer after a frame is shown (keeping it costs every frame a copy).
 */
export async function mapToPng(map: MapLibreMap, text: MapExportText): Promise<Blob> {
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
			const context = frame.getContext('2d');
			if (!context) return resolve();
			// The map's canvas is transparent where the sea is: the page shows it as a CSS background.
			context.fillStyle = SEA_COLOUR;
			context.fillRect(0, 0, frame.width, frame.height);
			context.drawImage(source, 0, 0);
			resolve();
		});
		map.triggerRepaint();
	});
	const ratio = source.width / source.clientWidth || 1;
	const sideWidth = Math.round(240 * ratio);
	const pad = Math.round(12 * ratio);
	const canvas = document.createElement('canvas');
	const context = canvas.getContext('2d');
	if (!context) throw new Error('This browser cannot draw the export image');

	context.font = `${Math.round(12 * ratio)}px ${FONT}`;
	const width = source.width + sideWidth;
	const footer = wrap(context, text.attribution, width - 2 * pad);
	context.font = `${Math.round(13 * ratio)}px ${FONT}`;
	const subtitle = wrap(context, text.subtitle, width - 2 * pad);
	const header = Math.round((34 + 18 * subtitle.length) * ratio);
	canvas.width = width;
	canvas.height = header + source.height + Math.round((10 + 16 * footer.length) * ratio);

	context.fillStyle = '#ffffff';
	context.fillRect(0, 0, canvas.width, canvas.height);
	context.drawImage(frame, 0, header);
	context.fillStyle = '#1b1f24';
	context.font = `600 ${Math.round(18 * ratio)}px ${FONT}`;
	context.fillText(text.title, pad, Math.round(24 * ratio), width - 2 * pad);
	context.font = `${Math.round(13 * ratio)}px ${FONT}`;
	subtitle.forEach((line, i) => context.fillText(line, pad, Math.round((44 + 18 * i) * ratio)));

	let y = header + pad * 2;
	const x = source.width + pad;
	context.font = `600 ${Math.round(13 * ratio)}px ${FONT}`;
	for (const line of wrap(context, text.legendTitle, sideWidth - 2 * pad)) {
		context.fillText(line, x, y);
		y += Math.round(18 * ratio);
	}
	context.font = `${Math.round(13 * ratio)}px ${FONT}`;
	for (const entry of text.legend) {
		context.fillStyle = entry.colour;
		if (entry.shape === 'box') {
			context.fillRect(x, y - Math.round(11 * ratio), Math.round(18 * ratio), Math.round(13 * ratio));
			context.strokeStyle = '#6b7280';
			context.strokeRect(x, y - Math.round(11 * ratio), Math.round(18 * ratio), Math.round(13 * ratio));
		} else {
			context.fillRect(x, y - Math.round(7 * ratio), Math.round(22 * ratio), Math.round(4 * ratio));
		}
		context.fillStyle = '#1b1f24';
		context.fillText(entry.label, x + Math.round(28 * ratio), y, sideWidth - 2 * pad - 28 * ratio);
		y += Math.round(20 * ratio);
	}

	context.fillStyle = '#50575e';
	context.font = `${Math.round(12 * ratio)}px ${FONT}`;
	footer.forEach((line, i) =>
		context.fillText(line, pad, header + source.height + Math.round((18 + 16 * i) * ratio))
	);
	return new Promise((resolve, reject) =>
		canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('Could not encode the PNG'))), 'image/png')
	);
}
