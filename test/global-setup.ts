import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Tests that run the `briefbot` command use the compiled build: make sure it matches the sources. */
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
}
