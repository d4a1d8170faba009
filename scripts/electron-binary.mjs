// Makes sure Electron's binary is on disk before electron-vite needs it. Electron 45 no longer downloads it at
// `npm install`; it does so on the first `require('electron')` or through its own installer (`install-electron`,
// node_modules/electron/install.js), which writes node_modules/electron/path.txt, the one file electron-vite 6 reads.
// So this runs that installer when the binary is missing and, when it fails, says why and what to do, never a stack.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { explainDownloadFailure } from './electron-download-failure.mjs';

const CAUSE_HOOK = new URL('./electron-install-cause.mjs', import.meta.url).href;
const CAUSE_MARK = 'flink-desk:electron-download-error ';

/** A failure the user can act on: `message` is ready to print as it is. */
export class ElectronBinaryError extends Error {}

/**
 * @param {string} root the project directory (its node_modules holds electron)
 * @param {NodeJS.ProcessEnv} env
 * @param {{ log: (line: string) => void }} out
 * @returns {Promise<string>} the Electron executable, for electron-vite's ELECTRON_EXEC_PATH
 */
export async function ensureElectronBinary(root, env, out) {
  if (env.ELECTRON_EXEC_PATH) {
    if (existsSync(env.ELECTRON_EXEC_PATH)) return env.ELECTRON_EXEC_PATH;
    throw new ElectronBinaryError(`ELECTRON_EXEC_PATH is set to ${env.ELECTRON_EXEC_PATH}, which does not exist. Unset it or fix it.`);
  }
  const pkgDir = electronPackageDir(root);
  const version = readJson(join(pkgDir, 'package.json')).version;
  const found = installedExecutable(pkgDir, version, env);
  if (found) return found;

  out.log(`Electron ${version} is not downloaded yet: fetching it once with Electron's installer (over 100 MB)…`);
  const started = Date.now();
  const result = await runInstaller(pkgDir, env);
  const installed = result.code === 0 ? installedExecutable(pkgDir, version, env) : undefined;
  if (installed) {
    out.log(`Electron ${version} is installed (${Math.round((Date.now() - started) / 1000)} s).`);
    return installed;
  }
  throw new ElectronBinaryError(
    explainDownloadFailure({
      version,
      platform: env.ELECTRON_INSTALL_PLATFORM || env.npm_config_platform || process.platform,
      arch: env.ELECTRON_INSTALL_ARCH || env.npm_config_arch || process.arch,
      installerOutput: result.stderr,
      networkError: result.networkError,
      env,
      packageDir: pkgDir,
    }),
  );
}

/** @param {string} root */
function electronPackageDir(root) {
  try {
    return dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    throw new ElectronBinaryError('The electron package is not installed: run "npm install" first.');
  }
}

/**
 * The same test as the installer's own `isInstalled()` and Electron's index.js: path.txt names the executable under
 * dist/ (or under ELECTRON_OVERRIDE_DIST_PATH) and dist/version is this package's version.
 * @param {string} pkgDir
 * @param {string} version
 * @param {NodeJS.ProcessEnv} env
 */
function installedExecutable(pkgDir, version, env) {
  const pathTxt = readText(join(pkgDir, 'path.txt'));
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const exe = join(env.ELECTRON_OVERRIDE_DIST_PATH, pathTxt || 'electron');
    return existsSync(exe) ? exe : undefined;
  }
  if (
    !pathTxt ||
    readText(join(pkgDir, 'dist', 'version'))
      ?.replace(/^v/, '')
      .trim() !== version
  )
    return undefined;
  const exe = join(pkgDir, 'dist', pathTxt);
  return existsSync(exe) ? exe : undefined;
}

/**
 * @param {string} pkgDir
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<{ code: number | null, stderr: string, networkError?: { url?: string, code?: string, message?: string } }>}
 */
function runInstaller(pkgDir, env) {
  return new Promise((resolve) => {
    // stderr is kept, not shown: on failure the installer prints a stack trace, which is explained instead.
    const child = spawn(process.execPath, ['--import', CAUSE_HOOK, join(pkgDir, 'install.js')], {
      cwd: pkgDir,
      env,
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    // A 110 MB download can take minutes: show that it is alive (the installer's progress bar needs a terminal).
    const beat = process.stdout.isTTY ? setInterval(() => process.stdout.write('.'), 5000) : undefined;
    let settled = false;
    const done = (code) => {
      if (settled) return;
      settled = true;
      if (beat) {
        clearInterval(beat);
        process.stdout.write('\n');
      }
      const lines = stderr.split('\n');
      const marked = lines.filter((l) => l.startsWith(CAUSE_MARK)).pop();
      const rest = lines.filter((l) => !l.startsWith(CAUSE_MARK)).join('\n');
      let networkError;
      try {
        networkError = marked ? JSON.parse(marked.slice(CAUSE_MARK.length)) : undefined;
      } catch {
        networkError = undefined;
      }
      resolve({ code, stderr: rest, ...(networkError ? { networkError } : {}) });
    };
    child.on('error', (e) => {
      stderr += `\n${e.message}`;
      done(null);
    });
    child.on('close', (code) => done(code));
  });
}

/** @param {string} file */
function readText(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** @param {string} file */
function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}
