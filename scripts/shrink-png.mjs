// Shrinks PNG screenshots for the docs by reducing them to 256 colours (UPNG, bundled with pdf-lib):
// `node scripts/shrink-png.mjs docs/presenting/*.png`. Screenshots of flat map colours lose nothing visible.
import fs from 'node:fs';
import upng from '@pdf-lib/upng';

const UPNG = upng.default ?? upng;

for (const file of process.argv.slice(2)) {
	const before = fs.readFileSync(file);
	const image = UPNG.decode(before);
	const rgba = UPNG.toRGBA8(image);
	const after = Buffer.from(UPNG.encode(rgba, image.width, image.height, 256));
	if (after.length < before.length) fs.writeFileSync(file, after);
	console.log(`${file}: ${Math.round(before.length / 1024)} KB → ${Math.round(Math.min(after.length, before.length) / 1024)} KB`);
}
