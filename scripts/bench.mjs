// `npm run bench`: builds the static site, serves build/ on 127.0.0.1, drives headless Chromium
// and prints medians and p95 of what the page itself measures (performance.measure entries named
// atlas:*): first paint with real numbers, DuckDB ready, fully interactive, and filter click →
// every view drawn, on the embedded data and on synthetic datasets of the given sizes.
//
//   npm run bench -- --runs 5 --sizes 1000,100000,1000000 --clicks 8 [--no-build] [--no-embedded]
//
// `--long-session` instead runs 200 consecutive filter clicks (after 20 to warm up) on the embedded
// data and on `--long-sizes` synthetic activities (100,000 by default), and prints the JS heap after
// garbage collection at the start, every 50 clicks and at the end, with any page error.
//
//   npm run bench -- --long-session [--long-clicks 200] [--long-sizes 100000] [--no-build]
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, serveStatic } from './lib/static-server.mjs';
import { MEASURES } from '../src/lib/state/measures.js';
import { CLICK_SEQUENCE, longSession } from './lib/long-session.mjs';

const { values: args } = parseArgs({
	options: {
		runs: { type: 'string', default: '5' },
		sizes: { type: 'string', default: '1000,100000,1000000' },
		clicks: { type: 'string', default: '8' },
		seed: { type: 'string', default: '1' },
		build: { type: 'boolean', default: true },
		'no-build': { type: 'boolean', default: false },
		embedded: { type: 'boolean', default: true },
		'no-embedded': { type: 'boolean', default: false },
		timeout: { type: 'string', default: '180' },
		json: { type: 'string' },
		'long-session': { type: 'boolean', default: false },
		'long-clicks': { type: 'string', default: '200' },
		'long-sizes': { type: 'string', default: '100000' }
	}
});
const RUNS = Number(args.runs);
const CLICKS = Number(args.clicks);
const SIZES = args.sizes
	.split(',')
	.map((s) => s.trim())
	.filter(Boolean)
	.map(Number);
const TIMEOUT = Number(args.timeout) * 1000;
const BUILD_DIR = path.resolve('build');


function loadSample() {
	const [one, five, fifteen] = os.loadavg();
	return `load average ${one.toFixed(2)} / ${five.toFixed(2)} / ${fifteen.toFixed(2)} on ${os.cpus().length} CPUs`;
}

