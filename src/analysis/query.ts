export type QueryNode =
  | { readonly type: 'term'; readonly tokens: readonly string[]; readonly prefix: boolean }
  | { readonly type: 'and'; readonly children: readonly QueryNode[] }
  | { readonly type: 'or'; readonly children: readonly QueryNode[] }
  | { readonly type: 'not'; readonly child: QueryNode };

export interface TokenizedDoc {
  /** Token at each position; '' marks the gap between two fields. */
  readonly tokens: readonly string[];
  /** Ascending positions of each distinct token. */
  readonly positions: ReadonlyMap<string, readonly number[]>;
  /** Distinct tokens sorted by UTF-16 code unit, so a prefix covers one contiguous range. */
  readonly terms: readonly string[];
}

export interface CompiledQuery {
  readonly source: string;
  readonly ast: QueryNode;
  matches(doc: TokenizedDoc): boolean;
  toFts(): string;
}

export class QueryError extends Error {
  readonly code = 'INVALID_QUERY';
  /** 0-based index into the query source; null when the error comes from a hand-built AST. */
  readonly position: number | null;

  constructor(
    message: string,
    position: number | null,
    /** The query as it was surely meant, when the mistake has one fix: "acme or globex" → "acme OR globex". */
    readonly fixed?: { query: string; operators: string[] },
  ) {
    super(message);
    this.name = 'QueryError';
    this.position = position;
  }
}

// Kana voicing marks (゛゜) stay: ガ is not カ. Every other mark is an accent and is dropped.
const COMBINING_MARKS = /(?![\u3099\u309a])\p{M}/gu;
const SEPARATORS = /[^\p{L}\p{N}\u3099\u309a]+/u;
/** Scripts written without spaces between words: Chinese, Japanese, Korean compounds, Thai, Lao, Khmer, Burmese. */
const UNSPACED_CLASS =
  '\\p{scx=Han}\\p{scx=Hiragana}\\p{scx=Katakana}\\p{scx=Hangul}\\p{scx=Thai}\\p{scx=Lao}\\p{scx=Khmer}\\p{scx=Myanmar}';
const UNSPACED = new RegExp(`[${UNSPACED_CLASS}]`, 'u');
const UNSPACED_PIECES = new RegExp(`[${UNSPACED_CLASS}]|[^${UNSPACED_CLASS}]+`, 'gu');
/** Between the fields of `split_words`: a private-use character, a token to FTS5 that no query ever holds. */
const FIELD_GAP = '\ue000';
const WHITESPACE = /\s/u;
// Slack and macOS turn typed quotes into curly ones, so all three open and close a phrase.
const QUOTES = new Set(['"', '\u201c', '\u201d']);
const WORD_END = new Set(['(', ')', '|', ...QUOTES]);
// Autocorrect and pasted documents turn a typed "-" into an en or em dash: before a word, all three exclude it.
const MINUS = new Set(['-', '\u2013', '\u2014']);
const MIN_PREFIX_LENGTH = 2;

// Words that carry no topic in questions like "what are customers saying about pricing".
const STOP_WORDS = new Set([
  'the',
  'a',
  'an',
  'of',
  'about',
  'what',
  'are',
  'is',
  'on',
  'for',
  'to',
  'in',
  'and',
  'or',
  'customer',
  'customers',
  'saying',
  // Words that join a question's subjects without being one: "pricing at acme" is acme pricing.
  'at',
  'with',
  'by',
  'from',
  'our',
  'their',
  'its',
  'this',
  'that',
  'how',
  'did',
  'do',
  'does',
  'has',
  'have',
  'was',
  'were',
  'be',
  'been',
  'any',
  'some',
  'v',
  'vs',
]);

const GROUP_NEEDS_POSITIVE =
  'FTS5 cannot search a group made only of exclusions: add a word or "phrase" that must match to the group';
const NEEDS_POSITIVE =
  'a query needs at least one term that must match: add a word or "phrase" that is not excluded';

// biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range, control characters included
const ASCII_ONLY = /^[\u0000-\u007f]*$/;
const ASCII_SEPARATORS = /[^a-z0-9]+/;

/**
 * Same split as SQLite FTS5 `unicode61 remove_diacritics 2` for Latin text. Text in a script written
 * without spaces (Japanese, Chinese, Thai…) has no words to split on: each of its characters is a
 * token, so a term in it, searched as the phrase of its characters, matches inside longer runs.
 */
