// Serves a built static site on 127.0.0.1 and launches Debian's Chromium the same way for the
// browser tests and `npm run bench` (playwright-core's own browser download cannot run here).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const MIME = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript',
	'.mjs': 'text/javascript',
	'.css': 'text/css',
	'.json': 'application/json',
	'.geojson': 'application/json',
	'.csv': 'text/csv; charset=utf-8',
	'.wasm': 'application/wasm',
	'.woff2': 'font/woff2',
	'.woff': 'font/woff',
	'.png': 'image/png',
	'.svg': 'image/svg+xml',
	'.webmanifest': 'application/manifest+json'
};

/** Chromium's launch arguments: headless, software WebGL (SwiftShader), nothing phoning home. */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--use-angle=swiftshader',
	'--enable-unsafe-swiftshader',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

/** @returns {string} */
export function chromiumPath() {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
	const found = candidates.find((candidate) => fs.existsSync(/** @type {string} */ (candidate)));
	if (!found) throw new Error('Chromium not found: install it with `apt-get install chromium` or set CHROMIUM_PATH');
	return found;
}

/**
 * @param {string} [dir] the built site, `build/` by default
 * @returns {Promise<{ origin: string, close(): Promise<void> }>}
 */
export async function serveStatic(dir = path.resolve('build')) {
	const root = path.resolve(dir);
	if (!fs.existsSync(path.join(root, 'index.html'))) throw new Error(`${root} is missing: run \`npm run build\` first`);
	const server = http.createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://localhost');
		let file = path.join(root, decodeURIComponent(url.pathname));
		if (!file.startsWith(root)) {
			response.writeHead(403).end();
			return;
		}
		if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
		if (!fs.existsSync(file)) {
			response.writeHead(404).end('not found');
			return;
		}
		response.writeHead(200, { 'content-type': MIME[/** @type {keyof typeof MIME} */ (path.extname(file))] ?? 'application/octet-stream' });
		fs.createReadStream(file).pipe(response);
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		origin: `http://127.0.0.1:${address.port}`,
		close: () => new Promise((resolve) => server.close(() => resolve()))
	};
}
