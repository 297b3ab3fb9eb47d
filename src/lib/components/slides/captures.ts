/**
 * Where the deck export gets each view's picture. The map panel registers how to draw the map
 * with its legend and attribution; the export asks for it once the slide's view is on screen.
 */
type Capture = () => Promise<Blob>;
const captures = new Map<string, Capture>();

/** Registers a picture source; the returned function (an effect's cleanup) removes it again. */
export function registerCapture(name: 'map', capture: Capture): () => void {
	captures.set(name, capture);
	return () => {
		if (captures.get(name) === capture) captures.delete(name);
	};
}

export function capture(name: 'map'): Capture | undefined {
	return captures.get(name);
}
