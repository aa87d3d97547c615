import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  assertOperatorsInCapitals,
  compileQuery,
  freeTextToFts,
  parseQuery,
  QueryError,
  type QueryNode,
  splitWordsOf,
  toFtsQuery,
  tokenize,
  tokenizeDoc,
  unwrapQuotedQuery,
} from '../../src/analysis/query.ts';

function word(token: string): QueryNode {
  return { type: 'term', tokens: [token], prefix: false };
}
function phrase(...tokens: string[]): QueryNode {
  return { type: 'term', tokens, prefix: false };
}
function prefix(...tokens: string[]): QueryNode {
  return { type: 'term', tokens, prefix: true };
}
function and(...children: QueryNode[]): QueryNode {
  return { type: 'and', children };
}
function or(...children: QueryNode[]): QueryNode {
  return { type: 'or', children };
}
function not(child: QueryNode): QueryNode {
  return { type: 'not', child };
}

function rejection(source: string): QueryError {
  try {
    parseQuery(source);
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(source)} to be rejected`);
}

function matches(query: string, ...fields: string[]): boolean {
  return compileQuery(query).matches(tokenizeDoc(...fields));
}

describe('tokenize', () => {
  it('lowercases, strips diacritics and splits on anything but letters and digits', () => {
    expect(tokenize('Café—CRÈME brûlée, e-commerce & Q3 2024!')).toEqual([
      'cafe',
      'creme',
      'brulee',
      'e',
      'commerce',
      'q3',
      '2024',
    ]);
    expect(tokenize('  !!! --- ')).toEqual([]);
    expect(tokenize('naïve Ünïcödé')).toEqual(['naive', 'unicode']);
  });

  it('makes each character of a script written without spaces a token, keeping kana voicing', () => {
    expect(tokenize('ネスレ日本、最高益')).toEqual(['ネ', 'ス', 'レ', '日', '本', '最', '高', '益']);
    expect(tokenize('iPhone販売 Zürich')).toEqual(['iphone', '販', '売', 'zurich']);
    // Half-width katakana read as full-width; ガ (ka with its voicing mark) is not カ.
    expect(tokenize('ｶﾞｽ ガス カス')).toEqual(['ガ', 'ス', 'ガ', 'ス', 'カ', 'ス']);
    expect(tokenize('삼성전자')).toEqual(['삼', '성', '전', '자']);
  });
});

describe('ß and ss', () => {
  it('are one spelling to the matcher, ẞ too', () => {
    expect(tokenize('Straßenbau GROẞE Grossauftrag')).toEqual(['strassenbau', 'grosse', 'grossauftrag']);
    for (const query of [
      'grossauftrag',
      'GROSSAUFTRAG',
      'großauftrag',
      'strasse*',
      'stras*',
      '"große pläne"',
    ])
      expect(matches(query, 'Straßenbau: Großauftrag', 'GROẞE PLÄNE'), query).toBe(true);
  });

  it('are both searched in the index, which keeps ß: every ss of a term also as ß', () => {
    expect(compileQuery('strasse*').toFts()).toBe('("strasse" * OR "straße" *)');
    expect(compileQuery('stras*').toFts()).toBe('("stras" * OR "straß" *)');
    expect(compileQuery('acme -großauftrag').toFts()).toBe('"acme" NOT ("grossauftrag" OR "großauftrag")');
    // No word begins with ß.
    expect(compileQuery('sso').toFts()).toBe('"sso"');
  });
});

describe('terms in scripts written without spaces', () => {
  const title = 'ネスレ日本、過去最高益を発表';
  const text = 'ソシエテ・ジェネラルで顧客情報が流出。Nestlé Japan の売上は好調';

  it('match inside a run of characters, as the phrase of their characters', () => {
    expect(parseQuery('最高益')).toEqual(phrase('最', '高', '益'));
    for (const query of [
      '最高益',
      'ネスレ',
      '顧客',
      'ソシエテ・ジェネラル',
      'ソシエテジェネラル',
      '"nestle japan の売上"',
    ])
      expect(matches(query, title, text), query).toBe(true);
    for (const query of ['最高の益', '益最高', 'ネスレ -顧客', '"発表 ソシエテ"'])
      expect(matches(query, title, text), query).toBe(false);
  });

  it('take a * as nothing more: they already match inside longer words', () => {
    expect(parseQuery('ネス*')).toEqual(phrase('ネ', 'ス'));
    expect(parseQuery('益*')).toEqual(word('益'));
  });

  it('are searched in the split_words column, where their characters are tokens', () => {
    expect(compileQuery('nestle OR ネスレ').toFts()).toBe('"nestle" OR split_words : "ネ ス レ"');
    expect(freeTextToFts('ネスレ 最高益 pricing')).toBe(
      'split_words : "ネ ス レ" split_words : "最 高 益" "pricing"',
    );
  });

  it('give split_words only to items that hold such a script, with their fields kept apart', () => {
    expect(splitWordsOf('Acme prices', 'up 5%', '')).toBeNull();
    expect(splitWordsOf('ネスレ Japan', '最高益', '')).toBe('ネ ス レ japan \ue000 最 高 益 \ue000 ');
  });
});

describe('tokenizeDoc', () => {
  it('records ascending positions per token and a sorted list of distinct tokens', () => {
    const doc = tokenizeDoc('b a b c');
    expect(doc.tokens).toEqual(['b', 'a', 'b', 'c']);
    expect(doc.positions.get('b')).toEqual([0, 2]);
    expect(doc.positions.get('c')).toEqual([3]);
    expect(doc.terms).toEqual(['a', 'b', 'c']);
  });

  it('leaves a gap between fields so a phrase cannot span title and body, as in FTS5 columns', () => {
    const doc = tokenizeDoc('Price', 'increase ahead');
    expect(doc.tokens).toEqual(['price', '', 'increase', 'ahead']);
    expect(compileQuery('"price increase"').matches(doc)).toBe(false);
    expect(compileQuery('price increase').matches(doc)).toBe(true);
    expect(compileQuery('"price increase"').matches(tokenizeDoc('Price increase ahead'))).toBe(true);
  });
});

describe('parseQuery', () => {
  it('joins adjacent terms with an implicit AND, equal to an explicit one', () => {
    expect(parseQuery('acme pricing')).toEqual(and(word('acme'), word('pricing')));
    expect(parseQuery('acme AND pricing')).toEqual(parseQuery('acme pricing'));
  });

  it('binds OR tighter than AND, as web search does', () => {
    expect(parseQuery('a OR b c')).toEqual(and(or(word('a'), word('b')), word('c')));
    expect(parseQuery('a b OR c')).toEqual(and(word('a'), or(word('b'), word('c'))));
    expect(parseQuery('a AND b | c')).toEqual(and(word('a'), or(word('b'), word('c'))));
  });

  it('binds NOT and - tighter than AND and OR', () => {
    expect(parseQuery('x NOT a b')).toEqual(and(word('x'), not(word('a')), word('b')));
    expect(rejection('x NOT a OR b').message).toMatch(/needs a term that must match/);
    expect(parseQuery('-a b')).toEqual(and(not(word('a')), word('b')));
    expect(parseQuery('b -(a OR c)')).toEqual(and(word('b'), not(or(word('a'), word('c')))));
  });

  it('reads an en or em dash before a word as -, as autocorrect and pasted text write it', () => {
    expect(parseQuery('acme \u2013globex')).toEqual(and(word('acme'), not(word('globex'))));
    expect(parseQuery('pricing \u2014job')).toEqual(and(word('pricing'), not(word('job'))));
    expect(matches('acme \u2013globex', 'acme and globex merge')).toBe(false);
    expect(matches('acme \u2013globex', 'acme news')).toBe(true);
    // A dash between spaced words stays punctuation, as a lone "-" does.
    expect(parseQuery('price \u2013 increase')).toEqual(parseQuery('price increase'));
  });

  it('uses parentheses to override precedence and flattens nested groups of the same kind', () => {
    expect(parseQuery('(a OR b) c')).toEqual(and(or(word('a'), word('b')), word('c')));
    expect(parseQuery('a OR (b OR c)')).toEqual(or(word('a'), word('b'), word('c')));
    expect(parseQuery('((a))')).toEqual(word('a'));
  });

  it('parses the examples from the topic form', () => {
    expect(parseQuery('pricing OR "price increase" -job')).toEqual(
      and(or(word('pricing'), phrase('price', 'increase')), not(word('job'))),
    );
    expect(parseQuery('(acme OR "acme corp") NOT (hiring OR careers)')).toEqual(
      and(or(word('acme'), phrase('acme', 'corp')), not(or(word('hiring'), word('careers')))),
    );
    expect(parseQuery('saa* churn')).toEqual(and(prefix('saa'), word('churn')));
  });

  it('treats lowercase or, and, not as ordinary words', () => {
    expect(parseQuery('cats or dogs and not fish')).toEqual(
      and(word('cats'), word('or'), word('dogs'), word('and'), word('not'), word('fish')),
    );
  });

  it('tokenises phrases and words, so punctuation inside a word makes a phrase', () => {
    expect(parseQuery('"Price-Increase  2024"')).toEqual(phrase('price', 'increase', '2024'));
    expect(parseQuery('e-commerce')).toEqual(phrase('e', 'commerce'));
    expect(parseQuery('\u201cacme corp\u201d')).toEqual(phrase('acme', 'corp'));
  });

  it('ignores words without letters or digits, a lone dash, and groups of them', () => {
    expect(parseQuery('acme !!! (???) - pricing')).toEqual(and(word('acme'), word('pricing')));
    expect(parseQuery('acme OR !!!')).toEqual(word('acme'));
  });

  it('parses prefixes on words, on the last token of a punctuated word, and after a phrase', () => {
    expect(parseQuery('SaA*')).toEqual(prefix('saa'));
    expect(parseQuery('e-comm*')).toEqual(prefix('e', 'comm'));
    expect(parseQuery('"price incr"*')).toEqual(prefix('price', 'incr'));
  });

  it('folds case and diacritics in the query', () => {
    expect(parseQuery('CAFÉ Über')).toEqual(and(word('cafe'), word('uber')));
  });

  it('cancels double negation', () => {
    expect(parseQuery('a --b')).toEqual(and(word('a'), word('b')));
    expect(parseQuery('a NOT -b')).toEqual(and(word('a'), word('b')));
  });
});

describe('unwrapQuotedQuery', () => {
  it('takes the quotes off a whole query typed inside them, never off a phrase', () => {
    expect(unwrapQuotedQuery('"gaza OR israel*"')).toBe('gaza OR israel*');
    expect(unwrapQuotedQuery('“(acme OR globex) -hiring”')).toBe('(acme OR globex) -hiring');
    expect(unwrapQuotedQuery('"price increase"')).toBe('"price increase"');
    expect(unwrapQuotedQuery('"price increase" OR "price hike"')).toBe('"price increase" OR "price hike"');
    expect(unwrapQuotedQuery('"self-serve onboarding"')).toBe('"self-serve onboarding"');
    expect(unwrapQuotedQuery('pricing OR discount*')).toBe('pricing OR discount*');
  });
});

describe('query errors', () => {
  it.each([
    [
      'pricing OR "price increase',
      'the phrase opened by " at position 11 is never closed: add a " where it ends',
      11,
    ],
    ['a b)', 'unexpected ")" at position 3: remove it or add a "(" before it', 3],
    [')', 'unexpected ")" at position 0: remove it or add a "(" before it', 0],
    ['(a OR b', 'missing ")" for "(" at position 0: add ")" to close the group', 0],
    ['x (a (b)', 'missing ")" for "(" at position 2: add ")" to close the group', 2],
    ['OR pricing', '"OR" at position 0 needs a term on both sides', 0],
    ['pricing OR', '"OR" at position 8 needs a term on both sides', 8],
    ['a | | b', '"|" at position 2 needs a term on both sides', 2],
    ['(OR a)', '"OR" at position 1 needs a term on both sides', 1],
    ['a AND OR b', '"AND" at position 2 needs a term on both sides', 2],
    ['AND a', '"AND" at position 0 needs a term on both sides', 0],
    ['acme ""', 'empty phrase "" at position 5: put words between the quotes or remove them', 5],
    ['a " " b', 'empty phrase "" at position 2: put words between the quotes or remove them', 2],
    ['a () b', 'empty group () at position 2: put terms between the parentheses or remove them', 2],
    ['acme NOT', '"NOT" at position 5 needs a term after it', 5],
    ['acme -OR b', '"-" at position 5 needs a term after it', 5],
    ['acme -)', 'unexpected ")" at position 6: remove it or add a "(" before it', 6],
    ['s*', 'prefix s* at position 0 needs at least 2 letters or digits before *', 0],
    ['acme x-s*', 'prefix x-s* at position 5 needs at least 2 letters or digits before *', 5],
    ['acme *', 'prefix * at position 5 needs at least 2 letters or digits before *', 5],
    [
      'acme OR -job',
      'the group at position 8 needs a term that must match: ' +
        'a side of OR made only of exclusions cannot be searched; add a word or "phrase" to it',
      8,
    ],
    [
      'acme OR (-job -careers)',
      'the group at position 8 needs a term that must match: ' +
        'a side of OR made only of exclusions cannot be searched; add a word or "phrase" to it',
      8,
    ],
  ])('rejects %j', (source, message, position) => {
    const error = rejection(source);
    expect(error.message).toBe(message);
    expect(error.position).toBe(position);
    expect(error.code).toBe('INVALID_QUERY');
    expect(error).toBeInstanceOf(Error);
  });

  it.each(['', '   ', '-job', 'NOT job', '-job -careers', '!!!', '-(a OR b)', '(-job)'])(
    'rejects %j as having no term that must match',
    (source) => {
      const error = rejection(source);
      expect(error.message).toBe(
        'a query needs at least one term that must match: add a word or "phrase" that is not excluded',
      );
      expect(error.position).toBe(0);
    },
  );
});

describe('assertOperatorsInCapitals', () => {
  it.each([
    ['acme or globex', 'or', 'OR', 5],
    ['ACME Or Globex', 'Or', 'OR', 5],
    ['pricing and (discount OR coupon)', 'and', 'AND', 8],
    ['(acme) not job', 'not', 'NOT', 7],
    ['acme and -job', 'and', 'AND', 5],
  ])(
    'refuses a lower-case operator between two terms in %j, with its position',
    (source, word, upper, position) => {
      let error: unknown;
      try {
        assertOperatorsInCapitals(source);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(QueryError);
      expect((error as QueryError).message).toBe(
        `"${word}" at position ${position}: did you mean ${upper}? Operators are written in capitals; put "${word}" in quotes to search the word`,
      );
      expect((error as QueryError).position).toBe(position);
    },
  );

  it.each(['acme OR globex', 'black "and" white', '"rock and roll"', 'or acme', 'acme or', 'not-for-profit'])(
    'accepts %j',
    (source) => {
      expect(() => assertOperatorsInCapitals(source)).not.toThrow();
    },
  );

  it('leaves free-text questions alone: their operator words are words', () => {
    expect(freeTextToFts('acme or globex')).toBe('"acme" "globex"');
  });

  it.each([
    ['acme NEAR(price, 5)', 'acme price', 5],
    ['NEAR(price,increase,3) -job', 'price increase -job', 0],
    ['price NEAR/5 increase', 'price increase', 6],
    ['acme near(price, 2)', 'acme price', 5],
  ])('refuses NEAR in %j, suggesting its words without the distance', (source, instead, position) => {
    let error: unknown;
    try {
      assertOperatorsInCapitals(source);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(QueryError);
    expect((error as QueryError).message).toMatch(
      new RegExp(`^NEAR is not supported: .* Try \`${instead.replace(/[-]/g, '\\$&')}\` \\(every word\\)`),
    );
    expect((error as QueryError).position).toBe(position);
  });

  it('searches "near" as a word in a sentence', () => {
    expect(() => assertOperatorsInCapitals('shops near me')).not.toThrow();
  });
});

