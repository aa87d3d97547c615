import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The real-world feeds written by others, shared by the team. */
export const sharedFeedsDir = fileURLToPath(new URL('../../../shared/fixtures/feeds/', import.meta.url));
export const localFixturesDir = fileURLToPath(new URL('../fixtures/', import.meta.url));

export function sharedFeed(path: string): Buffer {
  return readFileSync(join(sharedFeedsDir, path));
}

export function listSharedFeeds(): string[] {
  const files: string[] = [];
  for (const folder of readdirSync(sharedFeedsDir, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    for (const file of readdirSync(join(sharedFeedsDir, folder.name))) {
      files.push(relative(sharedFeedsDir, join(sharedFeedsDir, folder.name, file)));
    }
  }
  return files.sort();
}
