/** Decodes a feed body: BOM first, then the HTTP charset, then the XML declaration, then UTF-8. */
export function decodeBody(data: Uint8Array, contentType = ''): string {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let charset: string | undefined;
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    charset = 'utf-8';
    start = 3;
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    charset = 'utf-16le';
    start = 2;
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    charset = 'utf-16be';
    start = 2;
  }
  charset ??= /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1];
  if (!charset) {
    const head = bytes.subarray(0, 512).toString('latin1');
    charset = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
  }
  const decoder = createDecoder(charset);
  return decoder.decode(bytes.subarray(start));
}

function createDecoder(charset: string | undefined): InstanceType<typeof TextDecoder> {
  if (charset) {
    try {
      return new TextDecoder(charset.toLowerCase());
    } catch {
      // An unknown charset label: UTF-8 is the most likely truth.
    }
  }
  return new TextDecoder('utf-8');
}
