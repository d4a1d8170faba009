// The Jobs page's own places, under #/jobs (the app's router knows only the page): the list, the form for a new
// job, and the form editing a saved one. Hash addresses, so a reload stays where the user was.
import { useEffect, useState } from 'react';

export type JobsPlace =
  | { view: 'list' }
  | { view: 'new' }
  | { view: 'edit'; name: string }
  /** A tracked cluster's page (#/jobs/tracked/<id>[/<jobId>]): a session job's, when jobId is given. */
  | { view: 'tracked'; id: string; jobId?: string };

export function placeFromHash(hash = location.hash): JobsPlace {
  const parts = hash.replace(/^#\/?/, '').split('/');
  if (parts[0] !== 'jobs') return { view: 'list' };
  if (parts[1] === 'new') return { view: 'new' };
  if (parts[1] === 'edit' && parts[2]) return { view: 'edit', name: decodeURIComponent(parts[2]) };
  if (parts[1] === 'tracked' && parts[2])
    return { view: 'tracked', id: decodeURIComponent(parts[2]), ...(parts[3] ? { jobId: decodeURIComponent(parts[3]) } : {}) };
  return { view: 'list' };
}

export function hashOf(place: JobsPlace): string {
  switch (place.view) {
    case 'list':
      return '#/jobs';
    case 'new':
      return '#/jobs/new';
    case 'edit':
      return `#/jobs/edit/${encodeURIComponent(place.name)}`;
    case 'tracked':
      return `#/jobs/tracked/${encodeURIComponent(place.id)}${place.jobId ? `/${encodeURIComponent(place.jobId)}` : ''}`;
  }
}

export function goTo(place: JobsPlace): void {
  location.hash = hashOf(place);
}

export function useJobsPlace(): JobsPlace {
  const [place, setPlace] = useState(() => placeFromHash());
  useEffect(() => {
    const on = () => {
      setPlace(placeFromHash());
      // A change of view inside the page: the new view's heading takes the focus, as a page change does.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
    };
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return place;
}
