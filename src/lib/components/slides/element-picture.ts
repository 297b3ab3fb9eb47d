import { embeddedFontCss, svgToPng } from '$lib/components/charts/chart-export';

/**
 * A picture of part of the page (an Insight view: the opportunity list, the matrix, a
 * comparison), drawn by the browser itself from an SVG <foreignObject> copy with every element's
 * look written inline, so nothing outside the page is needed and nothing leaves it.
 */

/** What decides how an element looks; the rest of the several hundred computed properties are defaults here. */
const PROPERTIES = [
	'display',
	'position',
	'top',
	'right',
	'bottom',
	'left',
	'box-sizing',
	'width',
	'min-width',
	'max-width',
	'margin-top',
	'margin-right',
	'margin-bottom',
	'margin-left',
	'padding-top',
	'padding-right',
	'padding-bottom',
	'padding-left',
	'border-top',
	'border-right',
	'border-bottom',
	'border-left',
	'border-radius',
	'border-collapse',
	'border-spacing',
	'background-color',
	'color',
	'opacity',
	'font-family',
	'font-size',
	'font-weight',
	'font-style',
	'font-variant-numeric',
	'line-height',
	'letter-spacing',
	'text-align',
	'text-decoration',
	'text-transform',
	'white-space',
	'word-break',
	'overflow-wrap',
	'vertical-align',
	'list-style-type',
	'list-style-position',
	'flex-direction',
	'flex-wrap',
	'flex-grow',
	'flex-shrink',
	'flex-basis',
	'align-items',
	'align-self',
	'justify-content',
	'gap',
	'grid-template-columns',
	'grid-template-rows',
	'grid-column',
	'grid-row',
	'table-layout',
	'fill',
	'fill-opacity',
	'stroke',
	'stroke-width',
	'stroke-dasharray',
	'text-anchor',
	'dominant-baseline'
];

/** Not for a picture: controls for exploring, and what screen readers alone get. */
const LEFT_OUT =
	'button:not(.link-button), select, input, label:has(select, input), .visually-hidden, script, style, details:not([open]) > :not(summary), .explain';
/** Drawn at their own height; boxes of text take the height of what is left in them. */
const SIZED = 'svg, svg *, img, canvas';

function inline(original: Element, copy: Element) {
	const style = getComputedStyle(original);
	if (style.display === 'none' || original.matches(LEFT_OUT)) {
		copy.remove();
		return;
	}
	const declarations = PROPERTIES.map((property) => `${property}:${style.getPropertyValue(property)}`);
	// Fixed heights would leave gaps where controls were taken out; swatches, steps and pictures keep theirs.
	const boxed = original.matches(SIZED) || !original.textContent?.trim() || style.display.startsWith('inline-');
	if (boxed) declarations.push(`height:${style.height}`);
	copy.setAttribute('style', declarations.join(';'));
	copy.removeAttribute('class');
	const originals = [...original.children];
	const copies = [...copy.children];
	originals.forEach((child, index) => inline(child, copies[index]));
}

/**
 * The element as a PNG on white, `scale` times its size on screen, cut off at `maxHeight` CSS
 * pixels (a long list shows its top entries, as the slide on screen does).
 */
export async function elementPicture(element: HTMLElement, { scale = 2, maxHeight = Infinity } = {}): Promise<Blob> {
	const rect = element.getBoundingClientRect();
	const width = Math.ceil(rect.width);
	const height = Math.ceil(Math.min(element.scrollHeight, maxHeight));
	const copy = element.cloneNode(true) as HTMLElement;
	// Computed styles are read off the original, which stays in the page, pair by pair.
	inline(element, copy);
	copy.style.setProperty('width', `${width}px`);
	copy.style.setProperty('height', 'auto');
	copy.style.setProperty('max-height', 'none');
	copy.style.setProperty('overflow', 'visible');
	copy.style.setProperty('background-color', '#ffffff');
	copy.setAttribute('xmlns', 'http://www.w3.org/1999/xhtml');

	const fontCss = await embeddedFontCss(element as unknown as SVGSVGElement).catch(() => '');
	const svg =
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
		(fontCss ? `<style>${fontCss.replace(/</g, '\\3C ')}</style>` : '') +
		`<foreignObject x="0" y="0" width="${width}" height="${height}">${new XMLSerializer().serializeToString(copy)}</foreignObject></svg>`;
	// A data: address, not a blob: one: Chromium keeps a canvas readable after drawing a
	// self-contained SVG from one, and the page's policy allows both for images.
	return svgToPng(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`, width, height, scale, 'This view');
}

/** Two pictures side by side on white, tops aligned, scaled to the same height. */
export async function sideBySide(left: Blob, right: Blob, gap = 24): Promise<Blob> {
	const [a, b] = await Promise.all([createImageBitmap(left), createImageBitmap(right)]);
	const height = b.height;
	const aWidth = Math.round((a.width * height) / a.height);
	const canvas = document.createElement('canvas');
	canvas.width = aWidth + gap + b.width;
	canvas.height = height;
	const context = canvas.getContext('2d');
	if (!context) throw new Error('This browser cannot draw to a canvas');
	context.fillStyle = '#ffffff';
	context.fillRect(0, 0, canvas.width, canvas.height);
	context.drawImage(a, 0, 0, aWidth, height);
	context.drawImage(b, aWidth + gap, 0);
	return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The picture could not be made'))), 'image/png'));
}
