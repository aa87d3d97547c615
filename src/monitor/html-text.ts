const LATIN1_NAMES =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 ' +
  'acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde ' +
  'Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc ' +
  'Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml ' +
  'aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc ' +
  'otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';

const GREEK_UPPER = 'Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho';
const GREEK_UPPER_2 = 'Sigma Tau Upsilon Phi Chi Psi Omega';
const GREEK_LOWER =
  'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigmaf sigma ' +
  'tau upsilon phi chi psi omega';

const OTHER_ENTITIES: Record<string, number> = {
  quot: 0x22,
  QUOT: 0x22,
  amp: 0x26,
  AMP: 0x26,
  apos: 0x27,
  lt: 0x3c,
  LT: 0x3c,
  gt: 0x3e,
  GT: 0x3e,
  COPY: 0xa9,
  REG: 0xae,
  Tab: 0x09,
  NewLine: 0x0a,
  excl: 0x21,
  num: 0x23,
  dollar: 0x24,
  percnt: 0x25,
  lpar: 0x28,
  rpar: 0x29,
  ast: 0x2a,
  midast: 0x2a,
  plus: 0x2b,
  comma: 0x2c,
  period: 0x2e,
  sol: 0x2f,
  colon: 0x3a,
  semi: 0x3b,
  equals: 0x3d,
  quest: 0x3f,
  commat: 0x40,
  lsqb: 0x5b,
  lbrack: 0x5b,
  bsol: 0x5c,
  rsqb: 0x5d,
  rbrack: 0x5d,
  Hat: 0x5e,
  lowbar: 0x5f,
  grave: 0x60,
  lcub: 0x7b,
  lbrace: 0x7b,
  verbar: 0x7c,
  vert: 0x7c,
  rcub: 0x7d,
  rbrace: 0x7d,
  NonBreakingSpace: 0xa0,
  half: 0xbd,
  centerdot: 0xb7,
  pm: 0xb1,
  div: 0xf7,
  OElig: 0x152,
  oelig: 0x153,
  Scaron: 0x160,
  scaron: 0x161,
  Yuml: 0x178,
  fnof: 0x192,
  circ: 0x2c6,
  tilde: 0x2dc,
  thetasym: 0x3d1,
  upsih: 0x3d2,
  piv: 0x3d6,
  ensp: 0x2002,
  emsp: 0x2003,
  emsp13: 0x2004,
  emsp14: 0x2005,
  numsp: 0x2007,
  puncsp: 0x2008,
  thinsp: 0x2009,
  ThinSpace: 0x2009,
  hairsp: 0x200a,
  ZeroWidthSpace: 0x200b,
  zwnj: 0x200c,
  zwj: 0x200d,
  lrm: 0x200e,
  rlm: 0x200f,
  hyphen: 0x2010,
  dash: 0x2010,
  ndash: 0x2013,
  mdash: 0x2014,
  horbar: 0x2015,
  Verbar: 0x2016,
  lsquo: 0x2018,
  rsquo: 0x2019,
  rsquor: 0x2019,
  sbquo: 0x201a,
  lsquor: 0x201a,
  ldquo: 0x201c,
  rdquo: 0x201d,
  rdquor: 0x201d,
  bdquo: 0x201e,
  ldquor: 0x201e,
  dagger: 0x2020,
  Dagger: 0x2021,
  ddagger: 0x2021,
  bull: 0x2022,
  bullet: 0x2022,
  nldr: 0x2025,
  hellip: 0x2026,
  mldr: 0x2026,
  permil: 0x2030,
  prime: 0x2032,
  Prime: 0x2033,
  lsaquo: 0x2039,
  rsaquo: 0x203a,
  oline: 0x203e,
  caret: 0x2041,
  frasl: 0x2044,
  MediumSpace: 0x205f,
  NoBreak: 0x2060,
  euro: 0x20ac,
  incare: 0x2105,
  image: 0x2111,
  weierp: 0x2118,
  numero: 0x2116,
  copysr: 0x2117,
  real: 0x211c,
  trade: 0x2122,
  TRADE: 0x2122,
  alefsym: 0x2135,
  frac13: 0x2153,
  frac23: 0x2154,
  frac15: 0x2155,
  frac18: 0x215b,
  larr: 0x2190,
  leftarrow: 0x2190,
  uarr: 0x2191,
  uparrow: 0x2191,
  rarr: 0x2192,
  rightarrow: 0x2192,
  darr: 0x2193,
  downarrow: 0x2193,
  harr: 0x2194,
  crarr: 0x21b5,
  lArr: 0x21d0,
  uArr: 0x21d1,
  rArr: 0x21d2,
  dArr: 0x21d3,
  hArr: 0x21d4,
  forall: 0x2200,
  part: 0x2202,
  exist: 0x2203,
  empty: 0x2205,
  nabla: 0x2207,
  isin: 0x2208,
  notin: 0x2209,
  ni: 0x220b,
  prod: 0x220f,
  sum: 0x2211,
  minus: 0x2212,
  lowast: 0x2217,
  radic: 0x221a,
  prop: 0x221d,
  infin: 0x221e,
  ang: 0x2220,
  and: 0x2227,
  or: 0x2228,
  cap: 0x2229,
  cup: 0x222a,
  int: 0x222b,
  there4: 0x2234,
  sim: 0x223c,
  cong: 0x2245,
  asymp: 0x2248,
  ap: 0x2248,
  ne: 0x2260,
  equiv: 0x2261,
  le: 0x2264,
  leq: 0x2264,
  ge: 0x2265,
  geq: 0x2265,
  sub: 0x2282,
  sup: 0x2283,
  nsub: 0x2284,
  sube: 0x2286,
  supe: 0x2287,
  oplus: 0x2295,
  otimes: 0x2297,
  perp: 0x22a5,
  sdot: 0x22c5,
  lceil: 0x2308,
  rceil: 0x2309,
  lfloor: 0x230a,
  rfloor: 0x230b,
  loz: 0x25ca,
  starf: 0x2605,
  bigstar: 0x2605,
  star: 0x2606,
  phone: 0x260e,
  female: 0x2640,
  male: 0x2642,
  spades: 0x2660,
  clubs: 0x2663,
  hearts: 0x2665,
  diams: 0x2666,
  flat: 0x266d,
  natural: 0x266e,
  sharp: 0x266f,
  check: 0x2713,
  checkmark: 0x2713,
  cross: 0x2717,
  malt: 0x2720,
  sext: 0x2736,
  lang: 0x27e8,
  rang: 0x27e9,
};

