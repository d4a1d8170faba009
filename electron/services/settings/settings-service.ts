// The seed's settings: read with defaults, validated on every write, persisted in their own file, announced to
// every window and to the services that react (tracking loops re-timed on settings.changed).
import { AppError } from '../../../shared/errors';
import { defaultSettings, settingKeys, settingsSchema, settingsShape, type Settings, type SettingsPatch } from '../../../shared/settings';
import { validationError } from '../rpc/validation';
import type { EventSink } from '../ports';
import type { Repository } from '../store/json-repository';

export class SettingsService {
  /** Values found in the store that no longer pass their rule; reported once, replaced by defaults in memory. */
  readonly warnings: string[] = [];

  constructor(
    private readonly repo: Repository<Record<string, unknown>>,
    private readonly events: EventSink,
  ) {
    this.load();
  }

  get(): Settings {
    return this.load();
  }

  update(patch: SettingsPatch): Settings {
    let written: Settings | undefined;
    // Re-read under the store's lock: a change the CLI made meanwhile is kept.
    this.repo.update((stored) => {
      const parsed = settingsSchema.safeParse({ ...this.valid(stored), ...patch });
      if (!parsed.success) throw new AppError(validationError(parsed.error));
      written = parsed.data;
      return { ...stored, ...parsed.data };
    });
    this.events.emit('settings.changed', written!);
    return written!;
  }

  reset(): Settings {
    const fresh = { ...defaultSettings };
    this.repo.update(() => fresh);
    this.events.emit('settings.changed', fresh);
    return fresh;
  }

  private load(): Settings {
    return this.valid(this.repo.read());
  }

  private valid(stored: Record<string, unknown>): Settings {
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
