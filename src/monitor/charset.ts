import { isAscii, isUtf8 } from 'node:buffer';
import { FeedError, FeedErrorCode } from '../errors.ts';

/**
 * Decodes a feed body: BOM (or UTF-32's and UTF-16's NUL bytes) first, then the HTTP charset, then the XML
 * declaration, then UTF-8.
 */
export function decodeBody(data: Uint8Array, contentType = ''): string {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const utf32 = utf32Of(bytes);
  if (utf32) return decodeUtf32(bytes.subarray(utf32.start), utf32.littleEndian);
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
  } else {
    charset = utf16WithoutBom(bytes);
  }
  charset ??= /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1];
  if (!charset) {
    const head = bytes.subarray(0, 512).toString('latin1');
    charset = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
  }
  // A declaration read as ASCII proves the bytes are not UTF-16, whatever it says: .NET writers that
  // serialise through a string declare "utf-16" and send UTF-8.
  if (start === 0 && /^utf-?16/i.test(charset ?? '') && !utf16WithoutBom(bytes)) charset = undefined;
  const body = bytes.subarray(start);
  const decoder = createDecoder(charset);
  if (decoder.encoding === 'windows-1252' || decoder.encoding === 'iso-8859-15') {
    if (mislabelledUtf8(body)) return strictUtf8.decode(body);
    return decoder.encoding === 'windows-1252' ? decodeWindows1252(body) : decoder.decode(body);
  }
  if (decoder.encoding !== 'utf-8' || start > 0) return decoder.decode(body);
  return decodeUtf8OrLegacy(body);
}

/**
 * UTF-16 written without a byte order mark, told by its first two characters being ASCII ("<?",
 * "{\"", whitespace) as XML 1.0 Appendix F does: one NUL byte after (LE) or before (BE) each.
 */
export function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length < 4) return undefined;
  const [a, b, c, d] = bytes as unknown as [number, number, number, number];
  if (a !== 0 && b === 0 && c !== 0 && d === 0 && a < 0x80 && c < 0x80) return 'utf-16le';
  if (a === 0 && b !== 0 && c === 0 && d !== 0 && b < 0x80 && d < 0x80) return 'utf-16be';
  return undefined;
}

/** Whether the bytes are UTF-16 or UTF-32 by a byte-order mark or their NUL bytes: text, not binary. */
export function isWideUnicode(bytes: Uint8Array): boolean {
  const bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  return bom || utf16WithoutBom(bytes) !== undefined || utf32Of(bytes) !== undefined;
}

/**
 * UTF-32, which the web's decoder does not know: by its byte-order mark (checked before UTF-16's,
 * which begins the same), or without one by a first character that is ASCII with three NUL bytes
 * after (LE) or before (BE) it, as XML 1.0 Appendix F tells it.
 */
function utf32Of(bytes: Uint8Array): { littleEndian: boolean; start: number } | undefined {
  if (bytes.length < 4) return undefined;
  const [a, b, c, d] = bytes as unknown as [number, number, number, number];
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return { littleEndian: true, start: 4 };
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return { littleEndian: false, start: 4 };
  if (a !== 0 && a < 0x80 && b === 0 && c === 0 && d === 0) return { littleEndian: true, start: 0 };
  if (a === 0 && b === 0 && c === 0 && d !== 0 && d < 0x80) return { littleEndian: false, start: 0 };
  return undefined;
}

/** UTF-32 text; a value that is no character (a surrogate, past U+10FFFF) or a cut-off last one is U+FFFD. */
function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = Math.floor(bytes.byteLength / 4);
  const parts: string[] = [];
  // String.fromCodePoint takes its characters as arguments: a chunk at a time stays within the call stack.
  for (let from = 0; from < count; from += 8192) {
    const codes: number[] = [];
    for (let index = from; index < Math.min(count, from + 8192); index++) {
      const code = view.getUint32(index * 4, littleEndian);
      codes.push(code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? 0xfffd : code);
    }
    parts.push(String.fromCodePoint(...codes));
  }
  if (bytes.byteLength % 4 !== 0) parts.push('\uFFFD');
  return parts.join('');
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('windows-1252');
// Bytes 0x80-0x9F in Windows-1252 (which the web, and feeds labelled ISO-8859-1, mean): curly quotes,
// dashes, the euro sign. Node 20's decoder returns control characters for them instead.
const windows1252High =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  return latin1
    .decode(bytes)
    .replace(/[\u0080-\u009f]/g, (char) => windows1252High[char.charCodeAt(0) - 0x80] as string);
}