describe('compileQuery().matches', () => {
  it('matches words regardless of case and diacritics on either side', () => {
    expect(matches('cafe', 'Best CAFÉ in town')).toBe(true);
    expect(matches('Café', 'best cafe in town')).toBe(true);
    expect(matches('cafe', 'cafeteria news')).toBe(false);
  });

  it('matches phrases only as consecutive tokens, across punctuation', () => {
    expect(matches('"price increase"', 'Acme announces a price-increase for 2025')).toBe(true);
    expect(matches('"price increase"', 'PRICE: increase!')).toBe(true);
    expect(matches('"price increase"', 'the price will increase')).toBe(false);
    expect(matches('"price increase"', 'increase price')).toBe(false);
    expect(matches('"very very good"', 'it was very very good')).toBe(true);
    expect(matches('"very very good"', 'it was very good, very')).toBe(false);
    expect(matches('e-commerce', 'E commerce growth')).toBe(true);
  });

  it('matches prefixes, including as the last token of a phrase', () => {
    expect(matches('saa*', 'SaaS pricing')).toBe(true);
    expect(matches('saa*', 'saa')).toBe(true);
    expect(matches('saa*', 'sa is not it; nor is isaac')).toBe(false);
    expect(matches('"price incr"*', 'price increases again')).toBe(true);
    expect(matches('"price incr"*', 'price decreases, incredible')).toBe(false);
  });

  it('applies AND, OR and exclusions', () => {
    const query = '(acme OR "acme corp") NOT (hiring OR careers)';
    expect(matches(query, 'Acme cuts prices')).toBe(true);
    expect(matches(query, 'Acme Corp is hiring')).toBe(false);
    expect(matches(query, 'Acme careers page')).toBe(false);
    expect(matches(query, 'Globex cuts prices')).toBe(false);
    expect(matches('pricing OR "price increase" -job', 'job ads mention pricing')).toBe(false);
    expect(matches('pricing OR "price increase" -job', 'a price increase is coming')).toBe(true);
    expect(matches('pricing OR "price increase" -job', 'price increase hits job market')).toBe(false);
    expect(matches('saa* churn', 'churn in SaaS')).toBe(true);
    expect(matches('saa* churn', 'SaaS growth')).toBe(false);
  });

  it('can be reused across many documents', () => {
    const compiled = compileQuery('acme -job');
    const docs = ['acme news', 'acme job', 'globex'].map((text) => tokenizeDoc(text));
    expect(docs.map((doc) => compiled.matches(doc))).toEqual([true, false, false]);
    expect(docs.map((doc) => compiled.matches(doc))).toEqual([true, false, false]);
    expect(compiled.source).toBe('acme -job');
    expect(compiled.ast).toEqual(and(word('acme'), not(word('job'))));
  });
});

