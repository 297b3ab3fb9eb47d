// A static site: every page is prerendered, the data is fetched and queried in the browser.
export const prerender = true;
export const trailingSlash = 'always';