export function tokenize(text: string): string[] {
  // Most feed text is ASCII: it needs no Unicode normalisation, and a simpler split is several times faster.
  if (ASCII_ONLY.test(text)) return asciiWords(text);
  const words = unicodeWords(text);
  return UNSPACED.test(text) ? words.flatMap(splitUnspaced) : words;
}

/** The words of a text split at spaces and punctuation only, a run of Japanese or Chinese as one word. */
function spacedWords(text: string): string[] {
  return ASCII_ONLY.test(text) ? asciiWords(text) : unicodeWords(text);
}

function asciiWords(text: string): string[] {
  return nonEmpty(text.toLowerCase().split(ASCII_SEPARATORS));
}

function unicodeWords(text: string): string[] {
  return nonEmpty(foldText(text).split(SEPARATORS));
}

/**
 * Text as the matcher compares it: lower case, accents dropped, ß as ss (Switzerland writes ss, and
 * ẞ lowercases to ß), half-width and full-width forms as the usual ones.
 */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase().replaceAll('ß', 'ss');
}

function nonEmpty(tokens: string[]): string[] {
  return tokens.filter((token) => token.length > 0);
}

/** A word's characters of unspaced scripts, one token each (recomposed: ガ, 삼); the rest of it as written. */
function splitUnspaced(word: string): string[] {
  if (!UNSPACED.test(word)) return [word];
  return word.normalize('NFC').match(UNSPACED_PIECES) ?? [];
}

/** Whether a text holds a character of a script written without spaces (see tokenize). */
export function hasUnspacedScript(text: string): boolean {
  return UNSPACED.test(text);
}

/** The full-text column that holds an item's tokens as tokenize splits them (see `splitWordsOf`). */
export const SPLIT_WORDS_COLUMN = 'split_words';

/**
 * An item's fields as tokenize splits them, for the `split_words` column of the full-text index
 * (whose own tokenizer keeps a run of Japanese as one word): a term in an unspaced script is
 * searched there. Fields are kept apart, as in tokenizeDoc. Null when no field holds such a script.
 */
export function splitWordsOf(...fields: string[]): string | null {
  if (!fields.some((field) => UNSPACED.test(field))) return null;
  return fields.map((field) => tokenize(field).join(' ')).join(` ${FIELD_GAP} `);
}

/**
 * Several fields (title, body) get a one-position gap between them, as FTS5 columns do,
 * so a phrase never matches across the end of one field and the start of the next.
 */
export function tokenizeDoc(...fields: string[]): TokenizedDoc {
  return docFromTokens(fields.map(tokenize));
}

/** The tokens a set of queries can ever look at: positions of other tokens need not be recorded. */
export type Vocabulary = { words: ReadonlySet<string>; prefixes: readonly string[] };

export function queryVocabulary(queries: readonly CompiledQuery[]): Vocabulary {
  const words = new Set<string>();
  const prefixes = new Set<string>();
  const visit = (node: QueryNode): void => {
    if (node.type === 'term') {
      node.tokens.forEach((token, index) => {
        if (node.prefix && index === node.tokens.length - 1) prefixes.add(token);
        else words.add(token);
      });
    } else if (node.type === 'not') visit(node.child);
    else for (const child of node.children) visit(child);
  };
  for (const query of queries) visit(query.ast);
  return { words, prefixes: [...prefixes] };
}

function inVocabulary(token: string, vocabulary: Vocabulary): boolean {
  if (vocabulary.words.has(token)) return true;
  for (const prefix of vocabulary.prefixes) if (token.startsWith(prefix)) return true;
  return false;
}

/**
 * The same document from fields already tokenised (analysis tokenises each item once). Given the
 * vocabulary of the queries it will meet, it indexes only those tokens: far cheaper per item.
 */
export function docFromTokens(fields: readonly (readonly string[])[], vocabulary?: Vocabulary): TokenizedDoc {
  const tokens: string[] = [];
  const positions = new Map<string, number[]>();
  for (const field of fields) {
    if (tokens.length > 0) tokens.push('');
    for (const token of field) {
      if (vocabulary === undefined || inVocabulary(token, vocabulary)) {
        const list = positions.get(token);
        if (list) list.push(tokens.length);
        else positions.set(token, [tokens.length]);
      }
      tokens.push(token);
    }
  }
  let terms: string[] | undefined;
  return {
    tokens,
    positions,
    // Sorted only when a prefix query asks: most topic queries never need it.
    get terms() {
      terms ??= [...positions.keys()].sort();
      return terms;
    },
  };
}