const NAMED_ENTITIES = buildEntityMap();

// HTML5 lets these few be written without the trailing semicolon ("&nbsp", "&copy 2024").
const LEGACY_ENTITIES = new Set([
  ...LATIN1_NAMES.split(' '),
  ...['amp', 'AMP', 'lt', 'LT', 'gt', 'GT', 'quot', 'QUOT', 'COPY', 'REG'],
]);

// HTML5 reads numeric references in the C1 range as Windows-1252, as old CMSes meant them.
const WINDOWS_1252 = new Map<number, number>([
  [0x80, 0x20ac],
  [0x82, 0x201a],
  [0x83, 0x0192],
  [0x84, 0x201e],
  [0x85, 0x2026],
  [0x86, 0x2020],
  [0x87, 0x2021],
  [0x88, 0x02c6],
  [0x89, 0x2030],
  [0x8a, 0x0160],
  [0x8b, 0x2039],
  [0x8c, 0x0152],
  [0x8e, 0x017d],
  [0x91, 0x2018],
  [0x92, 0x2019],
  [0x93, 0x201c],
  [0x94, 0x201d],
  [0x95, 0x2022],
  [0x96, 0x2013],
  [0x97, 0x2014],
  [0x98, 0x02dc],
  [0x99, 0x2122],
  [0x9a, 0x0161],
  [0x9b, 0x203a],
  [0x9c, 0x0153],
  [0x9e, 0x017e],
  [0x9f, 0x0178],
]);

