// Helper processes of the benchmarks: the load they make must not share the measured event loop.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Node arguments that run a sibling bench script, compiled or from TypeScript, as this one runs. */
export function benchScript(name: string): string[] {
  const compiled = import.meta.url.endsWith('.js');
  const path = fileURLToPath(new URL(`./${compiled ? name.replace(/\.ts$/, '.js') : name}`, import.meta.url));
  return compiled ? [path] : ['--import', 'tsx', path];
}

/** Starts the stand-in Slack (Web API and response URLs) in its own process. */
export async function startFakeSlack(): Promise<{ port: number; stop(): void }> {
  const fake = spawn(process.execPath, benchScript('fake-slack.ts'), {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.once('exit', () => fake.kill());
  const port = await new Promise<number>((resolve) =>
    fake.stdout.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim()))),
  );
  return { port, stop: () => fake.kill() };
}