interface Lexeme {
  kind: 'term' | 'or' | 'and' | 'not' | 'minus' | 'lparen' | 'rparen' | 'eof';
  pos: number;
  text: string;
  tokens: string[];
  prefix: boolean;
}

function lex(source: string): Lexeme[] {
  const lexemes: Lexeme[] = [];
  const push = (kind: Lexeme['kind'], pos: number, text: string) =>
    lexemes.push({ kind, pos, text, tokens: [], prefix: false });
  let i = 0;
  while (i < source.length) {
    const char = source.charAt(i);
    if (WHITESPACE.test(char)) {
      i++;
    } else if (char === '(' || char === ')' || char === '|') {
      push(char === '(' ? 'lparen' : char === ')' ? 'rparen' : 'or', i, char);
      i++;
    } else if (QUOTES.has(char)) {
      i = lexPhrase(source, i, lexemes);
    } else if (MINUS.has(char) && startsOperand(source.charAt(i + 1))) {
      push('minus', i, char);
      i++;
    } else {
      const end = wordEnd(source, i);
      const word = source.slice(i, end);
      if (word === 'OR') push('or', i, word);
      else if (word === 'AND') push('and', i, word);
      else if (word === 'NOT') push('not', i, word);
      else
        lexemes.push(termLexeme(word, i, word.endsWith('*') ? word.slice(0, -1) : word, word.endsWith('*')));
      i = end;
    }
  }
  push('eof', source.length, '');
  return lexemes;
}

// A lone "-" (as in "price - increase") is punctuation, not an exclusion.
function startsOperand(char: string): boolean {
  return char !== '' && char !== ')' && char !== '|' && !WHITESPACE.test(char);
}

function wordEnd(source: string, start: number): number {
  let end = start;
  while (end < source.length) {
    const char = source.charAt(end);
    if (WHITESPACE.test(char) || WORD_END.has(char)) break;
    end++;
  }
  return end;
}

function lexPhrase(source: string, start: number, lexemes: Lexeme[]): number {
  let end = start + 1;
  while (end < source.length && !QUOTES.has(source.charAt(end))) end++;
  if (end >= source.length) {
    throw new QueryError(
      `the phrase opened by " at position ${start} is never closed: add a " where it ends`,
      start,
    );
  }
  const body = source.slice(start + 1, end);
  if (body.trim() === '') {
    throw new QueryError(
      `empty phrase "" at position ${start}: put words between the quotes or remove them`,
      start,
    );
  }
  const prefix = source.charAt(end + 1) === '*';
  const next = prefix ? end + 2 : end + 1;
  lexemes.push(termLexeme(source.slice(start, next), start, body, prefix));
  return next;
}

function termLexeme(raw: string, pos: number, body: string, typedPrefix: boolean): Lexeme {
  const tokens = tokenize(body);
  const last = tokens.at(-1);
  // A term in Japanese or Chinese already matches inside longer words: its * adds nothing.
  const prefix = typedPrefix && !(last !== undefined && hasUnspacedScript(last));
  if (prefix && (last === undefined || [...last].length < MIN_PREFIX_LENGTH)) {
    throw new QueryError(
      `prefix ${raw} at position ${pos} needs at least ${MIN_PREFIX_LENGTH} letters or digits before *`,
      pos,
    );
  }
  return { kind: 'term', pos, text: raw, tokens, prefix };
}

interface ParserState {
  readonly lexemes: readonly Lexeme[];
  index: number;
}

/** An operand that tokenised to nothing (like "!!!") has a position but a null node. */
interface Operand {
  node: QueryNode | null;
  pos: number;
}

/**
 * A whole query typed inside one pair of quotes, as on a command line: `"gaza OR israel*"`. When
 * what is inside uses the query language (OR, AND, NOT, *, parentheses, -exclusion), the quotes
 * wrap the query rather than make a phrase, which could never match; anything else stays as typed.
 */
export function unwrapQuotedQuery(source: string): string {
  const trimmed = source.trim();
  const inner = trimmed.slice(1, -1);
  const wrapped =
    trimmed.length > 2 && QUOTES.has(trimmed[0] as string) && QUOTES.has(trimmed.at(-1) as string);
  if (!wrapped || [...inner].some((char) => QUOTES.has(char))) return source;
  return /\b(?:OR|AND|NOT)\b|[*()]|(?:^|\s)-\w/.test(inner) ? inner.trim() : source;
}

