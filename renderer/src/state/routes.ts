// The app's pages, in the order of the navigation. Its own file so that router.ts and first-page.ts both import it
// without importing each other.
export const routes = ['clusters', 'registry', 'jobs', 'settings'] as const;
export type Route = (typeof routes)[number];