const quantile = (values, q) => {
	if (!values.length) return undefined;
	const sorted = [...values].sort((a, b) => a - b);
	// Nearest rank: the p95 of 20 samples is the 19th.
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
};
const ms = (value) => (value === undefined ? '—' : value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`);
const stat = (values) => (values.length ? `${ms(quantile(values, 0.5))} / ${ms(quantile(values, 0.95))}` : '—');

async function measures(page, name) {
	return page.evaluate((n) => performance.getEntriesByName(n, 'measure').map((m) => m.duration), name);
}

async function waitForMeasure(page, name, count, timeout) {
	await page.waitForFunction(([n, c]) => performance.getEntriesByName(n, 'measure').length >= c, [name, count], {
		timeout,
		polling: 50
	});
}

/** A fresh 1440×900 page (its own cache and storage), recording its page errors and console errors. */
async function benchPage(browser) {
	const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
	const page = await context.newPage();
	const errors = [];
	page.on('pageerror', (error) => errors.push(error.message));
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	return { context, page, errors };
}

async function runOnce(browser, origin, query, { repeat = false } = {}) {
	const { context, page, errors } = await benchPage(browser);
	const result = { firstPaint: undefined, firstMapIdle: undefined, dbReady: undefined, interactive: undefined, updates: [], parts: { queries: [], dom: [], map: [] }, timeouts: 0, errors };
	try {
		await page.goto(`${origin}/${query}`);
		await waitForMeasure(page, MEASURES.interactive, 1, TIMEOUT);
		if (repeat) {
			// A returning visitor: the service worker has cached the site, and the browser its compiled code.
			await page.waitForSelector('[data-offline="ready"]', { timeout: TIMEOUT });
			await page.goto(`${origin}/${query}`);
			await waitForMeasure(page, MEASURES.interactive, 1, TIMEOUT);
		}
		result.firstPaint = (await measures(page, MEASURES.firstPaint))[0];
		result.dbReady = (await measures(page, MEASURES.dbReady))[0];
		result.interactive = (await measures(page, MEASURES.interactive))[0];
		for (let i = 0; i < CLICKS; i++) {
			// A bar may be missing when the filters leave its chart empty: take the next control that exists.
			let target;
			for (let k = 0; k < CLICK_SEQUENCE.length && !target; k++) {
				const candidate = page.locator(CLICK_SEQUENCE[(i + k) % CLICK_SEQUENCE.length]);
				if ((await candidate.count()) > 0) target = candidate.first();
			}
			if (!target) throw new Error('no filter control to click');
			const before = (await measures(page, MEASURES.filterUpdate)).length;
			await target.click({ timeout: 10_000 });
			try {
				await waitForMeasure(page, MEASURES.filterUpdate, before + 1, TIMEOUT);
			} catch {
				result.timeouts++;
				break;
			}
			// A short pause between clicks, as a person would make.
			await page.waitForTimeout(100);
		}
	} catch (error) {
		result.errors.push(`bench: ${error instanceof Error ? error.message.split('\n').slice(0, 12).join(' ¦ ') : String(error)}`);
	}
	try {
		// MapLibre starts once the engine holds the data, so its first complete map can come after
		// the page is interactive, and after the clicks above.
		await waitForMeasure(page, MEASURES.firstMapIdle, 1, TIMEOUT).catch(() => undefined);
		result.firstMapIdle = (await measures(page, MEASURES.firstMapIdle))[0];
		result.updates = await measures(page, MEASURES.filterUpdate);
		result.parts = {
			queries: await measures(page, MEASURES.filterQueries),
			dom: await measures(page, MEASURES.filterDom),
			map: await measures(page, MEASURES.filterMap)
		};
	} finally {
		await context.close();
	}
	return result;
}

function walk(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? walk(full) : [full];
	});
}

function bundleSizes() {
	const files = walk(BUILD_DIR);
	const size = (list) => {
		let raw = 0;
		let gzip = 0;
		for (const file of list) {
			const bytes = fs.readFileSync(file);
			raw += bytes.length;
			gzip += zlib.gzipSync(bytes, { level: 6 }).length;
		}
		return { raw, gzip, count: list.length };
	};
	const index = fs.readFileSync(path.join(BUILD_DIR, 'index.html'), 'utf8');
	// What the page asks for before any script runs: the entry modules it names.
	const entry = [...index.matchAll(/(?:href|import\()\s*=?\s*["']\.?\/?(_app\/[^"']+\.js)["']/g)].map((m) => path.join(BUILD_DIR, m[1]));
	const isJs = (f) => /\.(m?js)$/.test(f);
	return [
		['DuckDB wasm', size(files.filter((f) => f.endsWith('.wasm')))],
		['DuckDB worker JS', size(files.filter((f) => /duckdb.*worker.*\.js$/.test(f)))],
		['MapLibre worker JS', size(files.filter((f) => /maplibre-gl-worker.*\.mjs$/.test(f)))],
		['App JS, all chunks', size(files.filter((f) => isJs(f) && f.includes('_app') && !/worker/.test(f)))],
		['App JS, named in index.html', size([...new Set(entry)].filter((f) => fs.existsSync(f)))],
		['Boundaries (topojson + backdrop)', size(files.filter((f) => /data\/(councils\.topo\.json|backdrop\.geojson)$/.test(f)))],
		['Data (CSV tables)', size(files.filter((f) => /data\/[^/]+\.csv$/.test(f)))],
		['First-paint summary (summary.json)', size(files.filter((f) => /data\/summary\.json$/.test(f)))]
	];
}

const kb = (bytes) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} kB`);

