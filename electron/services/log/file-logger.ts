// The log: JSON lines in `<data dir>/logs/flink-desk.log`, rotated at a size limit (flink-desk.log.1 … .3), every
// line redacted. Written synchronously: a CLI command that ends or crashes never loses its last line, and lines are
// few (requests that failed, background work starting and stopping, warnings). Hand-written because rotation by
// size with synchronous appends is a dozen lines; the logging libraries are asynchronous streams.
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../ports';
import { redactFields, redactText } from './redact';

export interface FileLoggerOptions {
  dir: string;
  /** Which front end wrote the line: electron, web, cli. */
  source: string;
  maxBytes?: number;
  keep?: number;
  now?: () => number;
  /** How hints name the file to the user (home as ~); the real path by default. */
  displayFile?: string;
  /** Also to stderr (the serve host in a terminal). */
  echo?: (line: string) => void;
}

export function logFilePath(dataDir: string): string {
  return join(dataDir, 'logs', 'flink-desk.log');
}

export function fileLogger(options: FileLoggerOptions): Logger {
  const file = join(options.dir, 'flink-desk.log');
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const keep = options.keep ?? 3;
  const now = options.now ?? Date.now;
  let broken = false;

  const rotate = () => {
    for (let i = keep - 1; i >= 1; i--) {
      try {
        renameSync(`${file}.${i}`, `${file}.${i + 1}`);
      } catch {
        /* no such generation */
      }
    }
    renameSync(file, `${file}.1`);
  };

  const write = (level: string, message: string, fields?: Record<string, unknown>) => {
    if (broken) return;
    const line = `${JSON.stringify({ t: new Date(now()).toISOString(), level, src: options.source, pid: process.pid, msg: redactText(message), ...(fields ? redactFields(fields) : {}) })}\n`;
    try {
      mkdirSync(options.dir, { recursive: true, mode: 0o700 });
      try {
        if (statSync(file).size + line.length > maxBytes) rotate();
      } catch {
        /* a new file */
      }
      appendFileSync(file, line, { mode: 0o600 });
      options.echo?.(line);
    } catch {
      // A log that cannot be written must never break the app; say so once where someone may see it.
      broken = true;
      process.stderr.write(`flink-desk: cannot write the log ${file}; logging is off\n`);
    }
  };
  return {
    file: options.displayFile ?? file,
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}
