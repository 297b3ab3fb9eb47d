/** The tiny dataset in tests/fixtures/tiny: five activities, for SQL tests that swap datasets. */
import fs from 'node:fs';
import path from 'node:path';
import { TABLE_NAMES, type DatasetFiles } from '../../src/lib/data/schema';

export const TINY_DIR = path.resolve('tests/fixtures/tiny');

/** Its files as text, as an import or a stored dataset hands them to the engine. */
export const tinyFiles = () =>
	Object.fromEntries(TABLE_NAMES.map((t) => [t, fs.readFileSync(path.join(TINY_DIR, `${t}.csv`), 'utf8')])) as DatasetFiles;