const ENTITY = /&(?:#([xX][0-9a-fA-F]+|[0-9]+);?|([a-zA-Z][a-zA-Z0-9]*)(;?))/g;

function buildEntityMap(): Map<string, string> {
  const map = new Map<string, string>();
  const add = (names: string, first: number): void => {
    names.split(' ').forEach((name, index) => {
      map.set(name, String.fromCodePoint(first + index));
    });
  };
  add(LATIN1_NAMES, 0xa0);
  add(GREEK_UPPER, 0x391);
  add(GREEK_UPPER_2, 0x3a3);
  add(GREEK_LOWER, 0x3b1);
  for (const [name, codePoint] of Object.entries(OTHER_ENTITIES)) {
    map.set(name, String.fromCodePoint(codePoint));
  }
  return map;
}

function decodeNumericReference(reference: string): string {
  const hex = reference.charCodeAt(0) === 0x78 || reference.charCodeAt(0) === 0x58;
  let start = hex ? 1 : 0;
  while (start < reference.length - 1 && reference.charCodeAt(start) === 0x30) start++;
  // Seven digits hold every valid code point in either base; longer is out of range.
  if (reference.length - start > 7) return '\uFFFD';
  const codePoint = Number.parseInt(reference.slice(start), hex ? 16 : 10);
  const invalid = codePoint === 0 || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff);
  if (invalid) return '\uFFFD';
  return String.fromCodePoint(WINDOWS_1252.get(codePoint) ?? codePoint);
}

/**
 * Decodes HTML character references: named ones (Latin-1, Greek, typographic, XML's five and common
 * HTML5 names), decimal and hex ones. Unknown names stay as written; invalid code points become U+FFFD.
 */
export function decodeEntities(input: string): string {
  if (!input.includes('&')) return input;
  return input.replace(
    ENTITY,
    (
      match: string,
      numeric: string | undefined,
      name: string | undefined,
      semicolon: string,
      offset: number,
    ) => {
      if (numeric !== undefined) return decodeNumericReference(numeric);
      const decoded = NAMED_ENTITIES.get(name as string);
      if (decoded === undefined) return match;
      if (semicolon === ';') return decoded;
      // Without ";" only legacy names decode, and not before "=" (a query string such as "?a=1&copy=2").
      const legacy = LEGACY_ENTITIES.has(name as string) && input.charCodeAt(offset + match.length) !== 0x3d;
      return legacy ? decoded : match;
    },
  );
}

// Tags that do not break a line in a browser; every other tag separates words.
const INLINE_TAGS = new Set([
  'a',
  'abbr',
  'acronym',
  'b',
  'bdi',
  'bdo',
  'big',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'kbd',
  'label',
  'mark',
  'nobr',
  'q',
  'rp',
  'rt',
  'ruby',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'wbr',
]);

// Every HTML element, obsolete ones too, and LiveJournal's <lj>: a word between angle brackets that
// names none of them ("List<T>", "Vector<int>") is text, not a tag.
const HTML_ELEMENTS = new Set(
  (
    'a abbr acronym address applet area article aside audio b base basefont bdi bdo bgsound big blink ' +
    'blockquote body br button canvas caption center cite code col colgroup data datalist dd del details ' +
    'dfn dialog dir div dl dt em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 ' +
    'h4 h5 h6 head header hgroup hr html i iframe image img input ins isindex kbd keygen label legend li ' +
    'link listing lj main map mark marquee math menu menuitem meta meter multicol nav nextid nobr noembed ' +
    'noframes noscript object ol optgroup option output p param picture plaintext pre progress q rb rp rt ' +
    'rtc ruby s samp script search section select slot small source spacer span strike strong style sub ' +
    'summary sup svg table tbody td template textarea tfoot th thead time title tr track tt u ul var video ' +
    'wbr xml xmp'
  ).split(' '),
);

const maxNameLength = 40;

/**
 * Whether the "<" at `open` starts a tag: an HTML element's, a custom element's ("<lite-youtube>")
 * or a namespaced one's ("<o:p>"), in lower or upper case. A generic type or a component written
 * in a title ("List<T>", "Map<String, Integer>", "Fix <Select> crash") is text.
 */
