import { allFunctionWords, detectLanguage } from './language.ts';
import { tokenize, wordForm } from './query.ts';

/** Common English function words: never a theme, never what makes a sentence central. */
export const stopWords = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both
  but by can could did do does doing down during each few for from further had has have having he her here hers him
  his how i if in into is it its itself just me more most my no nor not now of off on once only or other our ours out
  over own same she should so some such than that the their them then there these they this those through to too under
  until up us very was we were what when where which while who whom why will with would you your yours new says said
  says say one two three four five six seven eight nine ten may might must shall get got make made like via per yet still
  s t re ve ll d m amp quot nbsp http https www com read more continue reading`
    .split(/\s+/)
    .filter(Boolean),
);

export function contentTokens(text: string): string[] {
  return tokenize(text).filter((token) => token.length > 1 && !stopWords.has(token) && !/^\d+$/.test(token));
}

/** Sentences of a plain text, roughly: split after . ! ? before a capital or a quote. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=["“'(A-Z0-9])/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}

/**
 * What feed text carries besides words: web addresses ("http://bit.ly/2eHqpRt", "www.usbg.gov",
 * "pic.twitter.com/…") and e-mail addresses. Their pieces ("bit ly", "org", "pic twitter") are never a theme.
 */
const ADDRESSES =
  /\b(?:(?:https?|ftp):\/\/|www\.)\S+|\S+@[\w-]+(?:\.[\w-]+)+|\b(?:[a-z\d-]+\.)+(?:com|org|net|edu|gov|io|co|ly|me|tv|info|biz|uk|de|fr|in|gl|be|to|us)\b(?:\/\S*)?/gi;

/**
 * The lines feed software adds to every item ("Read more of this story at Slashdot.", "Read full
 * article >>", "The post … appeared first on …", "Continue reading…"): "story slashdot" and "full
 * article" are no theme.
 */
const FOOTERS =
  /\bread\s+(?:the\s+)?(?:more|full|whole|rest|entire)\b[^.!?>»]{0,80}(?:[.!?]|>>|»|$)|\bcontinue\s+reading\b[^.!?]{0,80}[.!?…]?|\bthe\s+post\b[\s\S]{1,300}?\bappeared\s+first\s+on\b[^.]{0,100}\.?/gi;

/** A document as themes read it: without addresses and the feed's own footer lines. */
export function themeText(text: string): string {
  return text.replace(ADDRESSES, ' ').replace(FOOTERS, ' ');
}

/** Markup and address words that leak into feed text ("nbsp", "href", "px", "utm"): never a theme. */
const markupWords = new Set(
  `nbsp amp quot apos href src srcset div span px em rgba rgb img jpg jpeg png gif webp svg ico php
  aspx htm http https www utm`
    .split(/\s+/)
    .filter(Boolean),
);

/** A token that is an identifier, not a word: a run of digits in letters ("v201509", "2ehqprt", "7837b2f6"). */
function isIdentifier(token: string): boolean {
  return /\d{4}/.test(token) && /[a-z]/.test(token);
}

/** The scaffolding of review sites ("Rating: 3 out of 5 stars. What do you dislike?"): never a theme. */
const reviewScaffolding = new Set(['rating', 'ratings', 'rated', 'star', 'stars', 'pros', 'cons', 'dislike']);

/**
 * A theme alone names a thing: never a word that only says how, when or what was done. The rule, by
 * word class, for one-word themes (a phrase may keep them: "first hour", "monthly bill"):
 * - adverbs and adjectives in -ly ("actually", "automatically"), but the nouns in -ly below;
 * - past forms in -ed ("called", "announced"), but the nouns in -ed below;
 * - the commonest English verbs in every form ("add", "know", "began"; `verbForms`), in a phrase too
 *   ("add ai"), as the verbs that only carry a sentence (`neverInTheme`);
 * - units of time, weekdays and months ("minutes", "wednesday"), and the words in `vagueAlone`.
 * An -ly word after another is no theme either ("updates automatically", "originally appeared").
 */
export function saysNoThingAlone(word: string): boolean {
  return (
    vagueAlone.has(word) ||
    timeWords.has(word) ||
    (/^[a-z]{3,}ly$/.test(word) && !nounsInLy.has(word)) ||
    (/^[a-z]{3,}ed$/.test(word) && !nounsInEd.has(word))
  );
}

const nounsInLy = new Set(
  `family supply reply assembly anomaly monopoly oligopoly rally italy sicily butterfly bully jelly belly lily
  holly poly kelly emily molly billy sally beverly shelly ashley bradley stanley riley wesley bentley oakley`
    .split(/\s+/)
    .filter(Boolean),
);
const nounsInEd = new Set('speed breed greed embed hundred steed creed tweed united'.split(' '));

/** A verb's forms: "add" gives add, adds, added, adding; irregular pasts are listed with their verb. */
function verbForms(entry: string): string[] {
  const [base = '', ...irregular] = entry.split('/');
  const stem = base.endsWith('e') ? base.slice(0, -1) : base;
  const third = /(?:s|sh|ch|x|z|o)$/.test(base) ? `${base}es` : `${base}s`;
  return [base, third, `${stem}ed`, `${stem}ing`, ...irregular];
}

/**
 * The commonest English verbs (the top of general word-frequency lists), which carry a sentence and
 * name nothing; those as often nouns ("call center", "start date", "nuclear talks", "parental leave") are not among them.
 */
const commonVerbs = new Set(
  `add ask become/became begin/began/begun/beginning believe bring/brought discuss do/did/done feel/felt find/found
  happen include keep/kept know/knew/known mean/meant seem tell/told think/thought try/tried/tries
  allow appear expect introduce mention announce
  accord decide remain say/said make/made thank see/saw/seen
  don doesn didn isn wasn aren weren couldn wouldn shouldn haven hasn`
    .split(/\s+/)
    .filter(Boolean)
    .flatMap(verbForms),
);

/** Units of time, weekdays and months: when a thing happened, never what. */
const timeWords = new Set(
  `second seconds minute minutes hour hours quarter quarters morning mornings evening night tonight tomorrow
  weekend weekends monday tuesday wednesday thursday friday saturday sunday january february march april june
  july august september october november december pt et utc gmt`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words of time and quantity that say nothing alone ("year"), though "first year" may: never a one-word theme. */
const vagueAlone = new Set([
  'another',
  'different',
  'available',
  'right',
  'hard',
  'sure',
  'year',
  'years',
  'month',
  'months',
  'week',
  'weeks',
  'day',
  'days',
  'today',
  'yesterday',
  'time',
  'times',
  'thing',
  'things',
  'way',
  'lot',
  'percent',
  // Who and how good, in any business's feeds: "support team" or "first year" may be a theme, "team" or "first" never.
  'team',
  'teams',
  'customer',
  'customers',
  'user',
  'users',
  'people',
  'company',
  'companies',
  'product',
  'products',
  'first',
  'last',
  'next',
  'best',
  'better',
  'good',
  'great',
  'whole',
  'many',
  'much',
  'every',
  'really',
  'well',
  'back',
  'even',
  'need',
  'want',
  'use',
  'using',
  'used',
  'work',
  'works',
]);

/**
 * What a source is, not what it says ("Acme Desk review: …", "latest topics"), and verbs that only
 * carry a sentence ("quote went up"): never in a theme, alone or in a phrase.
 */
const neverInTheme = new Set([
  'review',
  'reviews',
  'reviewer',
  'post',
  'posts',
  'blog',
  'news',
  'forum',
  'thread',
  'topic',
  'topics',
  'latest',
  'went',
  'goes',
  'going',
  'gone',
  'came',
  'come',
  'comes',
  'took',
  'take',
  'takes',
  'taken',
  'gave',
  'give',
  'gives',
  'put',
  'puts',
  'let',
  'lets',
]);

/**
 * Key phrases of a set of documents: words and two-word phrases found in at least two documents,
 * two-word phrases preferred, the subject's own words left out. `labels`: the names of the sources
 * ("StackRank: latest Help Desk Software reviews"), whose words are never a theme alone.
 */
export function keyPhrases(
  documents: string[],
  exclude: ReadonlySet<string>,
  limit = 5,
  labels: string[] = [],
): string[] {
  const labelWords = new Set(labels.flatMap(contentTokens));
  const foreign = foreignFunctionWords(documents);
  const spellings = surfaceSpellings(documents);
  const alone = (phrase: string) => !saysNoThingAlone(phrase) && !labelWords.has(phrase);
  // "updates automatically": an -ly word after another tells how, not what.
  // Kept in the text (dropping them would put their neighbours side by side), never in a theme.
  const phraseTells = (phrase: string) =>
    phrase.split(' ').every((word) => !commonVerbs.has(word)) &&
    (!/ [a-z]{3,}ly$/.test(phrase) || nounsInLy.has(phrase.split(' ')[1] ?? ''));
  // The subject's words are left out in every form ("renewal" when asked about renewals), and no
  // phrase spans one: "Acme raises Acme Desk prices" gives no "raises desk".
  const excluded = [...exclude].map(wordForm);
  const isSubject = (token: string) => excluded.some((form) => token.startsWith(form));
  const frequency = new Map<string, number>();
  // How often each word occurs, and how often right next to a subject word.
  const occurrences = new Map<string, number>();
  const besideSubject = new Map<string, number>();
  for (const document of documents) {
    const tokens = contentTokens(themeText(document)).filter(
      (token) =>
        !reviewScaffolding.has(token) &&
        !neverInTheme.has(token) &&
        !foreign.has(token) &&
        !markupWords.has(token) &&
        !isIdentifier(token),
    );
    const subject = tokens.map(isSubject);
    const seen = new Set<string>();
    tokens.forEach((token, index) => {
      if (subject[index]) return;
      seen.add(token);
      occurrences.set(token, (occurrences.get(token) ?? 0) + 1);
      if (subject[index - 1] || subject[index + 1])
        besideSubject.set(token, (besideSubject.get(token) ?? 0) + 1);
      const next = tokens[index + 1];
      if (next && next !== token && !subject[index + 1]) seen.add(`${token} ${next}`);
    });
    for (const phrase of seen) frequency.set(phrase, (frequency.get(phrase) ?? 0) + 1);
  }
  // A word nearly always beside the subject is part of its name ("desk" of "Acme Desk"), not a theme.
  const nameParts = new Set(
    [...besideSubject]
      .filter(([word, beside]) => beside >= 2 && beside >= 0.6 * (occurrences.get(word) ?? 0))
      .map(([word]) => word),
  );
  for (const phrase of [...frequency.keys()])
    if (phrase.split(' ').some((word) => nameParts.has(word))) frequency.delete(phrase);
  const ranked = [...frequency]
    .filter(([phrase, count]) => count >= 2 && phraseTells(phrase) && (phrase.includes(' ') || alone(phrase)))
    .map(([phrase, count]) => ({ phrase, score: count * (phrase.includes(' ') ? 1.6 : 1) }))
    .sort((a, b) => b.score - a.score || a.phrase.localeCompare(b.phrase));
  const chosen: string[] = [];
  for (const { phrase } of ranked) {
    const forms = phrase.split(' ').map(wordForm);
    // A word already inside a chosen phrase (or a phrase around a chosen word), in any of its forms
    // ("pricing" after "price"), adds nothing.
    if (chosen.some((other) => other.split(' ').some((word) => forms.includes(wordForm(word))))) continue;
    chosen.push(phrase);
    if (chosen.length >= limit) break;
  }
  return chosen.map((phrase) =>
    phrase
      .split(' ')
      .map((word) => spellings.get(word) ?? word)
      .join(' '),
  );
}

/**
 * The function words of the other languages the documents are in ("die", "für", "la", "de"), as
 * the tokens spell them (accents folded): never a theme. Only of languages found, so an English
 * "die" or "war" stays a word where no German is.
 */
function foreignFunctionWords(documents: string[]): Set<string> {
  const found = new Set<string>();
  for (const document of documents) {
    const language = detectLanguage(document, '');
    if (language && language !== 'en') found.add(language);
  }
  const words = new Set<string>();
  for (const language of found)
    for (const word of allFunctionWords(language)) words.add(tokenize(word)[0] ?? word);
  return words;
}

/**
 * Each accent-folded word of the documents in the spelling they use most ("fur" is "für",
 * "societe" "société"): themes are matched folded and shown as written.
 */
function surfaceSpellings(documents: string[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  // A set with no accent anywhere spells every word as it is matched.
  if (!documents.some((document) => NON_ASCII.test(document))) return new Map();
  for (const document of documents) {
    for (const written of document.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
      const [folded, ...more] = tokenize(written);
      if (!folded || more.length > 0) continue;
      const forms = counts.get(folded) ?? new Map<string, number>();
      forms.set(written, (forms.get(written) ?? 0) + 1);
      counts.set(folded, forms);
    }
  }
  const spellings = new Map<string, string>();
  for (const [folded, forms] of counts) {
    // The plain spelling counts too: "societe" written so more often than "société" stays plain.
    const [best] = [...forms].sort((a, b) => b[1] - a[1]);
    if (best && best[0] !== folded) spellings.set(folded, best[0]);
  }
  return spellings;
}

const NON_ASCII = /[^ -~\s]/;