function table(rows, header) {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
	const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd();
	return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

/** `--long-session`: heap after GC across 200 consecutive filter clicks, per dataset. */
async function longSessions() {
	const server = await serveStatic(BUILD_DIR);
	const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
	const clicks = Number(args['long-clicks']);
	const scenarios = [
		{ label: 'embedded data', query: '' },
		...args['long-sizes']
			.split(',')
			.filter(Boolean)
			.map(Number)
			.map((n) => ({ label: `synthetic ${n.toLocaleString('en-GB')}`, query: `?synthetic=${n}&seed=${args.seed}` }))
	];
	const rows = [];
	try {
		for (const scenario of scenarios) {
			const { context, page, errors } = await benchPage(browser);
			try {
				await page.goto(`${server.origin}/${scenario.query}`);
				await waitForMeasure(page, MEASURES.interactive, 1, TIMEOUT);
				const result = await longSession(page, { clicks, timeout: TIMEOUT });
				console.log(
					`  ${scenario.label}: ${result.clicks} clicks in ${result.seconds.toFixed(0)} s; heap after GC ` +
						result.samples.map((s) => `${s.clicks}: ${mb(s.heap)}`).join(', ')
				);
				rows.push([scenario.label, result.clicks, mb(result.baseline), mb(result.final), `${(result.growth * 100).toFixed(1)}%`, `${result.seconds.toFixed(0)} s`, errors.length]);
			} catch (error) {
				errors.push(`bench: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
				rows.push([scenario.label, '—', '—', '—', '—', '—', errors.length]);
			}
			if (errors.length) console.log(`  errors: ${errors.slice(0, 3).join(' | ')}`);
			await context.close();
		}
	} finally {
		await browser.close();
		await server.close();
	}
	console.log(`\nLong session — ${new Date().toISOString()} — Chromium ${browser.version()}, headless; ${loadSample()}.`);
	console.log('Main-thread JS heap (CDP Runtime.getHeapUsage) after two forced GCs, after 20 warm-up clicks and after the rest; DuckDB and MapLibre workers not included.\n');
	console.log(table(rows, ['dataset', 'clicks', 'heap at start', 'heap at end', 'growth', 'time', 'page errors']));
}

async function main() {
	if (args.build && !args['no-build']) {
		console.log('Building the site (npm run build)…');
		execSync('npm run build', { stdio: ['ignore', 'ignore', 'inherit'] });
	}
	if (args['long-session']) return longSessions();
	const loadBefore = loadSample();
	const server = await serveStatic(BUILD_DIR);
	const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
	const version = `Chromium ${browser.version()}`;
	const scenarios = [
		...(args.embedded && !args['no-embedded']
			? [
					{ label: 'embedded data', query: '' },
					{ label: 'embedded, repeat visit', query: '', repeat: true }
				]
			: []),
		...SIZES.map((n) => ({ label: `synthetic ${n.toLocaleString('en-GB')}`, query: `?synthetic=${n}&seed=${args.seed}` }))
	];
	const results = [];
	try {
		for (const scenario of scenarios) {
			const runs = [];
			for (let run = 0; run < RUNS; run++) {
				const started = Date.now();
				const result = await runOnce(browser, server.origin, scenario.query, { repeat: scenario.repeat });
				runs.push(result);
				const note = result.errors.length ? `  errors: ${result.errors.slice(0, 2).join(' | ')}` : '';
				console.log(
					`  ${scenario.label} run ${run + 1}/${RUNS}: first paint ${ms(result.firstPaint)}, ready ${ms(result.dbReady)}, ` +
						`interactive ${ms(result.interactive)}, filter→views ${stat(result.updates)} over ${result.updates.length} clicks` +
						`${result.timeouts ? ` (${result.timeouts} timed out)` : ''} [${((Date.now() - started) / 1000).toFixed(0)} s]${note}`
				);
			}
			results.push({ scenario, runs });
		}
	} finally {
		await browser.close();
		await server.close();
	}
	const loadAfter = loadSample();

	console.log(`\nAtlas bench — ${new Date().toISOString()} — ${version}, headless, software WebGL (SwiftShader)`);
	console.log(`${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}; ${loadBefore} before, ${loadAfter} after.`);
	console.log(
		'Caveat: a shared machine; other work running alongside inflates and scatters these figures. ' +
			'Times are measured in the page (performance.measure); medians / p95 (nearest rank).\n'
	);
	const rows = results.map(({ scenario, runs }) => {
		const pick = (key) => runs.map((r) => r[key]).filter((v) => v !== undefined);
		const updates = runs.flatMap((r) => r.updates);
		const timeouts = runs.reduce((sum, r) => sum + r.timeouts, 0);
		const failures = runs.filter((r) => r.interactive === undefined).length;
		return [
			scenario.label,
			`${runs.length}${failures ? ` (${failures} failed)` : ''}`,
			stat(pick('firstPaint')),
			stat(pick('dbReady')),
			stat(pick('interactive')),
			`${stat(updates)} (n=${updates.length}${timeouts ? `, ${timeouts} timed out > ${args.timeout} s` : ''})`
		];
	});
	console.log(
		table(rows, ['dataset', 'runs', 'first paint med / p95', 'DuckDB ready med / p95', 'interactive med / p95', 'filter → all views med / p95'])
	);
	console.log(
		'First paint: the browser\'s first contentful paint of the prerendered page, which holds the default view\'s count, charts and SVG map; other views and datasets: their figures drawn, the map by the SVG preview or by MapLibre, whichever is first.'
	);
	console.log(
		'\nFirst MapLibre map complete (idle, labels and all sources drawn), and where a filter update goes (each part from the input event): queries answered, DOM painted, map idle. med / p95'
	);
	console.log(
		table(
			results.map(({ scenario, runs }) => [
				scenario.label,
				stat(runs.map((r) => r.firstMapIdle).filter((v) => v !== undefined)),
				stat(runs.flatMap((r) => r.parts.queries)),
				stat(runs.flatMap((r) => r.parts.dom)),
				stat(runs.flatMap((r) => r.parts.dom.map((dom, i) => dom - r.parts.queries[i]).filter((v) => Number.isFinite(v)))),
				stat(runs.flatMap((r) => r.parts.map))
			]),
			['dataset', 'first MapLibre idle', 'queries answered', 'DOM painted', 'DOM − queries', 'map idle']
		)
	);
	console.log('\nBundle sizes (build/):');
	console.log(table(bundleSizes().map(([label, s]) => [label, s.count, kb(s.raw), kb(s.gzip)]), ['what', 'files', 'bytes', 'gzip']));
	if (args.json) fs.writeFileSync(args.json, JSON.stringify({ loadBefore, loadAfter, results }, null, 2));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