function opensTag(input: string, open: number): boolean {
  const start = input.charCodeAt(open + 1) === SLASH ? open + 2 : open + 1;
  // Element names are short: looking no further keeps hostile input ("<a<a<a…") linear.
  const limit = Math.min(input.length, start + maxNameLength);
  let upper = 0;
  let end = start;
  for (; end < limit; end++) {
    const code = input.charCodeAt(end);
    if (isSpace(code) || code === SLASH || code === GREATER_THAN) break;
    // A custom element ("lite-youtube") or a namespaced one ("o:p").
    if (code === 0x2d || code === 0x3a) return true;
    if (code >= 0x41 && code <= 0x5a) upper++;
  }
  if (end === limit && limit < input.length) return true;
  const length = end - start;
  // "Select" or "TextField" is a component; "P", "BR" and "Br" are HTML written in capitals.
  if (upper > 0 && upper < length && length > 2) return false;
  return HTML_ELEMENTS.has(upper > 0 ? input.slice(start, end).toLowerCase() : input.slice(start, end));
}

// Raw-text elements end at the first matching end tag; the others can nest. A <title> in a body
// (Astronomy Picture of the Day's descriptions repeat the item's title in one) is never shown by a
// browser, nor is the fallback inside <video> and <audio> ("Your browser does not support the video
// tag."), so they are skipped too, but only up to their end tag: an unclosed one is a stray word.
const RAW_TEXT_TAGS = ['script', 'style', 'noscript', 'title', 'video', 'audio'] as const;
const SKIPPED_WHEN_CLOSED = new Set<string>(['title', 'video', 'audio']);
const NESTING_SKIPPED_TAGS = ['template', 'svg', 'math'] as const;

const SKIPPED_END_TAG = new Map<string, RegExp>(
  [...RAW_TEXT_TAGS, ...NESTING_SKIPPED_TAGS].map((name) => [
    name,
    new RegExp(`<(/?)${name}(?=[\\s/>]|$)`, 'gi'),
  ]),
);
const NESTING_SKIPPED = new Set<string>(NESTING_SKIPPED_TAGS);

const KNOWN_TAG_NAMES =
  'a|abbr|address|article|aside|audio|b|blockquote|body|br|button|caption|center|cite|code|dd|del|details|' +
  'div|dl|dt|em|figcaption|figure|font|footer|form|h[1-6]|header|hr|html|i|iframe|img|ins|li|main|mark|nav|' +
  'ol|p|picture|pre|q|s|section|small|source|span|strike|strong|sub|summary|sup|table|tbody|td|th|thead|' +
  'tr|u|ul|video';

// Markup a plain-text title rarely contains: an end tag, a tag with attributes, a self-closing tag, <br>.
const ESCAPED_MARKUP = new RegExp(
  `</(?:${KNOWN_TAG_NAMES})\\s*>|<(?:${KNOWN_TAG_NAMES})(?:\\s+[a-z][\\w:-]*\\s*=|\\s*/>)|<br\\s*>`,
  'i',
);

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u00ad\u200b\u2060\ufeff]/g;
// Leaves single spaces alone: replacing every run is the slowest step on typical HTML.
const WHITESPACE = /[^\S ]\s*| \s+/g;

const GREATER_THAN = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQUALS = 0x3d;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;

function isAsciiLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d || code === 0x0c;
}

function readTagName(input: string, from: number): number {
  let index = from;
  while (index < input.length) {
    const code = input.charCodeAt(index);
    if (isSpace(code) || code === SLASH || code === GREATER_THAN) break;
    index++;
  }
  return index;
}

/** Index of the ">" closing the tag whose attributes start at `from`, or -1 when the input ends first. */
function findTagEnd(input: string, from: number): number {
  const length = input.length;
  let index = from;
  while (index < length) {
    let code = input.charCodeAt(index);
    if (code === GREATER_THAN) return index;
    if (isSpace(code) || code === SLASH) {
      index++;
      continue;
    }
    // Attribute name; a leading "=" belongs to it, as in the HTML tokenizer.
    index++;
    while (index < length) {
      code = input.charCodeAt(index);
      if (isSpace(code) || code === SLASH || code === GREATER_THAN || code === EQUALS) break;
      index++;
    }
    while (index < length && isSpace(input.charCodeAt(index))) index++;
    if (input.charCodeAt(index) !== EQUALS) continue;
    index++;
    while (index < length && isSpace(input.charCodeAt(index))) index++;
    code = input.charCodeAt(index);
    if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
      const close = input.indexOf(code === DOUBLE_QUOTE ? '"' : "'", index + 1);
      if (close === -1) return -1;
      index = close + 1;
      continue;
    }
    while (index < length) {
      code = input.charCodeAt(index);
      if (isSpace(code) || code === GREATER_THAN) break;
      index++;
    }
  }
  return -1;
}

