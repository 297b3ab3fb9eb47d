import { downloadBlob } from '$lib/export/download';
/**
 * Saving a chart as a stand-alone SVG or PNG, entirely in the browser (no server, no network):
 * presenters paste these into slides, where the page's stylesheets and web fonts are absent.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Presentation properties the charts set through CSS, which a saved file would otherwise lose. */
export const EXPORTED_PROPERTIES = [
	'font-family',
	'font-size',
	'font-weight',
	'font-style',
	'fill',
	'fill-opacity',
	'stroke',
	'stroke-width',
	'stroke-opacity',
	'stroke-dasharray',
	'text-anchor',
	'dominant-baseline',
	'visibility',
	'opacity',
	'display'
] as const;

/** SVG inherits these, so a child only needs them where it differs from its parent. */
const INHERITED = new Set<string>([
	'font-family',
	'font-size',
	'font-weight',
	'font-style',
	'fill',
	'fill-opacity',
	'stroke',
	'stroke-width',
	'stroke-opacity',
	'stroke-dasharray',
	'text-anchor',
	'dominant-baseline',
	'visibility'
]);

/** Values of non-inherited properties that need not be written out. */
const DEFAULTS: Record<string, (value: string) => boolean> = {
	opacity: (value) => value === '1',
	// Only hiding matters in a file; `inline`/`block` make no difference to how SVG draws.
	display: (value) => value !== 'none'
};

/** Nothing to draw in these, so their computed style is noise. */
const SKIPPED = new Set(['title', 'desc', 'style', 'script', 'metadata']);

export interface StyleSource {
	getPropertyValue(property: string): string;
}

/** The `style` text that reproduces an element's computed look without the page's CSS. */
export function inlineStyle(own: StyleSource, parent?: StyleSource): string {
	const declarations: string[] = [];
	for (const property of EXPORTED_PROPERTIES) {
		const value = own.getPropertyValue(property).trim();
		// Browsers may resolve `url(#pattern)` against the page address, which breaks it in a
		// saved file; the element's own attribute already says it correctly.
		if (!value || value.includes('url(')) continue;
		if (INHERITED.has(property)) {
			if (parent && parent.getPropertyValue(property).trim() === value) continue;
		} else if (DEFAULTS[property]?.(value)) {
			continue;
		}
		declarations.push(`${property}:${value}`);
	}
	return declarations.join(';');
}

/** Parses a CSS `unicode-range` (`U+0000-00FF, U+0131, U+4??`) into inclusive code point ranges. */
export function parseUnicodeRange(range: string): [number, number][] {
	return range
		.split(',')
		.map((part) => part.trim().replace(/^u\+/i, ''))
		.filter(Boolean)
		.map((part): [number, number] => {
			if (part.includes('?')) return [parseInt(part.replace(/\?/g, '0'), 16), parseInt(part.replace(/\?/g, 'F'), 16)];
			const [from, to = from] = part.split('-');
			return [parseInt(from, 16), parseInt(to, 16)];
		})
		.filter(([from, to]) => Number.isFinite(from) && Number.isFinite(to));
}

/** Whether a font subset is needed for this text; an empty range means the face covers everything. */
export function rangeCovers(range: string, text: string): boolean {
	if (!range.trim()) return true;
	const ranges = parseUnicodeRange(range);
	for (const char of text) {
		const code = char.codePointAt(0) ?? 0;
		if (ranges.some(([from, to]) => code >= from && code <= to)) return true;
	}
	return false;
}

/** Greedy word wrap, so a long heading or n line stays inside the saved picture. */
export function wrapText(text: string, maxWidth: number, measure: (text: string) => number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		const candidate = line ? `${line} ${word}` : word;
		if (line && measure(candidate) > maxWidth) {
			lines.push(line);
			line = word;
		} else {
			line = candidate;
		}
	}
	if (line) lines.push(line);
	return lines;
}

export interface ExportOptions {
	/** Drawn above the chart, so a saved image still says what it shows. */
	heading?: string;
	/** Drawn under the heading: the chart's n line, so figures never travel without their base. */
	subheading?: string;
	/** Fill behind everything; transparent when omitted. */
	background?: string;
	/** `@font-face` rules to embed (see embeddedFontCss), so the file draws in the page's font. */
	fontCss?: string;
}

interface Exported {
	markup: string;
	width: number;
	height: number;
}

const PADDING = 12;
const HEADING_SIZE = 18;
const SUBHEADING_SIZE = 14;
const LINE_GAP = 6;

function svgSize(svg: SVGSVGElement): { x: number; y: number; width: number; height: number } {
	const box = svg.viewBox?.baseVal;
	if (box && box.width > 0 && box.height > 0) return { x: box.x, y: box.y, width: box.width, height: box.height };
	const rect = svg.getBoundingClientRect();
	return { x: 0, y: 0, width: rect.width, height: rect.height };
}

