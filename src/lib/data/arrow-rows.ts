/** Arrow rows as plain objects; DuckDB's BIGINT arrives as bigint, which the UI never wants. */
export function toPlainRows<T>(table: { toArray(): { toJSON(): Record<string, unknown> }[] }): T[] {
	return table.toArray().map((row) => {
		const plain = row.toJSON();
		for (const key in plain) if (typeof plain[key] === 'bigint') plain[key] = Number(plain[key]);
		return plain as T;
	});
}
