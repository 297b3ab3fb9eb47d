/**
 * Loads a generated synthetic dataset into DuckDB column-wise: the typed arrays go in as Arrow
 * tables (no CSV text, which at a million activities would be hundreds of megabytes), SQL in the
 * same engine turns codes into the real tables' values in staging tables, and `swapDataset`
 * swaps them in atomically, exactly as an import of CSV files is swapped in.
 */
import { Table, Utf8, makeData, makeVector, tableFromArrays, tableToIPC } from 'apache-arrow';
import { NATIONAL_THRESHOLD, STATUSES } from './model';
import { STAGING, swapDataset, type TableLoader } from './schema';
import {
	SOURCE_KIND_CODES,
	SYNTHETIC_NOTE,
	SYNTHETIC_SUMMARY,
	SYNTHETIC_UNNAMED_NOTE,
	syntheticSpectrum,
	type SyntheticDataset
} from './synthetic';

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
/** The same ids as `syntheticId`. */
const idSql = (column: string) => `'syn-' || lpad(CAST(${column} + 1 AS VARCHAR), 7, '0')`;
/** The same thresholds as `deriveReach` in model.ts. */
const reachSql = (count: string) =>
	`CASE WHEN ${count} <= 0 THEN 'unspecified' WHEN ${count} = 1 THEN 'single' WHEN ${count} <= 4 THEN 'cluster' ` +
	`WHEN ${count} < ${NATIONAL_THRESHOLD} THEN 'regional' ELSE 'national' END`;

/** The reference tables a synthetic dataset keeps from the loaded data. */
const KEPT = ['councils', 'service_areas', 'collaborative_types', 'council_neighbours', 'survey_tables', 'sources'] as const;

/**
 * A string column built from its bytes. Arrow's builders (which `tableFromArrays` uses for plain
 * arrays) compile their null check with `new Function`, which the site's Content-Security-Policy
 * refuses; typed arrays never go through a builder.
 */
function utf8Column(values: readonly string[]) {
	const encoder = new TextEncoder();
	const encoded = values.map((value) => encoder.encode(value));
	const valueOffsets = new Int32Array(values.length + 1);
	encoded.forEach((bytes, i) => (valueOffsets[i + 1] = valueOffsets[i] + bytes.length));
	const data = new Uint8Array(valueOffsets[values.length]);
	encoded.forEach((bytes, i) => data.set(bytes, valueOffsets[i]));
	return makeVector(makeData({ type: new Utf8(), length: values.length, nullCount: 0, valueOffsets, data }));
}

function vocabulary(ds: SyntheticDataset) {
	const rows: { kind: string; idx: number; value: string; extra: string }[] = [];
	const add = (kind: string, values: readonly string[], extras?: readonly string[]) =>
		values.forEach((value, idx) => rows.push({ kind, idx, value, extra: extras?.[idx] ?? '' }));
	add('council', ds.councils);
	add('area', ds.serviceAreas, ds.serviceAreaLabels);
	add('type', ds.types);
	add('mechanism', ds.mechanisms);
	add('status', STATUSES);
	add('source_kind', SOURCE_KIND_CODES);
	add('noun', ds.nouns);
	add(
		'partner',
		ds.partners.map((p) => p.name),
		ds.partners.map((p) => p.type)
	);
	return new Table({
		kind: utf8Column(rows.map((r) => r.kind)),
		idx: makeVector(Int32Array.from(rows, (r) => r.idx)),
		value: utf8Column(rows.map((r) => r.value)),
		extra: utf8Column(rows.map((r) => r.extra))
	});
}