/**
 * UTF-8 as declared (or assumed), unless the bytes are not UTF-8 at all: a feed labelled UTF-8 but
 * written in Windows-1252 (common with older publishing tools) would otherwise show "Caf\uFFFD".
 * A UTF-8 feed with a few broken sequences stays UTF-8.
 */
function decodeUtf8OrLegacy(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    const lenient = new TextDecoder('utf-8').decode(bytes);
    let broken = 0;
    let multibyte = 0;
    for (let index = 0; index < lenient.length; index++) {
      const code = lenient.charCodeAt(index);
      if (code === 0xfffd) broken++;
      else if (code > 0x7f) multibyte++;
    }
    return multibyte > broken ? lenient : decodeWindows1252(bytes);
  }
}

/**
 * A feed labelled ISO-8859-1 or Windows-1252 whose bytes are all valid UTF-8, with some characters
 * beyond ASCII, is UTF-8 under the wrong label (publishing tools that keep an old charset setting):
 * text really written in a single-byte charset almost never forms valid UTF-8, since an accented
 * letter followed by a space or a plain letter is not a UTF-8 sequence.
 */
function mislabelledUtf8(bytes: Uint8Array): boolean {
  return !isAscii(bytes) && isUtf8(bytes);
}

// Labels feeds declare that the web's decoder does not know, for charsets it knows under another name.
const charsetAliases: Record<string, string> = {
  maccyrillic: 'x-mac-cyrillic',
  'mac-cyrillic': 'x-mac-cyrillic',
  macroman: 'macintosh',
  'mac-roman': 'macintosh',
};

// IBM855 (DOS Cyrillic), which the web's decoder lacks: bytes 0x80-0xFF, from Python's cp855 codec.
const ibm855High =
  'ђЂѓЃёЁєЄѕЅіІїЇјЈљЉњЊћЋќЌўЎџЏюЮъЪаАбБцЦдДеЕфФгГ«»░▒▓│┤хХиИ╣║╗╝йЙ┐└┴┬├─┼кК╚╔╩╦╠═╬¤лЛмМнНоОп┘┌█▄Пя▀ЯрРсСтТуУжЖвВьЬ№\u00adыЫзЗшШэЭщЩчЧ§■\u00a0';

/** A decoder for a declared charset: the web's, under its own name or an alias, else IBM855's table, else UTF-8. */
function createDecoder(charset: string | undefined): { encoding: string; decode(bytes: Uint8Array): string } {
  const label = charset?.toLowerCase();
  if (label && /^(?:ibm|cp|ibm-)855$/.test(label)) {
    return {
      encoding: 'ibm855',
      decode: (bytes) =>
        latin1
          .decode(bytes)
          .replace(/[\u0080-\u00ff]/g, (char) => ibm855High[char.charCodeAt(0) - 0x80] as string),
    };
  }
  if (label) {
    try {
      return new TextDecoder(charsetAliases[label] ?? label);
    } catch {
      // An unknown charset label: UTF-8 is the most likely truth.
    }
  }
  return new TextDecoder('utf-8');
}

/** A feed's bytes as text, as decodeBody reads them; binary data (an image, an archive) is no feed. */
export function decodeFeedBytes(data: Uint8Array, contentType = ''): string {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (isBinary(bytes))
    throw new FeedError(FeedErrorCode.NotAFeed, 'This is not a feed: it is a binary file.');
  return decodeBody(bytes, contentType);
}

/**
 * Binary files (images, archives, PDFs) have NUL bytes from their first kilobyte on, or many of
 * them; a feed with a stray NUL (a corrupted database field) is text, and is read as the poller
 * reads it, the character dropped.
 */
function isBinary(bytes: Buffer): boolean {
  if (isWideUnicode(bytes)) return false;
  if (!bytes.includes(0)) return controlHeavy(bytes.subarray(0, 4096));
  if (bytes.subarray(0, 1024).includes(0)) return true;
  let nuls = 0;
  for (let index = bytes.indexOf(0); index !== -1; index = bytes.indexOf(0, index + 1)) nuls++;
  return nuls > bytes.length / 100;
}

/**
 * Compressed or random data without a NUL (a JPEG's body, an encrypted file): control characters
 * other than tabs and line ends make up more than 5% of it. Text, in any 8-bit encoding, has next
 * to none (a feed with a few stray ones from a database field stays text).
 */
function controlHeavy(head: Buffer): boolean {
  let controls = 0;
  for (const byte of head) {
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) || byte === 0x7f) controls++;
  }
  return controls > head.length / 20;
}
