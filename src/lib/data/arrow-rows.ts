/**
 * Arrow results as plain objects, read column by column (each value through its vector's own
 * accessor, nulls included) rather than through a proxy per row. DuckDB's BIGINT arrives as
 * bigint, which the UI never wants: it becomes a number.
 */
interface ArrowLike {
	numRows: number;
	schema: { fields: { name: string }[] };
	getChildAt(index: number): { get(index: number): unknown } | null;
}

export function toPlainRows<T>(table: ArrowLike): T[] {
	const names = table.schema.fields.map((field) => field.name);
	const columns = names.map((_, i) => table.getChildAt(i)!);
	const rows: Record<string, unknown>[] = new Array(table.numRows);
	for (let r = 0; r < table.numRows; r++) {
		const row: Record<string, unknown> = {};
		for (let c = 0; c < names.length; c++) {
			const value = columns[c].get(r);
			row[names[c]] = typeof value === 'bigint' ? Number(value) : value;
		}
		rows[r] = row;
	}
	return rows as T[];
}
