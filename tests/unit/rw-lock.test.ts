import { describe, expect, it } from 'vitest';
import { ReadWriteLock } from '../../src/lib/data/rw-lock';

/** A task that records when it starts and ends, and finishes only when told to. */
function task(log: string[], name: string) {
	let finish!: () => void;
	const done = new Promise<void>((resolve) => (finish = resolve));
	return {
		run: async () => {
			log.push(`${name} start`);
			await done;
			log.push(`${name} end`);
			return name;
		},
		finish
	};
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ReadWriteLock', () => {
	it('runs readers together', async () => {
		const lock = new ReadWriteLock();
		const log: string[] = [];
		const a = task(log, 'a');
		const b = task(log, 'b');
		const results = Promise.all([lock.read(a.run), lock.read(b.run)]);
		await settle();
		expect(log).toEqual(['a start', 'b start']);
		a.finish();
		b.finish();
		expect(await results).toEqual(['a', 'b']);
	});

	it('starts a writer only when running readers are done, and holds later readers until it is done', async () => {
		const lock = new ReadWriteLock();
		const log: string[] = [];
		const first = task(log, 'read1');
		const write = task(log, 'write');
		const later = task(log, 'read2');
		const done = [lock.read(first.run), lock.write(write.run), lock.read(later.run)];
		await settle();
		expect(log).toEqual(['read1 start']);
		first.finish();
		await settle();
		expect(log).toEqual(['read1 start', 'read1 end', 'write start']);
		write.finish();
		await settle();
		expect(log).toEqual(['read1 start', 'read1 end', 'write start', 'write end', 'read2 start']);
		later.finish();
		await Promise.all(done);
	});

	it('runs writers one at a time, and releases the lock when a writer fails', async () => {
		const lock = new ReadWriteLock();
		const log: string[] = [];
		const failing = lock.write(async () => {
			log.push('w1');
			await settle();
			throw new Error('swap failed');
		});
		const second = lock.write(async () => void log.push('w2'));
		const reader = lock.read(async () => void log.push('r'));
		await expect(failing).rejects.toThrow('swap failed');
		await Promise.all([second, reader]);
		expect(log).toEqual(['w1', 'w2', 'r']);
	});
});
