// A child process for the store crash tests: opens a repository (and the history) in the data dir given, then
// appends a counter to the jobs document as fast as it can (a read-modify-write each time), printing each value
// once the write returned. The parent SIGKILLs it at
// random moments, or runs two at once against the same file.
import { openStores } from '../../../electron/services/store/stores';

const [dir, who = 'a', countArg = '1000000'] = process.argv.slice(2);
if (!dir) throw new Error('usage: store-writer DIR [WHO] [COUNT]');
const stores = openStores(dir);
const count = Number(countArg);
process.stdout.write('ready\n');
for (let i = 1; i <= count; i++) {
  stores.jobs.update((d) => ({ jobs: [...d.jobs, { who, n: i }] }));
  stores.history.append({ at: Date.now(), kind: 'test', subject: who, n: i });
  process.stdout.write(`${i}\n`);
}
