// `npm start` (build, then launch the desktop app) and `npm run dev` (the same with the dev server and reload).
// Fetches Electron's binary first when it is missing, which a fresh `npm install` of Electron 45 leaves so.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ElectronBinaryError, ensureElectronBinary } from './electron-binary.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const say = (line) => process.stdout.write(`${line}\n`);
const fail = (message) => {
  process.stderr.write(`\n${process.argv.includes('--dev') ? 'npm run dev' : 'npm start'}: ${message}\n`);
  process.exit(1);
};
let dev = false;
try {
  dev = parseArgs({ options: { dev: { type: 'boolean', default: false } }, strict: true }).values.dev;
} catch (e) {
  fail(`${e.message} (the only option is --dev)`);
}

// The engines field of package.json only warns; the tools then fail obscurely (vite cannot load its config).
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (!((major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major >= 24)) {
  fail(`Node ${process.versions.node} is too old for the build tools (electron-vite 6, Vite 8, Vitest 4): use Node 20.19+ or 22.12+.`);
}

let electronPath;
try {
  electronPath = await ensureElectronBinary(root, process.env, { log: say });
} catch (e) {
  if (e instanceof ElectronBinaryError) fail(e.message);
  throw e;
}

const electronVitePkg = createRequire(join(root, 'package.json')).resolve('electron-vite/package.json');
const electronVite = join(dirname(electronVitePkg), JSON.parse(readFileSync(electronVitePkg, 'utf8')).bin['electron-vite']);
// `preview` builds main, preload and renderer, then launches Electron on package.json's "main".
const args = dev ? [electronVite, 'dev'] : [electronVite, 'preview'];
const child = spawn(process.execPath, args, {
  cwd: root,
  stdio: 'inherit',
  // electron-vite's own override: the binary just checked (honours ELECTRON_OVERRIDE_DIST_PATH, which it does not).
  env: { ...process.env, ELECTRON_EXEC_PATH: electronPath },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (e) => fail(`could not run electron-vite: ${e.message}`));
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
