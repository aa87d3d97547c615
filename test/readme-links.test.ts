import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The headings outside code blocks, as GitHub anchors them: lower case, punctuation dropped, spaces as dashes. */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let inCode = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) inCode = !inCode;
    const heading = inCode ? null : /^#{1,6} (.+)$/.exec(line)?.[1];
    if (!heading) continue;
    anchors.add(
      heading
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}_\- ]/gu, '')
        .replace(/ /g, '-'),
    );
  }
  return anchors;
}

describe('README.md', () => {
  it('opens with a table of contents whose every link reaches a heading', () => {
    const anchors = headingAnchors(readme);
    const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map((match) => match[1]);
    const opening = readme.split('\n').slice(0, 40).join('\n');
    expect(opening).toContain('**Contents:**');
    expect(links.length).toBeGreaterThanOrEqual(10);
    expect(links.filter((link) => !anchors.has(link ?? ''))).toEqual([]);
  });
});