const LOWER_CASE_OPERATORS = new Set(['or', 'and', 'not']);

/**
 * For queries a person saves or tests: "acme or globex" would search the word "or", so a
 * lower-case operator word between two terms is refused with a hint. Free text never comes here.
 */
export function assertOperatorsInCapitals(source: string): void {
  const lexemes = lex(source);
  refuseNear(source, lexemes);
  const slips = lexemes.filter((lexeme, index) => {
    if (lexeme.kind !== 'term' || !LOWER_CASE_OPERATORS.has(lexeme.text.toLowerCase())) return false;
    const before = lexemes[index - 1]?.kind;
    const after = lexemes[index + 1]?.kind;
    const afterTerm = before === 'term' || before === 'rparen';
    const beforeTerm = after === 'term' || after === 'lparen' || after === 'minus' || after === 'not';
    return afterTerm && beforeTerm;
  });
  const [first] = slips;
  if (!first) return;
  // Every slip in capitals at once, so the fixed query is not refused again for the next one.
  const query = slips.reduceRight(
    (fixed, slip) =>
      `${fixed.slice(0, slip.pos)}${slip.text.toUpperCase()}${fixed.slice(slip.pos + slip.text.length)}`,
    source,
  );
  const operators = [...new Set(slips.map((slip) => slip.text.toUpperCase()))];
  throw new QueryError(
    `"${first.text}" at position ${first.pos}: did you mean ${first.text.toUpperCase()}? Operators are written in capitals; put "${first.text}" in quotes to search the word`,
    first.pos,
    { query, operators },
  );
}

/**
 * "NEAR(price, 5)" or "price NEAR/5 increase", from other search tools: words close together are not
 * searched, and read as words "near" and "5" would match nothing. Refused, with the words kept.
 */
