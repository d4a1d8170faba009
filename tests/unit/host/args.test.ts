import { describe, expect, it } from 'vitest';
import { parseHostArgs, UsageError } from '../../../electron/host/args';

describe('serve host arguments', () => {
  it('takes --port N and --port=N, or nothing for a free port', () => {
    expect(parseHostArgs([])).toEqual({});
    expect(parseHostArgs(['--port', '8080'])).toEqual({ port: 8080 });
    expect(parseHostArgs(['--port=0'])).toEqual({ port: 0 });
  });

  it('refuses a port that is not one, a missing value and unknown options, saying what is expected', () => {
    for (const argv of [['--port', '65536'], ['--port', '80x'], ['--port=-1'], ['--port', ''], ['--port=1e3']]) {
      expect(() => parseHostArgs(argv)).toThrow(/--port takes a port number from 0 to 65535/);
    }
    expect(() => parseHostArgs(['--port'])).toThrow(UsageError);
    expect(() => parseHostArgs(['--port', '-1'])).toThrow(UsageError);
    expect(() => parseHostArgs(['--prot', '80'])).toThrow(/Unknown option '--prot'.*Usage: npm run serve/);
    expect(() => parseHostArgs(['8080'])).toThrow(UsageError);
  });
});