/**
 * Position after the end tag that closes a skipped element opened before `from`; -1 if none (an
 * end tag cut off by the end of input counts as there).
 */
function skipElement(input: string, name: string, from: number): number {
  const pattern = SKIPPED_END_TAG.get(name) as RegExp;
  const nests = NESTING_SKIPPED.has(name);
  let depth = 1;
  pattern.lastIndex = from;
  for (let match = pattern.exec(input); match !== null; match = pattern.exec(input)) {
    const isEnd = match[1] === '/';
    if (!isEnd && !nests) continue;
    const end = findTagEnd(input, match.index + match[0].length);
    if (end === -1) return input.length;
    if (isEnd) depth--;
    else if (input.charCodeAt(end - 1) !== SLASH) depth++;
    if (depth === 0) return end + 1;
    pattern.lastIndex = end + 1;
  }
  return -1;
}

function pushText(out: string[], text: string): void {
  out.push(text.includes('&') ? decodeEntities(text) : text);
}

/**
 * `sawTag`: a tag other than the `<div>` that wraps Atom's XHTML content (only `xmlns` or `type`
 * attributes, as rss-parser rebuilds it), so escaped markup inside a bare wrapper is read once more.
 */
type ScanState = { sawTag: boolean; cdataClose: number; unclosed?: Set<string> };

// The attributes of Atom's XHTML wrapper: xmlns and type only.
const XHTML_WRAPPER = /^(?:\s+(?:xmlns(?::[\w-]+)?|type)\s*=\s*(?:"[^"]*"|'[^']*'))*\s*\/?$/i;

/**
 * Consumes the tag, comment, CDATA section or bogus comment starting at `open`, writing what it
 * contributes to `out`. Returns the index after it, or -1 when the input ends inside it.
 */
function consumeMarkup(input: string, open: number, out: string[], state: ScanState): number {
  const next = input.charCodeAt(open + 1);

  if (isAsciiLetter(next) || (next === SLASH && isAsciiLetter(input.charCodeAt(open + 2)))) {
    const isEnd = next === SLASH;
    const nameStart = isEnd ? open + 2 : open + 1;
    const nameEnd = readTagName(input, nameStart);
    const end = findTagEnd(input, nameEnd);
    if (end === -1) return -1;
    const name = input.slice(nameStart, nameEnd).toLowerCase();
    // XHTML under a prefix (<xhtml:b>, <h:p>) is the same element as without it.
    const local = name.slice(name.indexOf(':') + 1);
    if (local !== 'div' || !(isEnd || XHTML_WRAPPER.test(input.slice(nameEnd, end)))) state.sawTag = true;
    if (!INLINE_TAGS.has(local)) out.push(' ');
    // Khoros (Lithium) communities write a mention as an empty <LI-USER login="name">: the name is its text.
    if (!isEnd && name === 'li-user') {
      const login = /\slogin\s*=\s*(?:"([^"]{1,80})"|'([^']{1,80})')/i.exec(input.slice(nameEnd, end));
      if (login) pushText(out, `@${login[1] ?? login[2]}`);
    }
    // "<svg/>" or XHTML's "<script src='…'/>" have no content to skip.
    const skips = SKIPPED_END_TAG.has(name) && !state.unclosed?.has(name);
    if (!isEnd && skips && input.charCodeAt(end - 1) !== SLASH) {
      const after = skipElement(input, name, end + 1);
      if (after !== -1) return after;
      if (!SKIPPED_WHEN_CLOSED.has(name)) return input.length;
      // Remembered, so a run of unclosed <title>s stays linear.
      state.unclosed ??= new Set();
      state.unclosed.add(name);
    }
    return end + 1;
  }

  if (next === BANG && input.startsWith('--', open + 2)) {
    const close = input.indexOf('-->', open + 2);
    return close === -1 ? -1 : close + 3;
  }

  if (next === BANG && input.startsWith('[CDATA[', open + 2)) {
    // Remember a missing "]]>" so a run of unterminated markers stays linear.
    if (state.cdataClose !== -1 && state.cdataClose < open + 9) {
      state.cdataClose = input.indexOf(']]>', open + 9);
    }
    if (state.cdataClose === -1) return open + 9;
    // Feeds wrap HTML in CDATA, so the section's text is read as HTML too.
    const inner: ScanState = { sawTag: false, cdataClose: -1 };
    out.push(stripMarkup(input.slice(open + 9, state.cdataClose), inner));
    state.sawTag ||= inner.sawTag;
    return state.cdataClose + 3;
  }

  if (next === SLASH && input.charCodeAt(open + 2) === GREATER_THAN) return open + 3;
  // DOCTYPE, processing instructions and "</3" are bogus comments up to the next ">".
  const close = input.indexOf('>', open + 2);
  return close === -1 ? -1 : close + 1;
}

