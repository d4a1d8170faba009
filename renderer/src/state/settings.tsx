// Settings as the renderer sees them: the saved values (kept current by `settings.changed` events from any window),
// and the user's unsaved draft, which survives leaving the page and reloading it (sessionStorage).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Settings } from '../../../shared/settings';
import { api, onReconnect } from '../api/client';

const DRAFT_KEY = 'flinkdesk.settings.draft';
type Draft = Partial<Record<keyof Settings, string>>;

interface SettingsState {
  saved: Settings | undefined;
  loadError: string | undefined;
  draft: Draft;
  setDraft: (d: Draft) => void;
  replaceSaved: (s: Settings) => void;
  reload: () => void;
}

const Ctx = createContext<SettingsState | undefined>(undefined);

function readDraft(): Draft {
  try {
    return JSON.parse(sessionStorage.getItem(DRAFT_KEY) ?? '{}') as Draft;
  } catch {
    return {};
  }
}

export function SettingsProvider({ children }: { children: ReactNode }) {
  const [saved, setSaved] = useState<Settings>();
  const [loadError, setLoadError] = useState<string>();
  const [draft, setDraftState] = useState<Draft>(readDraft);

  const reload = useCallback(() => {
    api.invoke('settings.get').then(
      (s) => {
        setSaved(s);
        setLoadError(undefined);
      },
      (e: Error) => setLoadError(e.message),
    );
  }, []);

  useEffect(() => {
    reload();
    const offChanged = api.on('settings.changed', setSaved);
    // A change made while the connection was down (another window, the CLI) came as an event nobody received.
    const offReconnect = onReconnect(reload);
    return () => {
      offChanged();
      offReconnect();
    };
  }, [reload]);

  const setDraft = useCallback((d: Draft) => {
    setDraftState(d);
    if (Object.keys(d).length) sessionStorage.setItem(DRAFT_KEY, JSON.stringify(d));
    else sessionStorage.removeItem(DRAFT_KEY);
  }, []);

  const value = useMemo(
    () => ({ saved, loadError, draft, setDraft, replaceSaved: setSaved, reload }),
    [saved, loadError, draft, setDraft, reload],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSettings(): SettingsState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSettings outside SettingsProvider');
  return v;
}

/** Applies the theme setting to <html data-theme>, following the OS when it is "system". */
export function useThemeEffect(theme: Settings['ui.theme'] | undefined): void {
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      const dark = theme === 'dark' || (theme !== 'light' && media.matches);
      document.documentElement.dataset.theme = dark ? 'dark' : 'light';
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
}
