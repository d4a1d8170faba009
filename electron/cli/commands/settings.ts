// `flink-desk settings get [KEY] [--json] | set KEY VALUE | reset`
import { AppError } from '../../../shared/errors';
import { coerceSettingValue, defaultSettings, settingKeys, settingsMeta, type SettingKey, type Settings } from '../../../shared/settings';
import type { Client } from '../../../shared/client';
import { parseArgs, usage } from '../args';
import type { CliIO } from '../io';

export const settingsHelp = `flink-desk settings get [KEY] [--json]   show the settings (all, or one)
flink-desk settings set KEY VALUE         change one setting (validated; exit 2 with the rule when invalid)
flink-desk settings reset                 restore every setting to its default`;

export async function settingsCommand(argv: string[], client: Client, io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, {});
  const [sub, ...rest] = positionals;
  const json = flags.json === true;
  switch (sub) {
    case 'get': {
      const settings = await client.invoke('settings.get');
      if (rest.length > 1) throw usage('settings get takes at most one KEY');
      if (rest[0] !== undefined) {
        const key = checkKey(rest[0]);
        io.out(json ? JSON.stringify({ [key]: settings[key] }) : String(settings[key]));
      } else io.out(json ? JSON.stringify(settings) : table(settings));
      return 0;
    }
    case 'set': {
      if (rest.length !== 2) throw usage('usage: flink-desk settings set KEY VALUE');
      const key = checkKey(rest[0]!);
      const updated = await client.invoke('settings.update', { [key]: coerceSettingValue(key, rest[1]!) }).catch((e: unknown) => {
        if (e instanceof AppError && e.code === 'invalid-input')
          throw new AppError({ ...e.toInfo(), message: `${e.message} (got '${rest[1]}')` });
        throw e;
      });
      io.out(json ? JSON.stringify(updated) : `${key} = ${String(updated[key])}`);
      return 0;
    }
    case 'reset': {
      const settings = await client.invoke('settings.reset');
      io.out(json ? JSON.stringify(settings) : table(settings));
      return 0;
    }
    default:
      throw usage(sub ? `unknown settings command '${sub}'` : 'settings needs a command: get, set or reset', settingsHelp);
  }
}

function checkKey(key: string): SettingKey {
  if ((settingKeys as string[]).includes(key)) return key as SettingKey;
  throw new AppError({ code: 'invalid-input', message: `unknown setting '${key}'`, hint: `Settings: ${settingKeys.join(', ')}` });
}

function table(settings: Settings): string {
  const width = Math.max(...settingKeys.map((k) => k.length));
  return settingKeys
    .map((k) => {
      const unit = settingsMeta[k].unit === 'seconds' ? ' s' : '';
      const mark = settings[k] === defaultSettings[k] ? '' : '   (changed)';
      return `${k.padEnd(width)}  ${String(settings[k])}${unit}${mark}`;
    })
    .join('\n');
}
