// Hash routes, so a reload (or the serve host) stays on the same page. The last page is remembered across reloads
// and restarts (localStorage); a user with none lands on the page with something to do (first-page.ts).
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { chooseFirstPage } from './first-page';

import { routes, type Route } from './routes';

export { routes, type Route };

const LAST_PAGE = 'flinkdesk.lastPage';

const isRoute = (r: string | null | undefined): r is Route => (routes as readonly string[]).includes(r ?? '');
const fromHash = (): Route | undefined => {
  const r = location.hash.replace(/^#\/?/, '').split('/')[0];
  return isRoute(r) ? r : undefined;
};
function remembered(): Route | undefined {
  try {
    const r = localStorage.getItem(LAST_PAGE);
    return isRoute(r) ? r : undefined;
  } catch {
    return undefined;
  }
}

/** The current page; undefined while the first page is being chosen. */
export function useRoute(): Route | undefined {
  const [route, setRoute] = useState<Route | undefined>(() => fromHash() ?? remembered());
  useEffect(() => {
    const on = () => setRoute(fromHash());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  useEffect(() => {
    if (route) {
      // Replace, not push: the address shows the page without adding a Back step to "nothing".
      if (fromHash() !== route) history.replaceState(null, '', `#/${route}`);
      try {
        localStorage.setItem(LAST_PAGE, route);
      } catch {
        // Storage refused (private mode): the page is then chosen afresh next time, which is fine.
      }
      return;
    }
    let live = true;
    void chooseFirstPage(api).then((r) => {
      // The user may have clicked a page meanwhile; that choice wins.
      if (live && !fromHash()) setRoute(r);
    });
    return () => {
      live = false;
    };
  }, [route]);
  return route;
}
