import type { Readable, Writable } from 'node:stream';
import type { Config } from '../config.ts';

export type ConsoleOptions = { input: Readable; output: Writable; interactive: boolean; demo: boolean };

/** Placeholder until the console lands: it is being written now. */
export async function startConsole(_config: Config, options: ConsoleOptions): Promise<number> {
  options.output.write('The console is not available yet.\n');
  return 1;
}
