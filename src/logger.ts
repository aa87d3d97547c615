import { displayFeedUrl } from './monitor/canonical-url.ts';

export const LogLevel = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof LogLevel;

export type Logger = {
  debug(meta: Record<string, unknown>, message: string): void;
  info(meta: Record<string, unknown>, message: string): void;
  warn(meta: Record<string, unknown>, message: string): void;
  error(meta: Record<string, unknown>, message: string): void;
};

const secretPattern = /\b(xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+|sk-[A-Za-z0-9_-]{8,})/g;

function redact(value: unknown): unknown {
  if (typeof value === 'string') return displayFeedUrl(value.replace(secretPattern, '[redacted]'));
  if (value instanceof Error)
    return { name: value.name, message: redact(value.message), code: (value as { code?: unknown }).code };
  return value;
}

/** One JSON line per entry on stderr: a static message plus metadata, tokens redacted. */
export function createLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = (line) => process.stderr.write(line),
): Logger {
  const threshold = LogLevel[level];
  function log(
    entryLevel: Exclude<LogLevel, 'silent'>,
    meta: Record<string, unknown>,
    message: string,
  ): void {
    if (LogLevel[entryLevel] < threshold) return;
    const entry: Record<string, unknown> = {
      time: new Date().toISOString(),
      level: entryLevel,
      msg: message,
    };
    for (const [key, value] of Object.entries(meta)) entry[key] = redact(value);
    write(`${JSON.stringify(entry)}\n`);
  }
  return {
    debug: (meta, message) => log('debug', meta, message),
    info: (meta, message) => log('info', meta, message),
    warn: (meta, message) => log('warn', meta, message),
    error: (meta, message) => log('error', meta, message),
  };
}

export const silentLogger: Logger = createLogger('silent');