function textElement(content: string, x: number, y: number, size: number, weight: number, fill: string, font: string) {
	const text = document.createElementNS(SVG_NS, 'text');
	text.setAttribute('x', String(x));
	text.setAttribute('y', String(y));
	text.setAttribute('style', `font-family:${font};font-size:${size}px;font-weight:${weight};fill:${fill}`);
	text.textContent = content;
	return text;
}

function textMeasurer(font: string, size: number, weight: number): (text: string) => number {
	const context = document.createElement('canvas').getContext('2d');
	if (!context) return (text) => text.length * size * 0.6;
	context.font = `${weight} ${size}px ${font}`;
	return (text) => context.measureText(text).width;
}

/** Drops Svelte's empty comment anchors and class names, which mean nothing outside the page. */
function tidy(root: Element) {
	const walker = document.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
	const comments: Node[] = [];
	while (walker.nextNode()) comments.push(walker.currentNode);
	for (const comment of comments) comment.parentNode?.removeChild(comment);
	for (const element of [root, ...root.querySelectorAll('*')]) element.removeAttribute('class');
}

function exportable(svg: SVGSVGElement, options: ExportOptions = {}): Exported {
	const clone = svg.cloneNode(true) as SVGSVGElement;
	const originals = [svg, ...svg.querySelectorAll('*')];
	const copies = [clone, ...clone.querySelectorAll('*')];
	originals.forEach((original, index) => {
		if (SKIPPED.has(original.localName)) return;
		const copy = copies[index];
		const parent = original === svg ? undefined : original.parentElement;
		const style = inlineStyle(getComputedStyle(original), parent ? getComputedStyle(parent) : undefined);
		const existing = copy.getAttribute('style');
		if (style) copy.setAttribute('style', existing ? `${existing};${style}` : style);
	});
	tidy(clone);

	const rootStyle = getComputedStyle(svg);
	const font = rootStyle.getPropertyValue('font-family') || 'sans-serif';
	const ink = rootStyle.getPropertyValue('color') || '#1b1f24';
	const size = svgSize(svg);
	const lines = [
		...(options.heading
			? wrapText(options.heading, size.width, textMeasurer(font, HEADING_SIZE, 700)).map((text) => ({ text, size: HEADING_SIZE, weight: 700 }))
			: []),
		...(options.subheading
			? wrapText(options.subheading, size.width, textMeasurer(font, SUBHEADING_SIZE, 400)).map((text) => ({
					text,
					size: SUBHEADING_SIZE,
					weight: 400
				}))
			: [])
	];
	const header = lines.reduce((sum, line) => sum + line.size + LINE_GAP, 0) + (lines.length ? LINE_GAP : 0);
	const x = size.x - PADDING;
	const y = size.y - PADDING - header;
	const width = Math.ceil(size.width + PADDING * 2);
	const height = Math.ceil(size.height + PADDING * 2 + header);

	const additions: Element[] = [];
	if (options.fontCss) {
		const style = document.createElementNS(SVG_NS, 'style');
		style.textContent = options.fontCss;
		additions.push(style);
	}
	if (options.background) {
		const rect = document.createElementNS(SVG_NS, 'rect');
		for (const [name, value] of Object.entries({ x, y, width, height })) rect.setAttribute(name, String(value));
		rect.setAttribute('style', `fill:${options.background};stroke:none`);
		additions.push(rect);
	}
	let baseline = y + PADDING;
	for (const line of lines) {
		baseline += line.size;
		additions.push(textElement(line.text, size.x, baseline, line.size, line.weight, ink, font));
		baseline += LINE_GAP;
	}
	// Insert after <title>/<desc> so they stay the first children, as SVG accessibility expects.
	let anchor = clone.firstElementChild;
	while (anchor && (anchor.localName === 'title' || anchor.localName === 'desc')) anchor = anchor.nextElementSibling;
	for (const element of additions) clone.insertBefore(element, anchor);

	clone.setAttribute('xmlns', SVG_NS);
	clone.setAttribute('viewBox', `${x} ${y} ${width} ${height}`);
	clone.setAttribute('width', String(width));
	clone.setAttribute('height', String(height));
	clone.removeAttribute('aria-hidden');
	const markup = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
	return { markup, width, height };
}

/** A stand-alone SVG document of the chart, with computed styles inlined and the SVG namespace set. */
export function svgMarkup(svg: SVGSVGElement, options: ExportOptions = {}): string {
	return exportable(svg, options).markup;
}