/** Replaces the loaded activities with a synthetic dataset, keeping the reference tables; all or nothing. */
export async function replaceWithSynthetic(loader: TableLoader, ds: SyntheticDataset) {
	await swapDataset(loader, async (scratch) => {
		const raw = (name: string) => {
			const table = `${STAGING}syn_${name}`;
			scratch.push(table);
			return table;
		};
		const [activities, members, areas, partners, vocab, spectrum] = ['activities', 'members', 'areas', 'partners', 'vocab', 'spectrum'].map(raw);
		// Serialised here, by the same Arrow module that built the tables.
		const insert = (name: string, table: Table) => loader.insertArrowIpc(name, tableToIPC(table, 'stream'));
		const a = ds.activities;
		const m = ds.memberships;
		const isLead = new Uint8Array(m.length);
		for (let k = 0; k < m.length; k++) isLead[k] = a.lead[m.activity[k]] === m.council[k] ? 1 : 0;

		await insert(vocab, vocabulary(ds));
		const levels = syntheticSpectrum(ds);
		await insert(
			spectrum,
			new Table({
				type: makeVector(Int32Array.from(levels, (l) => l.type)),
				mechanism: makeVector(Int32Array.from(levels, (l) => l.mechanism)),
				level: utf8Column(levels.map((l) => l.level))
			})
		);
		await insert(
			activities,
			tableFromArrays({
				i: Uint32Array.from({ length: ds.size }, (_, i) => i),
				type: a.type,
				mechanism: a.mechanism,
				status: a.status,
				start_year: a.startYear,
				reported_year: a.reportedYear,
				lead: a.lead,
				council_count: a.councilCount,
				source_kind: a.sourceKind,
				noun: a.noun,
				main_area: a.mainArea
			})
		);
		await insert(members, tableFromArrays({ activity: m.activity, council: m.council, is_lead: isLead }));
		await insert(areas, tableFromArrays({ activity: ds.serviceAreaLinks.activity, area: ds.serviceAreaLinks.area }));
		await insert(partners, tableFromArrays({ activity: ds.partnerLinks.activity, partner: ds.partnerLinks.partner }));

		const v = (alias: string, kind: string, on: string, left = false) =>
			`${left ? 'LEFT ' : ''}JOIN ${vocab} ${alias} ON ${alias}.kind = '${kind}' AND ${alias}.idx = ${on}`;
		await loader.exec(`CREATE TABLE ${STAGING}activities AS
			SELECT ${idSql('a.i')} AS id,
				area.extra || ' ' || noun.value || ' ' || CAST(a.i + 1 AS VARCHAR) AS name,
				${literal(SYNTHETIC_SUMMARY)} AS summary,
				type.value AS collaborative_type,
				mech.value AS delivery_mechanism,
				lead.value AS lead_council_code,
				CAST(NULLIF(a.start_year, 0) AS INTEGER) AS start_year,
				CAST(NULL AS INTEGER) AS end_year,
				status.value AS status,
				CAST(a.reported_year AS INTEGER) AS reported_year,
				CAST(a.council_count AS INTEGER) AS council_count,
				${reachSql('a.council_count')} AS reach,
				CASE WHEN a.council_count = 0 THEN ${literal(SYNTHETIC_UNNAMED_NOTE)} ELSE ${literal(SYNTHETIC_NOTE)} END AS councils_note,
				CAST(NULL AS VARCHAR) AS benefits,
				CAST(NULL AS VARCHAR) AS savings,
				kind.value AS source_kind,
				CAST(NULL AS VARCHAR) AS source_id,
				CAST(NULL AS VARCHAR) AS source_locator,
				CAST(NULL AS VARCHAR) AS source_quote,
				nullif(sp.level, '') AS spectrum_level
			FROM ${activities} a
			LEFT JOIN ${spectrum} sp ON sp.type = a.type AND sp.mechanism = a.mechanism
			${v('area', 'area', 'a.main_area')}
			${v('noun', 'noun', 'a.noun')}
			${v('status', 'status', 'a.status')}
			${v('kind', 'source_kind', 'a.source_kind')}
			${v('type', 'type', 'a.type', true)}
			${v('mech', 'mechanism', 'a.mechanism', true)}
			${v('lead', 'council', 'a.lead', true)}`);
		await loader.exec(`CREATE TABLE ${STAGING}activity_councils AS
			SELECT ${idSql('m.activity')} AS activity_id, c.value AS council_code, m.is_lead = 1 AS is_lead
			FROM ${members} m ${v('c', 'council', 'm.council')}`);
		await loader.exec(`CREATE TABLE ${STAGING}activity_service_areas AS
			SELECT ${idSql('s.activity')} AS activity_id, sa.value AS service_area_id
			FROM ${areas} s ${v('sa', 'area', 's.area')}`);
		await loader.exec(`CREATE TABLE ${STAGING}activity_partners AS
			SELECT ${idSql('p.activity')} AS activity_id, partner.value AS partner_name, partner.extra AS partner_type
			FROM ${partners} p ${v('partner', 'partner', 'p.partner')}`);
		for (const table of KEPT) await loader.exec(`CREATE TABLE ${STAGING}${table} AS SELECT * FROM ${table}`);
	});
}
