// A small structured logger: one JSON line per entry on stderr, so process output stays greppable
// when the demo runs several processes in one terminal.
import { config } from './config';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = Exclude<keyof typeof LEVELS, 'silent'>;

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** Safe to call at module load: the configuration is read at the first write, not here. */
export function logger(name: string): Logger {
  const write = (level: Level) => (msg: string, fields?: Record<string, unknown>) => {
    if (LEVELS[level] < LEVELS[config().LOG_LEVEL]) return;
    const entry = { t: new Date().toISOString(), level, name, msg, ...fields };
    process.stderr.write(`${JSON.stringify(entry, errorReplacer)}\n`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

function errorReplacer(_key: string, value: unknown) {
  return value instanceof Error ? { name: value.name, message: value.message } : value;
}
