import pino from 'pino';
import type { Logger } from 'pino';
import pretty from 'pino-pretty';

/**
 * The process logger: one JSON object per line for log shippers, or, in a terminal (LOG_FORMAT=auto and
 * stdout a TTY, or LOG_FORMAT=pretty), human-readable coloured lines. Same fields either way; no personal data.
 */
export function processLogger(level: string, format: 'auto' | 'json' | 'pretty'): Logger {
  const readable = format === 'pretty' || (format === 'auto' && process.stdout.isTTY === true);
  if (!readable) return pino({ level });
  return pino(
    { level },
    pretty({
      colorize: process.stdout.isTTY === true,
      sync: true,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname',
    }),
  );
}
