// Hash routes, so a reload (or the serve host) stays on the same page.
import { useEffect, useState } from 'react';

export const routes = ['clusters', 'registry', 'jobs', 'settings'] as const;
export type Route = (typeof routes)[number];

function current(): Route {
  const r = location.hash.replace(/^#\/?/, '').split('/')[0];
  return (routes as readonly string[]).includes(r ?? '') ? (r as Route) : 'jobs';
}

export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(current);
  useEffect(() => {
    const on = () => setRoute(current());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
