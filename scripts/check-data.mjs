import path from 'node:path';
import { loadSources, validate } from './lib/dataset.mjs';

const documentsDir = path.resolve('../shared/seeds');
const sources = loadSources(path.resolve('data'), documentsDir);
if (!Object.keys(sources.documents).length) {
	console.error(`data:check needs the text of the published reports at ${documentsDir}`);
	process.exit(1);
}
const errors = validate(sources);
for (const error of errors) console.error(error);
if (errors.length) {
	console.error(`\ndata:check: ${errors.length} problem(s)`);
	process.exit(1);
}
console.log(
	`data:check: ${sources.activities.length} activities, ${sources.councils.length} councils, ` +
		`${sources.surveyTables.length} survey table rows, ${sources.sources.length} sources: all sourced, all quotes verbatim`
);
