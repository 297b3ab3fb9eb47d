/**
 * Server-rendered component HTML in a stable, readable form for file snapshots (as Observable
 * Plot's tests do): one tag per line, attributes sorted, numbers rounded to two decimals, and
 * nothing that changes without the picture changing (Svelte's hydration comments and its
 * per-stylesheet class hashes).
 */
import { render } from 'svelte/server';
import type { Component, ComponentProps } from 'svelte';

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const TOKEN = /<!--[\s\S]*?-->|<\/?[a-zA-Z][^\s/>]*(?:\s+[^\s=/>]+(?:="[^"]*")?)*\s*\/?>|[^<]+/g;
const ATTRIBUTE = /([^\s=/>]+)(?:="([^"]*)")?/g;

const round = (text: string) => text.replace(/-?\d+\.\d{3,}/g, (n) => String(Number(Number(n).toFixed(2))));

function tag(token: string): { name: string; closing: boolean; text: string } {
	const closing = token.startsWith('</');
	const name = /^<\/?([^\s/>]+)/.exec(token)![1].toLowerCase();
	if (closing) return { name, closing, text: `</${name}>` };
	const attributes: [string, string | undefined][] = [];
	for (const [, key, value] of token.slice(name.length + 1, token.endsWith('/>') ? -2 : -1).matchAll(ATTRIBUTE)) {
		if (key === 'class') {
			const classes = (value ?? '').split(/\s+/).filter((c) => c && !/^svelte-[a-z0-9]+$/.test(c));
			if (classes.length) attributes.push([key, classes.sort().join(' ')]);
		} else attributes.push([key, value === undefined ? undefined : round(value)]);
	}
	attributes.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return { name, closing, text: `<${name}${attributes.map(([k, v]) => (v === undefined ? ` ${k}` : ` ${k}="${v}"`)).join('')}>` };
}

/** `html` one element per line, indented by depth, in a form that only changes when the output does. */
export function normaliseHtml(html: string): string {
	const lines: string[] = [];
	let depth = 0;
	for (const [token] of html.matchAll(TOKEN)) {
		if (token.startsWith('<!--')) continue;
		if (!token.startsWith('<')) {
			const text = round(token.replace(/\s+/g, ' ').trim());
			if (text) lines.push(`${'  '.repeat(depth)}${text}`);
			continue;
		}
		const { name, closing, text } = tag(token);
		if (closing) {
			depth = Math.max(0, depth - 1);
			lines.push(`${'  '.repeat(depth)}${text}`);
		} else {
			lines.push(`${'  '.repeat(depth)}${text}`);
			if (!VOID.has(name) && !token.endsWith('/>')) depth++;
		}
	}
	return lines.join('\n') + '\n';
}

/** A component's server render, normalised; fails on anything it puts in <head>, which a chart should not. */
export function renderNormalised<Comp extends Component<any>>(component: Comp, props: ComponentProps<Comp>): string {
	// The caller's props are checked against the component's above; render's own overloads cannot see that.
	const { body, head } = render(component as Component<Record<string, unknown>>, { props: props as Record<string, unknown> });
	if (head.trim()) throw new Error(`unexpected <head> content: ${head}`);
	return normaliseHtml(body);
}

export interface RenderedBar {
	key: string;
	count: number;
	name: string;
}

/**
 * The filter buttons a chart renders, from its normalised HTML: one per bar, with the value it
 * toggles, the count it carries and the name a screen reader reads.
 */
export function renderedBars(normalised: string): RenderedBar[] {
	const bars: RenderedBar[] = [];
	const lines = normalised.split('\n').map((line) => line.trim());
	lines.forEach((line, i) => {
		if (!line.startsWith('<button') || !line.includes('class="overlay-button"')) return;
		const attribute = (name: string) => new RegExp(` ${name}="([^"]*)"`).exec(line)?.[1];
		// The button's accessible name is its visually hidden span's text, two lines down.
		bars.push({ key: attribute('data-key') ?? '', count: Number(attribute('data-count')), name: lines[i + 2] ?? '' });
	});
	return bars;
}
