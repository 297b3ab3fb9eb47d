/**
 * Real text widths for chart layout. Canvas measurement matches what the SVG draws; until the
 * web font arrives it measures a fallback face, so layouts re-run when fonts finish loading.
 */
import { estimateTextWidth, FONT_SIZE, type Measure } from './chart-layout';

let fontsLoaded = $state(0);
let context: CanvasRenderingContext2D | null | undefined;
let family = '';

if (typeof document !== 'undefined' && 'fonts' in document) {
	const bump = () => (fontsLoaded += 1);
	void document.fonts.ready.then(bump);
	document.fonts.addEventListener('loadingdone', bump);
}

function canvasContext(): CanvasRenderingContext2D | null {
	if (context !== undefined) return context;
	if (typeof document === 'undefined') return (context = null);
	context = document.createElement('canvas').getContext('2d');
	family = getComputedStyle(document.documentElement).getPropertyValue('--font').trim() || 'sans-serif';
	return context;
}

/**
 * A measuring function for FONT_SIZE text at `weight`. Call it inside `$derived` so the layout
 * recomputes once the web font has loaded.
 */
export function textMeasure(weight: 400 | 600 | 700 = 400): Measure {
	void fontsLoaded;
	const ctx = canvasContext();
	if (!ctx) return estimateTextWidth;
	const font = `${weight} ${FONT_SIZE}px ${family}`;
	const cache = new Map<string, number>();
	return (text) => {
		let width = cache.get(text);
		if (width === undefined) {
			ctx.font = font;
			width = ctx.measureText(text).width;
			cache.set(text, width);
		}
		return width;
	};
}
