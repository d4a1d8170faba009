// The seed's settings: read with defaults, validated on every write, persisted, announced to every window.
import { AppError } from '../../../shared/errors';
import { defaultSettings, settingKeys, settingsSchema, settingsShape, type Settings, type SettingsPatch } from '../../../shared/settings';
import { validationError } from '../rpc/dispatcher';
import type { EventSink, SettingsStore } from '../ports';

const SECTION = 'settings';

export class SettingsService {
  /** Values found in the store that no longer pass their rule; reported once, replaced by defaults in memory. */
  readonly warnings: string[] = [];

  constructor(
    private readonly store: SettingsStore,
    private readonly events: EventSink,
  ) {
    this.load();
  }

  get(): Settings {
    return this.load();
  }

  update(patch: SettingsPatch): Settings {
    const next = { ...this.load(), ...patch };
    const parsed = settingsSchema.safeParse(next);
    if (!parsed.success) throw new AppError(validationError(parsed.error));
    this.store.set(SECTION, parsed.data);
    this.events.emit('settings.changed', parsed.data);
    return parsed.data;
  }

  reset(): Settings {
    const fresh = { ...defaultSettings };
    this.store.set(SECTION, fresh);
    this.events.emit('settings.changed', fresh);
    return fresh;
  }

  private load(): Settings {
    const raw = this.store.get(SECTION);
    const stored: Record<string, unknown> = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    const out: Record<string, unknown> = { ...defaultSettings };
    for (const key of settingKeys) {
      if (!(key in stored)) continue;
      const r = settingsShape[key].safeParse(stored[key]);
      if (r.success) out[key] = r.data;
      else {
        const w = `Stored setting ${key}=${JSON.stringify(stored[key])} is not valid (${r.error.issues[0]?.message}); using the default ${JSON.stringify(defaultSettings[key])}.`;
        if (!this.warnings.includes(w)) this.warnings.push(w);
      }
    }
    return out as Settings;
  }
}
