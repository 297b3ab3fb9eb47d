import type { RenderedSlide } from './deck-render';

/**
 * The deck as files a presenter can send ahead: a PowerPoint (.pptx) with speaker notes, and a
 * PDF handout. Both are written in the browser by libraries bundled with the Atlas and loaded
 * only when asked for, so they work offline and the page does not carry them until then.
 */

const WIDE = { width: 13.333, height: 7.5 };
const INK = '1B1F24';
const MUTED = '50575E';
const FONT = 'Arial';

/** The largest box of the image's shape inside the given one, centred in it. */
export function fitInside(image: { width: number; height: number }, box: { x: number; y: number; w: number; h: number }) {
	const scale = Math.min(box.w / image.width, box.h / image.height);
	const w = image.width * scale;
	const h = image.height * scale;
	return { x: box.x + (box.w - w) / 2, y: box.y + (box.h - h) / 2, w, h };
}

function base64(bytes: Uint8Array): string {
	let binary = '';
	for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(binary);
}

/** One 16:9 slide per saved slide: title, caption, the view's picture, what it shows and its sources; notes as speaker notes. */
export async function deckToPptx(slides: RenderedSlide[], deckTitle: string): Promise<Blob> {
	const { default: PptxGenJS } = await import('pptxgenjs');
	const pptx = new PptxGenJS();
	pptx.layout = 'LAYOUT_WIDE';
	pptx.title = deckTitle;
	pptx.company = 'Council Collaboration Atlas';
	const margin = 0.4;
	const width = WIDE.width - 2 * margin;
	for (const rendered of slides) {
		const slide = pptx.addSlide();
		slide.background = { color: 'FFFFFF' };
		let y = 0.25;
		slide.addText(rendered.title, { x: margin, y, w: width, h: 0.65, fontFace: FONT, fontSize: 28, bold: true, color: INK, fit: 'shrink', valign: 'top' });
		y += 0.65;
		if (rendered.caption) {
			slide.addText(rendered.caption, { x: margin, y, w: width, h: 0.5, fontFace: FONT, fontSize: 16, color: INK, fit: 'shrink', valign: 'top' });
			y += 0.5;
		}
		slide.addText(rendered.basis, { x: margin, y, w: width, h: 0.3, fontFace: FONT, fontSize: 11, color: MUTED, fit: 'shrink', valign: 'top' });
		y += 0.35;
		const sourceHeight = 0.45;
		const box = fitInside(rendered.image, { x: margin, y, w: width, h: WIDE.height - y - sourceHeight - 0.1 });
		slide.addImage({ data: `data:image/png;base64,${base64(rendered.image.bytes)}`, ...box, altText: `${rendered.title}: ${rendered.basis}` });
		slide.addText(rendered.source, {
			x: margin,
			y: WIDE.height - sourceHeight - 0.05,
			w: width,
			h: sourceHeight,
			fontFace: FONT,
			fontSize: 9,
			color: MUTED,
			fit: 'shrink',
			valign: 'bottom'
		});
		if (rendered.notes) slide.addNotes(rendered.notes);
	}
	const written = await pptx.write({ outputType: 'blob', compression: true });
	return written instanceof Blob ? written : new Blob([written as BlobPart]);
}

/** Text the PDF's standard font can draw: accents it lacks are dropped, anything else becomes '?'. */
function drawable(text: string, canDraw: (char: string) => boolean): string {
	let out = '';
	for (const char of text) {
		if (canDraw(char)) out += char;
		else {
			const plain = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
			out += plain && canDraw(plain) ? plain : '?';
		}
	}
	return out;
}

/** A handout: one slide per A4 landscape page, with the notes under the picture. */
export async function deckToPdf(slides: RenderedSlide[], deckTitle: string): Promise<Blob> {
	const { PDFDocument, StandardFonts, rgb } = await import('pdf-lib');
	const pdf = await PDFDocument.create();
	pdf.setTitle(deckTitle);
	pdf.setCreator('Council Collaboration Atlas');
	const regular = await pdf.embedFont(StandardFonts.Helvetica);
	const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
	const canDraw = (char: string) => {
		try {
			regular.encodeText(char);
			return true;
		} catch {
			return false;
		}
	};
	const ink = rgb(0.106, 0.122, 0.141);
	const muted = rgb(0.314, 0.341, 0.369);
	const [pageWidth, pageHeight] = [841.89, 595.28];
	const margin = 36;
	const textWidth = pageWidth - 2 * margin;

	const wrap = (text: string, font: typeof regular, size: number) => {
		const lines: string[] = [];
		for (const paragraph of drawable(text, canDraw).split(/\r?\n/)) {
			let line = '';
			for (const word of paragraph.split(/\s+/).filter(Boolean)) {
				const candidate = line ? `${line} ${word}` : word;
				if (line && font.widthOfTextAtSize(candidate, size) > textWidth) {
					lines.push(line);
					line = word;
				} else line = candidate;
			}
			lines.push(line);
		}
		return lines;
	};

	for (const [index, rendered] of slides.entries()) {
		const page = pdf.addPage([pageWidth, pageHeight]);
		let y = pageHeight - margin;
		const write = (text: string, font: typeof regular, size: number, colour = ink, gap = 4) => {
			for (const line of wrap(text, font, size)) {
				y -= size;
				page.drawText(line, { x: margin, y, size, font, color: colour });
				y -= gap;
			}
		};
		write(`${index + 1}. ${rendered.title}`, bold, 18);
		if (rendered.caption) write(rendered.caption, regular, 12);
		write(rendered.basis, regular, 9, muted);
		y -= 4;
		const source = wrap(rendered.source, regular, 8);
		const notes = rendered.notes ? wrap(rendered.notes, regular, 10) : [];
		const below = source.length * 11 + (notes.length ? 16 + notes.length * 13 : 0) + 8;
		const image = await pdf.embedPng(rendered.image.bytes);
		const box = fitInside(rendered.image, { x: margin, y: margin + below, w: textWidth, h: Math.max(80, y - margin - below) });
		page.drawImage(image, { x: box.x, y: box.y, width: box.w, height: box.h });
		y = box.y - 8;
		if (notes.length) {
			y -= 10;
			page.drawText('Notes', { x: margin, y, size: 10, font: bold, color: ink });
			y -= 4;
			write(rendered.notes!, regular, 10, ink, 3);
		}
		y = margin + source.length * 11;
		for (const line of source) {
			y -= 8;
			page.drawText(line, { x: margin, y, size: 8, font: regular, color: muted });
			y -= 3;
		}
	}
	const bytes = await pdf.save();
	return new Blob([bytes as BlobPart], { type: 'application/pdf' });
}