/** Strips tags, comments and skipped elements and decodes entities in one left-to-right pass. */
function stripMarkup(input: string, state: ScanState): string {
  const out: string[] = [];
  const length = input.length;
  let index = 0;
  let textStart = 0;
  while (index < length) {
    const open = input.indexOf('<', index);
    if (open === -1) break;
    const next = input.charCodeAt(open + 1);
    // A "<" that starts nothing ("a < b", "<<<", "List<T>") is text.
    const startsTag = isAsciiLetter(next) || (next === SLASH && isAsciiLetter(input.charCodeAt(open + 2)));
    if (startsTag ? !opensTag(input, open) : next !== SLASH && next !== BANG && next !== QUESTION) {
      index = open + 1;
      continue;
    }
    if (open > textStart) pushSegment(out, input, textStart, open);
    const after = consumeMarkup(input, open, out, state);
    // Input that ends inside a tag or comment loses that tail, as in a browser.
    if (after === -1) return out.join('');
    index = after;
    textStart = after;
  }
  if (textStart < length) pushSegment(out, input, textStart, length);
  return out.join('');
}

// The elements whose text is code, where "]]>" alone is what the post is about.
const CODE_TAG_BEFORE = /<(?:code|kbd|pre|samp|tt)\b[^<>]*>$/i;

/**
 * The text from `start` to `end`, except a CDATA close standing alone after a tag (`</p>]]><p>`, a
 * template that wrapped an excerpt in CDATA and escaped it with its HTML): no words of the post. With
 * words around it, or inside `<code>`, it is text (a post about XML, "Escaping ]]> is hard").
 */
function pushSegment(out: string[], input: string, start: number, end: number): void {
  const text = input.slice(start, end);
  const strayClose =
    start > 0 &&
    text.length < 16 &&
    text.trim() === ']]>' &&
    !CODE_TAG_BEFORE.test(input.slice(Math.max(0, start - 200), start));
  if (strayClose) out.push(' ');
  else pushText(out, text);
}

// Embeddings, overrides and isolates: a feed can make a title show other text than it holds ("…exe.png").
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/g;
const BIDI_MARK = /[\u200e\u200f]/g;
// Hebrew, Arabic, Syriac, Thaana, N'Ko…: text where a left-to-right or right-to-left mark can be needed.
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;

// A C1 control in text the XML parser decoded (`&#146;` in a title) is Windows-1252, as for HTML above.
const C1_CONTROL = /[\u0080-\u009f]/g;

function fromWindows1252(char: string): string {
  const codePoint = WINDOWS_1252.get(char.charCodeAt(0));
  return codePoint === undefined ? char : String.fromCodePoint(codePoint);
}

function normalizeWhitespace(text: string): string {
  const visible = text.replace(C1_CONTROL, fromWindows1252).replace(INVISIBLE, '');
  return withoutBidiControls(visible).replace(WHITESPACE, ' ').trim();
}

function withoutBidiControls(text: string): string {
  const controlled = text.replace(BIDI_CONTROL, '');
  return RIGHT_TO_LEFT.test(controlled) ? controlled : controlled.replace(BIDI_MARK, '');
}