describe('toFtsQuery', () => {
  it.each([
    ['pricing', '"pricing"'],
    ['"price increase"', '"price increase"'],
    ['saa*', '"saa" *'],
    ['e-comm*', '"e comm" *'],
    ['saa* churn', '"saa" * AND "churn"'],
    ['a b OR c', '"a" AND ("b" OR "c")'],
    ['pricing OR "price increase" -job', '("pricing" OR "price increase") NOT "job"'],
    ['x -y -z', '"x" NOT "y" NOT "z"'],
    ['a b -c', '("a" AND "b") NOT "c"'],
    ['-c (a OR b)', '("a" OR "b") NOT "c"'],
    ['(acme OR "acme corp") NOT (hiring OR careers)', '("acme" OR "acme corp") NOT ("hiring" OR "careers")'],
    ['a -(b -c)', '"a" NOT ("b" NOT "c")'],
    ['near or and not', '"near" AND "or" AND "and" AND "not"'],
  ])('translates %j', (source, fts) => {
    expect(compileQuery(source).toFts()).toBe(fts);
    expect(toFtsQuery(parseQuery(source))).toBe(fts);
  });

  it('escapes double quotes inside tokens', () => {
    expect(toFtsQuery(word('say "hi"'))).toBe('"say ""hi"""');
  });

  it('rejects hand-built trees whose negative-only groups FTS5 cannot express', () => {
    for (const ast of [
      not(word('a')),
      or(word('a'), and(not(word('b')), not(word('c')))),
      or(word('a'), not(word('b'))),
    ]) {
      let caught: unknown;
      try {
        toFtsQuery(ast);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(QueryError);
      expect((caught as QueryError).message).toBe(
        'FTS5 cannot search a group made only of exclusions: add a word or "phrase" that must match to the group',
      );
      expect((caught as QueryError).position).toBeNull();
    }
  });
});

const DOCS: ReadonlyArray<readonly [number, string, string]> = [
  [1, 'Acme raises prices', 'The price increase hits SaaS customers next month.'],
  [2, 'Acme Corp is hiring', 'The careers page lists 12 new jobs.'],
  [3, 'Café culture', 'A new cafe opens downtown with espresso.'],
  [4, 'Churn report', 'SaaS churn rose as pricing changed.'],
  [5, 'E-commerce trends', 'Online e-commerce sales grew; ecommerce platforms consolidate.'],
  [6, 'Pricing update', 'No job cuts were announced.'],
  [7, 'Price', 'increase expected in Q3 for most plans.'],
  [8, 'Saab recalls cars', 'Saab and Volvo issue a joint statement.'],
  [9, 'Naïve forecasts', 'Analysts were naive about demand.'],
  [10, 'Acme job fair', 'Acme is hosting a job fair for engineers.'],
  [11, 'Quarterly results', 'Revenue up, price-increase planned for enterprise plans.'],
  [12, 'Competitor news', 'Globex cut prices; acme corp responded.'],
  [13, 'Hiring freeze', 'Globex announces a hiring freeze and layoffs.'],
  [14, 'Weather', 'Sunny with a chance of rain.'],
  [15, 'Über pricing', 'Uber surge pricing faces scrutiny.'],
  [16, 'OR and NOT', 'Or, and, not are ordinary words here.'],
];

const AGREEMENT_CASES: ReadonlyArray<readonly [string, number[]]> = [
  ['pricing OR "price increase" -job', [1, 4, 11, 15]],
  ['(acme OR "acme corp") NOT (hiring OR careers)', [1, 10, 12]],
  ['saa* churn', [4]],
  ['saa*', [1, 4, 8]],
  ['café', [3]],
  ['CAFE OR naïve', [3, 9]],
  ['"price increase"', [1, 11]],
  ['price increase', [1, 7, 11]],
  ['e-commerce', [5]],
  ['"e comm"*', [5]],
  ['acme -job -careers', [1, 12]],
  ['globex (hiring OR prices) -layoffs', [12]],
  ['or and not', [16]],
  ['acme AND corp | churn', [2, 12]],
  ['NOT job acme', [1, 2, 12]],
  ['pric* -(surge OR "no job")', [1, 4, 7, 11, 12]],
  ['-(acme corp) (acme OR globex)', [1, 10, 13]],
  ['uber surge', [15]],
];

describe('FTS5 agreement', () => {
  const db = new Database(':memory:');
  db.exec("CREATE VIRTUAL TABLE t USING fts5(title, text, tokenize='unicode61 remove_diacritics 2')");
  const insert = db.prepare('INSERT INTO t (rowid, title, text) VALUES (?, ?, ?)');
  for (const [rowid, title, text] of DOCS) insert.run(rowid, title, text);
  const search = db.prepare('SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid');

  function ftsRowids(fts: string): number[] {
    return (search.all(fts) as Array<{ rowid: number }>).map((row) => Number(row.rowid));
  }

  it.each(AGREEMENT_CASES)('%j finds the same rows in SQLite and in memory', (source, expected) => {
    const compiled = compileQuery(source);
    const inMemory = DOCS.filter(([, title, text]) => compiled.matches(tokenizeDoc(title, text))).map(
      ([rowid]) => rowid,
    );
    expect(inMemory).toEqual(expected);
    expect(ftsRowids(compiled.toFts())).toEqual(expected);
  });

  /** Each query finds the same rows in memory as FTS5 does in table `t` of `fts`. */
  function expectAgreement(
    fts: Database.Database,
    docs: ReadonlyArray<readonly [number, string, string]>,
    cases: ReadonlyArray<readonly [string, number[]]>,
  ): void {
    const matching = fts.prepare('SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid').pluck();
    for (const [source, expected] of cases) {
      const compiled = compileQuery(source);
      const inMemory = docs.filter(([, title, text]) => compiled.matches(tokenizeDoc(title, text)));
      expect(
        inMemory.map(([rowid]) => rowid),
        source,
      ).toEqual(expected);
      expect(matching.all(compiled.toFts()), source).toEqual(expected);
    }
  }

  it('agrees on terms in Japanese and Chinese, searched in split_words', () => {
    const intl = new Database(':memory:');
    intl.exec(
      "CREATE VIRTUAL TABLE t USING fts5(title, text, split_words, tokenize='unicode61 remove_diacritics 2')",
    );
    const docs = [
      [1, 'ネスレ日本、過去最高益を発表', 'Nestlé Japan の売上は好調。'],
      [2, 'チューリッヒ保険、保険料を引き上げ', '顧客から不満の声。'],
      [3, '雀巢公司发布季度业绩', '利润创新高。'],
      [4, 'Nestlé beats forecasts', 'Record profit.'],
      [5, '保険', '料金の改定'],
    ] as const;
    const insert = intl.prepare('INSERT INTO t (rowid, title, text, split_words) VALUES (?, ?, ?, ?)');
    for (const [rowid, title, text] of docs) insert.run(rowid, title, text, splitWordsOf(title, text));
    const cases: Array<[string, number[]]> = [
      ['最高益', [1]],
      ['保険料', [2]],
      ['不満', [2]],
      ['雀巢', [3]],
      ['nestle OR 雀巢', [1, 3, 4]],
      ['nestle -ネスレ', [4]],
      ['"nestle japan の"', [1]],
      ['保険* -不満', [5]],
      ['(保険 OR 利润) -料', [3]],
    ];
    expectAgreement(intl, docs, cases);
    expect(intl.prepare('SELECT rowid FROM t WHERE t MATCH ?').pluck().all(freeTextToFts('保険料'))).toEqual([
      2,
    ]);
  });

  it('agrees on ß and ss, whichever is written', () => {
    const german = new Database(':memory:');
    german.exec("CREATE VIRTUAL TABLE t USING fts5(title, text, tokenize='unicode61 remove_diacritics 2')");
    const docs = [
      [1, 'Straßenbau: Großauftrag für Zürich', 'Ein großer Erfolg.'],
      [2, 'Grossauftrag in Zürich', 'Die Strasse wird gesperrt.'],
      [3, 'GROẞE PLÄNE in Vevey', 'An der Hauptstraße.'],
      [4, 'Glasscheiben', 'Die Messe beginnt.'],
    ] as const;
    const insert = german.prepare('INSERT INTO t (rowid, title, text) VALUES (?, ?, ?)');
    for (const [rowid, title, text] of docs) insert.run(rowid, title, text);
    const cases: Array<[string, number[]]> = [
      ['grossauftrag', [1, 2]],
      ['GROSSAUFTRAG', [1, 2]],
      ['großauftrag -zürich', []],
      ['strasse*', [1, 2]],
      ['stras*', [1, 2]],
      ['hauptstrasse', [3]],
      ['"grosse plane"', [3]],
      ['grosse*', [1, 3]],
      ['glasscheibe*', [4]],
      ['messe OR hauptstraße', [3, 4]],
    ];
    expectAgreement(german, docs, cases);
    const free = (text: string) =>
      german
        .prepare('SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid')
        .pluck()
        .all(freeTextToFts(text, { inflections: true }));
    expect(free('Grossaufträge')).toEqual([1, 2]);
    expect(free('Strasse')).toEqual([1, 2]);
    expect(free('grossauftrag zürich strasse')).toEqual([1, 2]);
    expect(free('gesperrte grossauftrag')).toEqual([2]);
    expect(free('Straßen')).toEqual([1]);
  });

  it('joining title and body into one string lets a phrase span them, unlike FTS5 columns', () => {
    const compiled = compileQuery('"price increase"');
    const [, title, text] = DOCS[6] as readonly [number, string, string];
    expect(compiled.matches(tokenizeDoc(`${title} ${text}`))).toBe(true);
    expect(compiled.matches(tokenizeDoc(title, text))).toBe(false);
    expect(ftsRowids(compiled.toFts())).not.toContain(7);
  });

  describe('freeTextToFts', () => {
    it('keeps the topical words of a question and ANDs them', () => {
      expect(freeTextToFts('What are customers saying about pricing?')).toBe('"pricing"');
      expect(freeTextToFts('price increase for SaaS')).toBe('"price" "increase" "saas"');
      expect(freeTextToFts('the and or')).toBe('"the" "and" "or"');
      expect(freeTextToFts('  ?! ')).toBeNull();
      expect(ftsRowids(freeTextToFts('Price increase') as string)).toEqual([1, 7, 11]);
    });

    it('with inflections, finds the other English forms of each word', () => {
      expect(freeTextToFts('renewals', { inflections: true })).toBe('"renewal"*');
      expect(freeTextToFts('pricing prices priced', { inflections: true })).toBe('"pric"* "pric"* "pric"*');
      expect(freeTextToFts('companies outages fixes', { inflections: true })).toBe(
        '"compan"* "outag"* "fixes"*',
      );
      // Short words, -ss/-us/-is words, numbers and other scripts are kept as they are.
      expect(freeTextToFts('sso ai business status 2026 цены', { inflections: true })).toBe(
        '"sso" "ai" AND ("business"* OR "busineß"*) AND "status"* "2026" "цены"',
      );
      expect(ftsRowids(freeTextToFts('Prices increased', { inflections: true }) as string)).toEqual(
        ftsRowids('"pric"* "increas"*'),
      );
      expect(ftsRowids(freeTextToFts('Prices increased', { inflections: true }) as string)).toEqual(
        expect.arrayContaining(ftsRowids(freeTextToFts('Price increase') as string)),
      );
    });

    it.each([
      '"unbalanced',
      'NEAR(',
      'NEAR(a b, 2)',
      '*',
      '-',
      '-title',
      'AND',
      'OR',
      'NOT',
      ')))',
      '(((',
      'title:acme',
      '{title text}: acme',
      '^acme',
      'acme +',
      '🔥🚀 pricing 💸',
      "'; DROP TABLE t; --",
      '""',
      'a"b"c',
      'price*',
      '\u0000',
      '\ud800 lone surrogate',
      'NOT pricing',
      'pricing AND',
      'café OR naïve',
    ])('never produces an FTS5 syntax error for %j', (input) => {
      const fts = freeTextToFts(input);
      if (fts !== null) expect(fts).toMatch(/^"[\p{L}\p{N}]+"( "[\p{L}\p{N}]+")*$/u);
      expect(() => ftsRowids(fts ?? '"x"')).not.toThrow();
    });
  });
});