function refuseNear(source: string, lexemes: Lexeme[]): void {
  const at = lexemes.findIndex(
    (lexeme, index) =>
      lexeme.kind === 'term' &&
      /^near(?:\/\d+)?$/i.test(lexeme.text) &&
      (lexemes[index + 1]?.kind === 'lparen' || /^NEAR/.test(lexeme.text)),
  );
  const near = lexemes[at];
  if (!near) return;
  let end = at + 1;
  const inside: string[] = [];
  if (lexemes[end]?.kind === 'lparen') {
    for (let depth = 0; end < lexemes.length; end++) {
      const lexeme = lexemes[end] as Lexeme;
      if (lexeme.kind === 'lparen') depth++;
      else if (lexeme.kind === 'rparen' && --depth === 0) break;
      // The distance ("5") is no word to search.
      else if (lexeme.kind === 'term')
        inside.push(...lexeme.text.split(',').filter((word) => word && !/^\d+$/.test(word)));
    }
  }
  const after =
    lexemes[end]?.kind === 'rparen' ? (lexemes[end] as Lexeme).pos + 1 : near.pos + near.text.length;
  const instead = `${source.slice(0, near.pos)} ${inside.join(' ')} ${source.slice(after)}`
    .replace(/\s+/g, ' ')
    .trim();
  throw new QueryError(
    `NEAR is not supported: a query finds its words anywhere in an item, not close together${instead ? `. Try \`${instead}\` (every word), or put words that stand side by side in quotes ("price increase")` : ''}`,
    near.pos,
  );
}

export function parseQuery(source: string): QueryNode {
  const state: ParserState = { lexemes: lex(source), index: 0 };
  const result = parseAnd(state);
  const rest = peek(state);
  if (rest.kind === 'rparen') {
    throw new QueryError(
      `unexpected ")" at position ${rest.pos}: remove it or add a "(" before it`,
      rest.pos,
    );
  }
  if (rest.kind === 'or') throw needsBothSides(rest);
  if (result?.node == null || !isAnchored(result.node)) throw new QueryError(NEEDS_POSITIVE, 0);
  return result.node;
}

function peek(state: ParserState): Lexeme {
  // The lexer always ends with 'eof' and advance() never moves past it.
  return state.lexemes[state.index] as Lexeme;
}

function advance(state: ParserState): Lexeme {
  const lexeme = peek(state);
  if (lexeme.kind !== 'eof') state.index++;
  return lexeme;
}

function startsUnary(lexeme: Lexeme): boolean {
  return (
    lexeme.kind === 'term' || lexeme.kind === 'lparen' || lexeme.kind === 'not' || lexeme.kind === 'minus'
  );
}

/**
 * Terms side by side (or joined by AND) must all match. OR binds tighter, as in web search:
 * `pricing OR "price increase" -job` is (pricing OR "price increase") AND NOT job.
 * Null when there is no operand at all, e.g. at ")" or the end.
 */
function parseAnd(state: ParserState): Operand | null {
  const children: QueryNode[] = [];
  let start: number | null = null;
  for (;;) {
    const lexeme = peek(state);
    if (lexeme.kind === 'and') {
      advance(state);
      if (start === null || !startsUnary(peek(state))) throw needsBothSides(lexeme);
    } else if (lexeme.kind === 'or' && start === null) {
      throw needsBothSides(lexeme);
    } else if (startsUnary(lexeme)) {
      start ??= lexeme.pos;
      const child = parseOr(state);
      if (child) children.push(child);
    } else {
      break;
    }
  }
  return start === null ? null : { node: combine('and', children), pos: start };
}

function parseOr(state: ParserState): QueryNode | null {
  const alternatives: Operand[] = [{ pos: peek(state).pos, node: parseUnary(state) }];
  while (peek(state).kind === 'or') {
    const operator = advance(state);
    if (!startsUnary(peek(state))) throw needsBothSides(operator);
    alternatives.push({ pos: peek(state).pos, node: parseUnary(state) });
  }
  const present = alternatives.filter((alternative) => alternative.node !== null);
  const nodes: QueryNode[] = [];
  for (const alternative of present) {
    const node = alternative.node as QueryNode;
    if (present.length > 1 && !isAnchored(node)) {
      throw new QueryError(
        `the group at position ${alternative.pos} needs a term that must match: ` +
          'a side of OR made only of exclusions cannot be searched; add a word or "phrase" to it',
        alternative.pos,
      );
    }
    nodes.push(node);
  }
  return combine('or', nodes);
}

function parseUnary(state: ParserState): QueryNode | null {
  const lexeme = advance(state);
  if (lexeme.kind === 'not' || lexeme.kind === 'minus') {
    if (!startsUnary(peek(state))) {
      throw new QueryError(`"${lexeme.text}" at position ${lexeme.pos} needs a term after it`, lexeme.pos);
    }
    const child = parseUnary(state);
    if (child === null) return null;
    return child.type === 'not' ? child.child : { type: 'not', child };
  }
  if (lexeme.kind === 'lparen') {
    if (peek(state).kind === 'rparen') {
      throw new QueryError(
        `empty group () at position ${lexeme.pos}: put terms between the parentheses or remove them`,
        lexeme.pos,
      );
    }
    const inner = parseAnd(state);
    if (peek(state).kind === 'or') throw needsBothSides(peek(state));
    if (peek(state).kind !== 'rparen') {
      throw new QueryError(
        `missing ")" for "(" at position ${lexeme.pos}: add ")" to close the group`,
        lexeme.pos,
      );
    }
    advance(state);
    return inner?.node ?? null;
  }
  return lexeme.tokens.length === 0 ? null : { type: 'term', tokens: lexeme.tokens, prefix: lexeme.prefix };
}

function needsBothSides(operator: Lexeme): QueryError {
  return new QueryError(
    `"${operator.text}" at position ${operator.pos} needs a term on both sides`,
    operator.pos,
  );
}

function combine(type: 'and' | 'or', nodes: readonly QueryNode[]): QueryNode | null {
  const children: QueryNode[] = [];
  for (const node of nodes) {
    if (node.type === type) children.push(...node.children);
    else children.push(node);
  }
  if (children.length === 0) return null;
  if (children.length === 1) return children[0] as QueryNode;
  return { type, children };
}

/** A node is anchored when every document it matches must contain some token it names. */
function isAnchored(node: QueryNode): boolean {
  switch (node.type) {
    case 'term':
      return true;
    case 'and':
      return node.children.some(isAnchored);
    case 'or':
      return node.children.every(isAnchored);
    case 'not':
      return false;
  }
}

export function compileQuery(source: string): CompiledQuery {
  const ast = parseQuery(source);
  const fts = toFtsQuery(ast);
  const matches = compileNode(ast);
  return { source, ast, matches, toFts: () => fts };
}

type Matcher = (doc: TokenizedDoc) => boolean;

function compileNode(node: QueryNode): Matcher {
  switch (node.type) {
    case 'term':
      return compileTerm(node.tokens, node.prefix);
    case 'not': {
      const child = compileNode(node.child);
      return (doc) => !child(doc);
    }
    case 'and':
    case 'or': {
      // Plain words are checked in one tight loop before any closure call; most topics are mostly words.
      const words: string[] = [];
      const others: Matcher[] = [];
      for (const child of node.children) {
        if (child.type === 'term' && child.tokens.length === 1 && !child.prefix)
          words.push(child.tokens[0] as string);
        else others.push(compileNode(child));
      }
      return node.type === 'and' ? matchAll(words, others) : matchAny(words, others);
    }
  }
}

function matchAll(words: readonly string[], others: readonly Matcher[]): Matcher {
  return (doc) => {
    const positions = doc.positions;
    for (let i = 0; i < words.length; i++) {
      if (!positions.has(words[i] as string)) return false;
    }
    for (let i = 0; i < others.length; i++) {
      if (!(others[i] as Matcher)(doc)) return false;
    }
    return true;
  };
}

function matchAny(words: readonly string[], others: readonly Matcher[]): Matcher {
  return (doc) => {
    const positions = doc.positions;
    for (let i = 0; i < words.length; i++) {
      if (positions.has(words[i] as string)) return true;
    }
    for (let i = 0; i < others.length; i++) {
      if ((others[i] as Matcher)(doc)) return true;
    }
    return false;
  };
}

function compileTerm(tokens: readonly string[], prefix: boolean): Matcher {
  const last = tokens.length - 1;
  const head = tokens[0] as string;
  if (last === 0) {
    return prefix ? (doc) => hasPrefix(doc.terms, head) : (doc) => doc.positions.has(head);
  }
  const tail = tokens[last] as string;
  return (doc) => {
    const starts = doc.positions.get(head);
    if (starts === undefined) return false;
    const docTokens = doc.tokens;
    for (let s = 0; s < starts.length; s++) {
      const start = starts[s] as number;
      if (start + last >= docTokens.length) return false;
      let ok = true;
      for (let i = 1; i < last; i++) {
        if (docTokens[start + i] !== tokens[i]) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      const final = docTokens[start + last] as string;
      if (prefix ? final.startsWith(tail) : final === tail) return true;
    }
    return false;
  };
}

function hasPrefix(terms: readonly string[], prefix: string): boolean {
  let low = 0;
  let high = terms.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((terms[mid] as string) < prefix) low = mid + 1;
    else high = mid;
  }
  return low < terms.length && (terms[low] as string).startsWith(prefix);
}

/** FTS5 MATCH expression with the same meaning as the AST, for a table using the same tokenizer. */
export function toFtsQuery(ast: QueryNode): string {
  switch (ast.type) {
    case 'term':
      return ftsPhrase(ast.tokens, ast.prefix ? ' *' : '');
    case 'or':
      return ast.children.map(wrapFts).join(' OR ');
    case 'and': {
      // FTS5 NOT is binary ("a NOT b"), so exclusions hang off the positive part of the AND.
      const positives = ast.children.filter((child) => child.type !== 'not');
      const negatives = ast.children.flatMap((child) => (child.type === 'not' ? [child.child] : []));
      if (positives.length === 0) throw new QueryError(GROUP_NEEDS_POSITIVE, null);
      const positive = positives.map(wrapFts).join(' AND ');
      if (negatives.length === 0) return positive;
      const base = positives.length === 1 ? positive : `(${positive})`;
      return [base, ...negatives.map(wrapFts)].join(' NOT ');
    }
    case 'not':
      throw new QueryError(GROUP_NEEDS_POSITIVE, null);
  }
}

function wrapFts(node: QueryNode): string {
  return node.type === 'term' ? toFtsQuery(node) : `(${toFtsQuery(node)})`;
}

function ftsString(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/**
 * The phrase of some tokens (`suffix` a prefix's *, `typedPrefix` when a person cut the word short). One with a character of an unspaced script is
 * searched in `split_words`, whose tokens are ours; elsewhere the index keeps ß, which the matcher
 * reads as ss, so each ss of the phrase is also searched as ß.
 */
function ftsPhrase(tokens: readonly string[], suffix = '', typedPrefix = suffix !== ''): string {
  if (tokens.some(hasUnspacedScript))
    return `${SPLIT_WORDS_COLUMN} : ${ftsString(tokens.join(' '))}${suffix}`;
  const phrases = sharpSSpellings(tokens, typedPrefix).map((spelling) => `${ftsString(spelling)}${suffix}`);
  return phrases.length === 1 ? (phrases[0] as string) : `(${phrases.join(' OR ')})`;
}

const MAX_SPELLINGS = 16;

/**
 * The ways a phrase may be written with ß for ss ("strasse": strasse, straße), at most 16; a prefix
 * ending in one s may go on with ß ("stras*" finds Straße, which the matcher reads as strasse).
 */
function sharpSSpellings(tokens: readonly string[], prefix: boolean): string[] {
  const text = tokens.join(' ');
  if (!text.includes('s')) return [text];
  let spellings = [''];
  for (let i = 0; i < text.length; i++) {
    // No word begins with ß.
    const pair = text.startsWith('ss', i) && i > 0 && text.charAt(i - 1) !== ' ';
    spellings = spellings.flatMap((start) => (pair ? [`${start}ss`, `${start}ß`] : [start + text.charAt(i)]));
    if (pair) i++;
    if (spellings.length > MAX_SPELLINGS) spellings = spellings.slice(0, MAX_SPELLINGS);
  }
  if (prefix && text.endsWith('s') && !text.endsWith('ss'))
    spellings.push(...spellings.map((spelling) => `${spelling.slice(0, -1)}ß`));
  return [...new Set(spellings)].slice(0, MAX_SPELLINGS);
}

/**
 * FTS5 expression for plain user words (not the query language): every token quoted and ANDed,
 * stop words dropped unless nothing else is left. With `inflections`, a word also finds its other
 * English forms ("renewals" finds renewal, "pricing" price and prices): it is searched as the prefix
 * of its stem. Null when the text has no letters or digits.
 */
export function freeTextToFts(userText: string, options: { inflections?: boolean } = {}): string | null {
  const words = searchedWords(userText);
  if (words.length === 0) return null;
  const parts = words.map((word) => {
    const stem = options.inflections ? stemOf(word) : null;
    // A stem is no word cut short: "fixes" goes on as fixes, never as fixeß.
    return stem ? ftsPhrase([stem], '*', false) : ftsPhrase(splitUnspaced(word));
  });
  // FTS5 takes phrases side by side as AND, but a group ("strasse" OR "straße") only with AND written.
  return parts.reduce((joined, part, index) =>
    part.startsWith('(') || (parts[index - 1] as string).endsWith(')')
      ? `${joined} AND ${part}`
      : `${joined} ${part}`,
  );
}

/** Whether plain user text's `word` is one `freeTextToFts` leaves out beside others ("the", "about", "from"). */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** The words of plain user text that `freeTextToFts` searches: stop words dropped unless nothing else is left. */
export function searchedWords(userText: string): string[] {
  const tokens = spacedWords(userText);
  const meaningful = tokens.filter((token) => !isStopWord(token));
  return meaningful.length > 0 ? meaningful : tokens;
}

const minStem = 4;

/**
 * The stem of an English word without its commonest suffixes (plural -s/-es/-ies, -ing, -ed) and
 * final e, so that "prices", "pricing" and "priced" share "pric"; null for words shorter than 4
 * letters, numbers and words of other scripts, which are searched as written.
 */
/** The stem of a word, or the word itself when it has none to strip. */
export function wordForm(word: string): string {
  return stemOf(word) ?? word;
}

function stemOf(word: string): string | null {
  if (word.length < minStem || !/^[a-z]+$/.test(word)) return null;
  let stem = word;
  if (word.endsWith('ies')) stem = word.slice(0, -3);
  else if (/(?:ss|us|is)$/.test(word)) stem = word;
  else if (/(?:ches|shes|xes)$/.test(word)) stem = word.slice(0, -2);
  else if (word.endsWith('s')) stem = word.slice(0, -1);
  else if (word.endsWith('ing')) stem = word.slice(0, -3);
  else if (word.endsWith('ed')) stem = word.slice(0, -2);
  if (stem.endsWith('e') && stem.length > minStem) stem = stem.slice(0, -1);
  return stem.length >= minStem ? stem : word;
}
