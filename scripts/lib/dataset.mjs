import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { csvParse } from 'd3-dsv';
import { runnerImport } from 'vite';

// The dataset's rules are TypeScript, shared with the browser's import; plain Node 20 cannot load
// .ts, so they come through Vite's module runner (already a dependency, no build step).
const rulesPath = fileURLToPath(new URL('../../src/lib/data/dataset-rules.ts', import.meta.url));
/** @type {{ module: typeof import('../../src/lib/data/dataset-rules.ts') }} */
const { module: rules } = await runnerImport(rulesPath, { configFile: false, logLevel: 'error' });
export const { ACTIVITY_COLUMNS, buildTables, validate } = rules;

/** @typedef {import('../../src/lib/data/dataset-rules.ts').Row} Row */
/** @typedef {import('../../src/lib/data/dataset-rules.ts').ActivitySourceRow} ActivitySourceRow */

/**
 * @param {string} file
 * @returns {Row[] & { columns: string[] }}
 */
function readCsv(file) {
	return /** @type {any} */ (csvParse(fs.readFileSync(file, 'utf8')));
}

/**
 * @param {string} dataDir the repo's data/ folder
 * @param {string} documentsDir ../shared/seeds: the text of the published reports that data/sources.csv names by `file`
 */
export function loadSources(dataDir, documentsDir) {
	const activityDir = path.join(dataDir, 'activities');
	const activityFiles = fs.readdirSync(activityDir).filter((f) => f.endsWith('.csv')).sort();
	/** @type {ActivitySourceRow[]} */
	const activities = activityFiles.flatMap((file) => {
		const parsed = readCsv(path.join(activityDir, file));
		return parsed.map((row, index) => ({ ...row, __file: `activities/${file}`, __line: index + 2, __columns: parsed.columns }));
	});
	const documents = Object.fromEntries(
		fs.existsSync(documentsDir)
			? fs.readdirSync(documentsDir).map((f) => [f, fs.readFileSync(path.join(documentsDir, f), 'utf8')])
			: []
	);
	return {
		councils: readCsv(path.join(dataDir, 'councils.csv')),
		serviceAreas: readCsv(path.join(dataDir, 'service_areas.csv')),
		collaborativeTypes: readCsv(path.join(dataDir, 'collaborative_types.csv')),
		surveyTables: readCsv(path.join(dataDir, 'survey_tables.csv')),
		sources: readCsv(path.join(dataDir, 'sources.csv')),
		activities,
		documents
	};
}