const unquote = (family: string) => family.trim().replace(/^["']|["']$/g, '');

function blobToDataUrl(blob: Blob): Promise<string> {
	return new Promise((resolve, reject) => {
		const reader = new FileReader();
		reader.onload = () => resolve(String(reader.result));
		reader.onerror = () => reject(reader.error);
		reader.readAsDataURL(blob);
	});
}

/**
 * `@font-face` rules, with the font files inlined as data URLs, for the page font's faces that
 * this chart's text actually uses. An SVG drawn as an image (the PNG path) cannot reach the
 * page's fonts, and a fallback face is wider, pushing labels into bars. The files are the app's
 * own bundled fonts (same origin, normally already cached); any failure just skips embedding.
 */
export async function embeddedFontCss(svg: SVGSVGElement, extraText = ''): Promise<string> {
	const family = unquote(getComputedStyle(svg).getPropertyValue('font-family').split(',')[0] ?? '');
	if (!family) return '';
	const text = `${svg.textContent ?? ''}${extraText}`;
	const weights = new Set(['400', '700']);
	for (const element of svg.querySelectorAll('text, tspan')) weights.add(getComputedStyle(element).getPropertyValue('font-weight'));

	const faces: { rule: CSSFontFaceRule; url: URL }[] = [];
	for (const sheet of document.styleSheets) {
		let rules: CSSRuleList;
		try {
			rules = sheet.cssRules;
		} catch {
			continue; // another origin's stylesheet: not ours to read
		}
		for (const rule of rules) {
			if (!(rule instanceof CSSFontFaceRule)) continue;
			const style = rule.style;
			if (unquote(style.getPropertyValue('font-family')) !== family) continue;
			if (style.getPropertyValue('font-style').trim() === 'italic') continue;
			if (!weights.has(style.getPropertyValue('font-weight').trim())) continue;
			if (!rangeCovers(style.getPropertyValue('unicode-range'), text)) continue;
			const source = /url\(\s*["']?([^"')]+)["']?\s*\)/.exec(style.getPropertyValue('src'))?.[1];
			if (!source || source.startsWith('data:')) continue;
			const url = new URL(source, sheet.href ?? document.baseURI);
			if (url.origin !== location.origin) continue;
			faces.push({ rule, url });
		}
	}
	const embedded = await Promise.all(
		faces.map(async ({ rule, url }) => {
			try {
				const response = await fetch(url);
				if (!response.ok) return '';
				const data = await blobToDataUrl(await response.blob());
				const style = rule.style;
				const range = style.getPropertyValue('unicode-range').trim();
				return (
					`@font-face{font-family:"${family}";font-style:normal;font-weight:${style.getPropertyValue('font-weight').trim()};` +
					`src:url("${data}");${range ? `unicode-range:${range};` : ''}}`
				);
			} catch {
				return '';
			}
		})
	);
	return embedded.filter(Boolean).join('\n');
}

async function withFonts(svg: SVGSVGElement, options: ExportOptions): Promise<ExportOptions> {
	if (options.fontCss !== undefined) return options;
	const extra = `${options.heading ?? ''}${options.subheading ?? ''}`;
	return { ...options, fontCss: await embeddedFontCss(svg, extra).catch(() => '') };
}

/** Saves the chart as an SVG file on white, with the page font embedded. */
export async function downloadSvg(svg: SVGSVGElement, filename: string, options: ExportOptions = {}): Promise<void> {
	const markup = svgMarkup(svg, await withFonts(svg, { background: '#ffffff', ...options }));
	downloadBlob(new Blob([markup], { type: 'image/svg+xml;charset=utf-8' }), filename);
}

/** An SVG (by address) drawn on white at `scale` times its size, as a PNG; `what` names it in errors. */
export async function svgToPng(url: string, width: number, height: number, scale: number, what = 'The chart'): Promise<Blob> {
	const image = await new Promise<HTMLImageElement>((resolve, reject) => {
		const img = new Image();
		img.onload = () => resolve(img);
		img.onerror = () => reject(new Error(`${what} could not be drawn as a picture`));
		img.src = url;
	});
	const canvas = document.createElement('canvas');
	canvas.width = Math.round(width * scale);
	canvas.height = Math.round(height * scale);
	const context = canvas.getContext('2d');
	if (!context) throw new Error('This browser cannot draw to a canvas');
	context.fillStyle = '#ffffff';
	context.fillRect(0, 0, canvas.width, canvas.height);
	context.drawImage(image, 0, 0, canvas.width, canvas.height);
	const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
	if (!blob) throw new Error(`${what} could not be made into a PNG`);
	return blob;
}

/**
 * Rasterises the chart at `scale` times its on-screen size (2 keeps text crisp on slides) on
 * white, since slide themes vary and transparent PNG text can vanish on dark ones.
 */
export async function downloadPng(svg: SVGSVGElement, filename: string, scale = 2, options: ExportOptions = {}): Promise<void> {
	const { markup, width, height } = exportable(svg, await withFonts(svg, { background: '#ffffff', ...options }));
	const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml;charset=utf-8' }));
	try {
		downloadBlob(await svgToPng(url, width, height, scale), filename);
	} finally {
		URL.revokeObjectURL(url);
	}
}