/**
 * Turns feed HTML into one line of plain text: drops scripts, styles, SVG and comments, strips tags
 * (block boundaries become spaces), decodes entities and collapses whitespace.
 *
 * Double escaping: when the input holds no real tags but its decoded text does look like markup (an
 * end tag, a tag with attributes, a self-closing tag or `<br>` of a known HTML element), the feed
 * escaped its HTML twice (`&amp;lt;p&amp;gt;` in the XML), so the decoded text is stripped and decoded
 * once more. Input with real tags is never re-read, so `<code>&lt;/div&gt;</code>` keeps its `</div>`.
 * An entity left in the decoded text (`&amp;` from `&amp;amp;`) is decoded once more, see ESCAPED_TWICE.
 */
export function htmlToText(input: string): string {
  if (typeof input !== 'string' || input === '') return '';
  if (!input.includes('<') && !input.includes('&')) return normalizeWhitespace(withoutStyleRules(input));
  const state: ScanState = { sawTag: false, cdataClose: -2 };
  let text = stripMarkup(input, state);
  if (!state.sawTag && text.includes('<') && ESCAPED_MARKUP.test(text)) {
    text = stripMarkup(text, { sawTag: false, cdataClose: -2 });
  }
  if (text.includes('&')) text = text.replace(ESCAPED_TWICE, decodeOnceMore);
  return normalizeWhitespace(withoutStyleRules(text));
}

/**
 * A style sheet left as text where a publisher stripped its <style> tags (".share-link a { margin:
 * 0 10px; background: url(…) }"): no reader's words, and its "background position" would be a theme.
 * A rule is a selector that starts as CSS does (a class, an id, an HTML element) and a block of
 * declarations only, so braces in prose or code ("JSON { "a": 1 }") stay.
 */
const STYLE_RULE =
  /(?<![\w-])(?:[.#][\w-]+|(?:a|p|div|span|body|img|ul|ol|li|table|td|th|tr|h[1-6]|\*)(?![\w-]))(?:[.#][\w-]+|::?[\w-]+|\[[^\]\n]{0,60}\])*(?:(?:\s*[,>+~]\s*|\s+)[.#]?[\w-]+(?:[.#][\w-]+|::?[\w-]+)*){0,6}\s*\{([^{}]{0,4000})\}/gi;
const DECLARATION = /^\s*-?[a-z][a-z-]*\s*:\s*\S/i;

function withoutStyleRules(text: string): string {
  if (!text.includes('{') || !text.includes(':')) return text;
  return text.replace(STYLE_RULE, (rule, block: string) =>
    block
      .split(';')
      .filter((part) => part.trim() !== '')
      .every((part) => DECLARATION.test(part))
      ? ' '
      : rule,
  );
}

/**
 * Entities escaped twice ("Merck &#x26;amp; Co." in the XML reads "Merck &amp; Co." once decoded),
 * which no writer means to show: punctuation and spaces only, never "<" or ">", so escaped markup
 * that is meant as text stays text.
 */
const ESCAPED_TWICE =
  /&(?:amp|quot|apos|nbsp|mdash|ndash|hellip|[lr]squo|[lr]dquo|#\d{2,5}|#x[\da-f]{2,4});/gi;

function decodeOnceMore(entity: string): string {
  const decoded = decodeEntities(entity);
  return decoded === '<' || decoded === '>' ? entity : decoded;
}

function isWhitespace(code: number): boolean {
  return isSpace(code) || code === 0xa0 || code === 0x0b;
}

function isTrailingJunk(code: number): boolean {
  return isWhitespace(code) || code === 0x2c || code === 0x3b || code === 0x3a;
}

/**
 * Shortens text to at most `max` characters, ellipsis included. Cuts at the last space unless that
 * would drop more than half of the allowance (a long URL or compound word is cut mid-word instead).
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (!(max >= 1)) return '';
  let cut = Math.floor(max) - 1;
  if (cut > 0 && !isWhitespace(text.charCodeAt(cut))) {
    let space = cut - 1;
    while (space > 0 && !isWhitespace(text.charCodeAt(space))) space--;
    if (space >= cut / 2) cut = space;
  }
  const code = text.charCodeAt(cut - 1);
  // Never split a surrogate pair (emoji, rare CJK) in two.
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  while (cut > 0 && isTrailingJunk(text.charCodeAt(cut - 1))) cut--;
  return `${text.slice(0, cut)}…`;
}
