// Turns a failed run of Electron's installer into a message a new user can act on: what failed, why, and the three
// ways out (a proxy, a mirror, the download cache). The installer's own output is a stack trace; only its first line
// is ever quoted.
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * @typedef {{ url?: string, code?: string, message?: string }} NetworkError
 * @param {{ version: string, platform: string, arch: string, installerOutput: string, networkError?: NetworkError,
 *   env: NodeJS.ProcessEnv, packageDir: string }} failure
 * @returns {string}
 */
export function explainDownloadFailure(failure) {
  const { version, platform, arch, env } = failure;
  const file = `electron-v${version}-${platform}-${arch}.zip`;
  const mirror = configuredMirror(env);
  const cache = downloadCacheDir(env, platform);
  const reason = whyItFailed(failure, mirror);

  const lines = [
    `Electron ${version} (${platform}-${arch}) could not be downloaded, so the desktop app cannot start.`,
    `Why: ${reason.why}`,
    '',
    'What to do, then run "npm start" again:',
    ...(reason.fix ? [`  - ${reason.fix}`] : []),
    '  - Behind an HTTP proxy: ELECTRON_GET_USE_PROXY=1 HTTPS_PROXY=http://proxy.example:3128 npm start',
    `  - From a mirror of Electron's releases: ELECTRON_MIRROR=https://mirror.example/electron/ npm start`,
    `    (it must serve v${version}/${file}; ${mirror ? `now set to ${mirror.value} by ${mirror.name}` : "now unset: GitHub's releases"})`,
    `  - Downloads are cached in ${cache} (electron_config_cache moves it). A file there that is damaged is`,
    '    fetched again; delete the folder if the error stays. To place the zip by hand, see',
    '    https://www.electronjs.org/docs/latest/tutorial/installation#custom-mirrors-and-caches',
    '',
    'Without the desktop app, Flink Desk also runs in your browser: npm run build && npm run serve',
  ];
  return lines.join('\n');
}

/**
 * @param {{ installerOutput: string, networkError?: NetworkError, version: string, packageDir: string, env: NodeJS.ProcessEnv, platform: string }} f
 * @param {{ name: string, value: string } | undefined} mirror
 * @returns {{ why: string, fix?: string }}
 */
function whyItFailed(f, mirror) {
  const out = f.installerOutput;
  const net = f.networkError;
  const where = hostOf(net?.url) ?? hostOf(mirror?.value) ?? 'github.com';
  const code = net?.code ?? '';

  const http = /Response code (\d{3}) \(([^)]*)\) for (\S+)/.exec(out);
  if (http) {
    const [, status, text, url] = http;
    if (status === '404')
      return {
        why: `${url} answered 404 ${text}: there is no such file there.`,
        fix: mirror
          ? `Check ${mirror.name}: it must end with "/" and hold a folder v${f.version}/ (Electron's release layout).`
          : undefined,
      };
    if (status === '407')
      return { why: `the proxy asked for credentials (407 ${text}).`, fix: 'Put them in HTTPS_PROXY: http://user:password@proxy:port' };
    return { why: `${url} answered ${status} ${text}.` };
  }
  if (/checksum|did not match|sha256/i.test(out))
    return {
      why: "the downloaded file does not match Electron's published checksum (a damaged download, or a mirror that serves other files).",
      fix: `Delete ${downloadCacheDir(f.env, f.platform)} and try again.`,
    };
  if (/\b(EACCES|EPERM|EROFS)\b/.test(out))
    return {
      why: `a file could not be written (${firstLine(out)}).`,
      fix: `Make ${f.packageDir} and the download cache writable by you (no sudo npm install).`,
    };
  if (/\bENOSPC\b/.test(out))
    return { why: 'the disk is full.', fix: 'Free some space (the download and its unpacked copy take about 350 MB).' };

  // Through a proxy, the failing address is the proxy's, named in the error; say which it is.
  const proxy = proxyInUse(f.env);
  const failedAt = /(?:ECONNREFUSED|ENOTFOUND|EAI_AGAIN)\s+(\S+)/.exec(net?.message ?? '')?.[1] ?? where;
  const at = proxy && failedAt !== where ? `the proxy ${failedAt} (on the way to ${where})` : failedAt;
  const unusedProxy = !proxy && proxyVariable(f.env);
  const proxyFix = unusedProxy
    ? `${unusedProxy} is set, but Electron's downloader uses a proxy only with ELECTRON_GET_USE_PROXY=1 as well.`
    : undefined;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return { why: `the name ${at} could not be resolved (no internet, or names resolve only through a proxy).`, fix: proxyFix };
  if (code === 'ECONNREFUSED')
    return {
      why: `${at} refused the connection.`,
      fix: proxyFix ?? (mirror || proxy ? 'Check the mirror or proxy address: nothing listens there.' : undefined),
    };
  if (/TIMEOUT/i.test(code)) return { why: `the connection to ${at} timed out (a firewall, or a proxy that must be set).`, fix: proxyFix };
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE')
    return { why: `the connection to ${where} was cut (${code}; a firewall or a proxy in between?).` };
  if (/CERT|SELF_SIGNED|UNABLE_TO|ERR_TLS|ERR_SSL/.test(code))
    return {
      why: `the certificate of ${where} is not trusted (${code}).`,
      fix: 'A proxy that inspects TLS needs its CA certificate: NODE_EXTRA_CA_CERTS=/path/to/proxy-ca.pem npm start',
    };
  if (net) return { why: `the request to ${where} failed (${net.message ?? code}).` };
  const line = firstLine(out);
  return { why: line ? `Electron's installer reported: ${line}` : "Electron's installer stopped without saying why." };
}

/** The proxy @electron/get sends through: only with ELECTRON_GET_USE_PROXY (undici's EnvHttpProxyAgent). */
function proxyInUse(env) {
  return env.ELECTRON_GET_USE_PROXY ? proxyVariable(env) && env[proxyVariable(env)] : undefined;
}

function proxyVariable(env) {
  return ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].find((name) => env[name]);
}

/** Electron's installer reads the mirror from .npmrc (npm_config_…) before the environment; report which one is used. */
function configuredMirror(env) {
  for (const name of [
    'npm_config_electron_mirror',
    'NPM_CONFIG_ELECTRON_MIRROR',
    'npm_package_config_electron_mirror',
    'ELECTRON_MIRROR',
  ]) {
    if (env[name]) return { name, value: env[name] };
  }
  return undefined;
}

/** Where @electron/get keeps downloads: electron_config_cache, else the `env-paths` cache folder named "electron". */
export function downloadCacheDir(env, platform) {
  if (env.electron_config_cache) return env.electron_config_cache;
  const home = env.HOME || homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'electron');
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'electron', 'Cache');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'electron');
}

function hostOf(url) {
  try {
    return url ? new URL(url).host : undefined;
  } catch {
    return undefined;
  }
}

/** The first line of the installer's output that is not part of a stack trace. */
function firstLine(out) {
  return out
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith('at '));
}
