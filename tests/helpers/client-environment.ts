/**
 * Node, but with modules compiled for the client: Svelte's runes then get their client runtime,
 * where effects run, instead of the server one, where they are inert.
 */
import type { Environment } from 'vitest/environments';

export default <Environment>{
	name: 'client-node',
	viteEnvironment: 'client',
	setup() {
		return { teardown() {} };
	}
};
