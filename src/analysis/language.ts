/**
 * Which language an item is written in, told cheaply at ingest: the script for the scripts one
 * language (or family) writes, and for Latin-script text the share of each language's function
 * words. ISO 639-1, or null when the text is too short or too mixed to tell.
 */

/** The function words Danish and Norwegian share, and Swedish and the languages below do not write. */
const danishNorwegian = `er og ikke til fra jeg også hvor skal hvis hun ham vil kunne være været deres denne disse dette
  andre når hvorfor hvordan hvem fordi sammen ifølge siden selv kun flere frem`;

/** The function words Czech and Slovak both write, and the languages above do not. */
const czechSlovak = 'v že už však tento toto tak ani až než bude jeho';

/** Function words of the Latin-script languages Briefbot tells apart: each language's votes, and never a theme where it is found. */
export const functionWords: Readonly<Record<string, ReadonlySet<string>>> = {
  en: words(`a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he her
    here hers him his how i if in into is it its itself just me more most my no nor not now of off on once only or other
    our ours out over own same she should so some such than that the their them then there these they this those
    through to too under until up us very was we were what when where which while who whom why will with would you your
    yours`),
  de: words(`der die das den dem des ein eine einen einem einer eines und oder aber doch sondern denn ist sind war
    waren wird werden wurde wurden hat haben hatte hatten sein seine ihre ihr ihm ihn sie er es wir ich du uns euch sich
    nicht kein keine keinen noch auch schon nur sehr mit für über unter von vom zum zur bei beim nach aus auf an am im
    in ins um durch gegen ohne bis dass daß wie als wenn weil ob so dieser diese dieses diesem diesen jetzt mehr man
    zu wo was wer hier dort dann seit`),
  fr: words(`le la les l un une des du de d et ou mais donc car ni est sont était étaient sera seront a ont avait
    avaient être avoir il elle ils elles on nous vous je tu se sa son ses leur leurs ce cette ces cet qui que qu quoi
    dont où ne pas plus moins très aussi dans sur sous par pour avec sans chez entre vers après avant au aux y en lors
    comme si tout tous toute toutes même`),
  es: words(`el la los las lo un una unos unas y o pero sino ni es son era eran fue fueron será ser está están estaba
    ha han había haber de del al a en con sin por para sobre entre hasta desde hacia tras ante que quien quienes cual
    cuales cuyo donde cuando como muy más menos también ya no se su sus le les nos mi mis tu este esta estos estas ese
    esa esos esas ello ella ellos ellas porque según`),
  it: words(`il lo la i gli le un uno una e ed o ma però né è sono era erano fu sarà essere ha hanno aveva avere di
    del dello della dei degli delle a al allo alla ai agli alle da dal dalla dai dalle in nel nello nella nei negli
    nelle con su sul sulla sui per tra fra che chi cui non più meno molto anche già si ci ne suo sua suoi sue loro
    questo questa questi queste quello quella come quando dove perché se`),
  pt: words(`o a os as um uma uns umas e ou mas nem é são era eram foi foram será ser está estão estava tem têm
    tinha ter de do da dos das em no na nos nas ao aos à às com sem por pelo pela pelos pelas para sobre entre até
    desde que quem qual quais cujo onde quando como muito mais menos também já não se seu sua seus suas lhe lhes
    este esta estes estas esse essa isso isto aquele aquela ele ela eles elas porque segundo`),
  nl: words(`de het een en of maar want dus is zijn was waren wordt worden werd werden heeft hebben had hadden ik jij
    je hij zij ze wij we u ons hun haar hem zich niet geen nog ook al alleen zeer heel met voor over onder van naar uit
    op aan bij in om door tegen zonder tot dat die dit deze als wanneer omdat of zo er hier daar dan nu meer te wat wie
    waar`),
  // The languages below leave out the short words they share with those above or with each other
  // (Polish and Czech "a", "i", "to", "na", "do"; Turkish "de", "o"; Finnish "on", "se"): a shared
  // word votes for both and only brings a text closer to "too close to call" (sharedFunctionWords).
  pl: words(`w się nie że jest są był była było były będzie być dla oraz lub czy przez który która
    które którzy którego której których jego jej już tylko bardzo też także jednak więc jeszcze gdy kiedy jeśli
    żeby przy pod nad między bez tego tym tej tych tę ta mają może można również ale jak co od po
    sobie siebie mnie nam wam jednak niż według wraz przed`),
  // Czech and Slovak: the words both write vote for both, and their own words tell them apart (latinLanguage).
  cs: words(`${czechSlovak} jsou byl byla bylo byly být budou pro nebo který která které kteří její jejich
    jen velmi také ještě již když pokud při mezi tato této tohoto jsme jsem jste podle proto
    své svých`),
  // Slovak (once never told: the words it writes as Czech does voted Czech alone).
  sk: words(`${czechSlovak} sa sme ste sú bol bola bolo boli byť budú ktorý ktorá ktoré ktorí ktorého ktorej ktorých
    pre alebo ako aj len veľmi tiež ešte keď podľa pri medzi táto tieto tejto tohto svojich svoje môže
    ide čo majú mal mala malo mali iba preto pretože lebo teda`),
  // Romanian (once never told): "și", "în", "pentru", "care"; not "la", "un", "este", "nu", which
  // French, Spanish or Dutch write too.
  ro: words(`și şi în din cu pe pentru care că sunt fost lui unui unei unor acest această aceasta acestea
    acum după prin despre sau dar fie către între până foarte decât asupra fără cel cea cei cele nici doar deja
    încă mai său iar potrivit ca`),
  sv: words(`och att är för till inte ett jag hon från vid när också utan bara detta dessa där här skulle blev
    hade sedan mycket än även enligt samt mellan vilka vilket sina sitt deras något några`),
  tr: words(`ve bir bu ile için olarak çok daha gibi ama ancak veya ki şu kadar sonra önce olan olduğu
    oldu değil var yok göre ise bile diye tüm bunu bunun buna şekilde ayrıca nedeniyle itibaren boyunca
    sayesinde rağmen karşı üzere yeni yeniden`),
  fi: words(`ja ei että ovat oli mutta tai kun jos myös kuin joka jotka jossa sen hän tämä nämä niin vain jo nyt
    vielä kanssa mukaan sekä eli mitä mikä olla ole olisi ollut voi tässä siitä sitä hänen heidän kaikki jälkeen
    aikana yli noin`),
  // Danish and Norwegian (Bokmål) write most short words alike: those they share (and Swedish does
  // not) vote for both, "og", "ikke", "jeg", "også"; then their own words tell them apart
  // (`latinLanguage`). Words Swedish writes too ("det", "som", "på", "med", "har") cast no vote.
  da: words(`${danishNorwegian} af hvad noget nogle nogen meget bliver blevet mellem uden gennem blandt inden vores
    jer hende endnu`),
  no: words(`${danishNorwegian} å hva nå noe noen mye ble blitt mellom uten gjennom blant innen dere meg deg
    seg etter enn igjen opp`),
};

/**
 * Function words of languages told by their script, never a theme where they are found (Russian
 * "за", "из", "на", "по" would lead a Russian feed's themes). They cast no votes: the script tells these.
 */
export const scriptFunctionWords: Readonly<Record<string, ReadonlySet<string>>> = {
  ru: words(`и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было
    вот от меня еще нет о из ему теперь когда даже ну ли если уже или ни быть был него до вас опять уж вам ведь там
    потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтобы без чего раз тоже себе под
    будет тогда кто этот того потому этого какой здесь этом один почти мой тем нее сейчас были куда всех никогда можно
    при об другой хоть после над больше тот через эти нас про всего них какая много три эту моя свою этой перед им
    более всегда между также который которые которая которых это`),
};

/**
 * The short words the languages above share with one another ("na", "do", "jako" Polish and Czech;
 * "de", "o" Turkish and Portuguese): they cast no vote, yet are never a theme where the language is found.
 */
const sharedFunctionWords: Readonly<Record<string, ReadonlySet<string>>> = {
  pl: words('a i o u w z ze na do to on ona ono oni one we ich te ma ten aby jako'),
  cs: words('a i o u k s z ze na do to on ona ono oni se je ve aby jako'),
  sk: words('a i o u k s z ze na do to on ona ono oni ve aby jako nie je'),
  sv: words(
    'den det de en som på med om har var han vi men eller kan sig sin av blir nu under efter alla dem',
  ),
  tr: words('de da en o mi ne her hem ya'),
  fi: words('on se he me te'),
  da: words(
    'at i for det den de en et som på med om har var han vi men eller kan sig sin der her så nu efter dem mig dig',
  ),
  no: words(
    'at i for det den de en et som på med om har var han vi men eller kan sin der her så av blir mot ut dem',
  ),
};

/**
 * Words Swedish writes too, so no vote, that tell Danish from Norwegian once the votes of the words
 * above say it is one of them (Danish "mig", "efter", "nu"; Norwegian "av", "blir", "mot").
 */
const danishOrNorwegian: Readonly<Record<'da' | 'no', ReadonlySet<string>>> = {
  da: words('mig dig sig nu efter blev igen ud'),
  no: words('av blir mot ut henne'),
};

/** Every function word of a language, the shared ones too: never a theme where it is found. */
export function allFunctionWords(language: string): ReadonlySet<string> {
  const own = functionWords[language] ?? scriptFunctionWords[language] ?? new Set<string>();
  const shared = sharedFunctionWords[language];
  return shared ? new Set([...own, ...shared]) : own;
}

function words(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter(Boolean));
}

/** Each function word with the languages it is one of: one lookup a word at ingest. */
const votersOf = new Map<string, string[]>();
for (const [language, list] of Object.entries(functionWords))
  for (const word of list) votersOf.set(word, [...(votersOf.get(word) ?? []), language]);

/**
 * Letters only one language of those above writes (Danish and Norwegian: only the two of them),
 * each a further half vote. Not "ä", "ö", "ü" or "ç": Finnish, Swedish and Turkish write them as
 * often as German and French do; nor "å", which Swedish writes.
 */
const telltaleLetters: Record<string, string[]> = {};
for (const [letters, languages] of [
  ['ß', ['de']],
  ['ñ¿¡', ['es']],
  ['œèêëîû', ['fr']],
  ['ãõ', ['pt']],
  ['ìò', ['it']],
  ['ąęłńśźż', ['pl']],
  ['ěřů', ['cs']],
  ['ľĺŕ', ['sk']],
  ['ășțşţ', ['ro']],
  ['ğı', ['tr']],
  ['æø', ['da', 'no']],
] as const)
  for (const letter of letters) telltaleLetters[letter] = [...languages];
const TELLTALE = new RegExp(`[${Object.keys(telltaleLetters).join('')}]`, 'g');

// A Latin letter, as word shapes below read them: ASCII, Latin-1 and Latin Extended-A and -B.
const L = 'a-z\\u00df-\\u00f6\\u00f8-\\u024f';

/**
 * Word shapes only one language of those above writes (or only a pair: Danish and Norwegian, Czech and
 * Slovak), each match a vote: what tells a short headline with one function word or none ("Osake
 * romahtaa pettymyksen jälkeen"). One scan of the sample a shape, never a test a word: this runs on
 * every item its function words leave undecided, or whose leader by them does not write one of its
 * letters (`foreignLetters`).
 * Finnish: "ää", "öö", "yy" in a word, a word ending in a long vowel, "ä" or "ö" ("nostaa", "kaatuu",
 * "selvästi", "yhtiö"), case endings "-ssa", "-ssä", "-llä", "-stä", "-kin", "-än", "-ön", and on a
 * word of seven letters or more "-sta", "-lla" ("tuloksesta", "viikolla"; not Italian "della",
 * "nella"), the plural verb "-uvat", "-evat", "-vät", "kk" before a vowel ("asiakkaat"), the verbs'
 * "-lee", "-aisee", "-ousee", "-tsee" ("esittelee", "julkaisee"; not "franchisee"), the possessive
 * "-nsa", "-nsä" (not Spanish "-ensa": "prensa"), the weekdays' "-taina" ("torstaina"). Turkish: a
 * word with "ı", "ş" or "ğ", "ç" before "e" or "i" (French and Portuguese write "ç" only before "a",
 * "o", "u": "çeyrek"), the present "-iyor", plural and case endings "-leri", "-lerini", "-ları",
 * "-dir", the past "-dı", "-tü" (not "-di", "-du": "Saudi", "perdu"), a case ending after an
 * apostrophe ("Turkcell'in", "Ankara'da"), "-sini" after a vowel ("bayisini"; not "Rossini"), "-iyle".
 * Swedish: the definite plural "-arna", "-orna", "-erna", "-ningen", "-heten", the verbs' "-erar" (in
 * a text with "å", "ä" or "ö": not Spanish "generar"), "-erade", "-ades" after "b", "g", "k", "l",
 * "n", "p", "s", "v" ("drabbades"; not "upgrades"), the plural "-ingar" (Danish and Norwegian
 * "-inger"), the present "-ar" and the "-are" of "snabbare", "användare" in a text with a Swedish vote
 * already and "å", "ä" or "ö" (not English "similar", nor Italian "comprare"), and each word with "å",
 * "ä" or "ö" in a text that writes both "å" and "ä" or "ö" (Finnish, German and Turkish write no "å",
 * Danish and Norwegian no "ä" or "ö"), or that writes "ä" or "ö" and has a Swedish vote already
 * ("Gränssnittet är rörigt").
 * Danish and Norwegian both: a word with "æ" or "ø" (or "å" in a text with no "ä" or "ö"), "ikke",
 * "og", "nye" (not "er", a vote already, which German writes: "Er rechnet mit geringer Nachfrage"),
 * endings "-erne", "-erer", "-ske", "-lige", and in a text with a vote for either and no letter French
 * writes and they do not, "et" (not French "la dette et le déficit", whose "dette" is a vote for
 * both); Danish writes "b", "g" where Norwegian writes "p", "k" ("åbner", "køber", "sagsøges";
 * Norwegian "åpner", "kjøper", "saksøkes"): Danish "åb", "køb", "løb", "øge", "øgt", "øgni", "kø-",
 * Norwegian "åp", "kjøp", "løp", "øke", "økt", "økn" (not "køkken", nor the compounds both write,
 * "miljøpolitik", "samfundsøkonomi", "miljøgifte"); Danish: "æ" (not "-ære": "være" is both), "øj",
 * "ej" ("begejstret"), "-hed", "-skab", "-ede", "af", "hvad", "mit", "sit", "nyt", "bedste", "sidste",
 * "vinder", "finder", "op-" ("opdatering"; Norwegian "oppdatering"); Norwegian: "sj", "øy", "ei"
 * ("begeistret"), "kj-", "gj-", "opp-", "-het", "-skap", "-ene", "av", "hva", "veldig", "mitt",
 * "sitt", "nytt", "beste", "sterke", "vinner", "finner", and "denne", "dette", "disse" before a
 * definite noun ("denne tjenesten"; Danish "denne tjeneste") (not "-tt": "Scott", "Pitt").
 * Czech and Slovak both: a word with "č", "š", "ž", "ý", "ď", "ť", "ň", "je", and "-uje", "-ého",
 * "-ému" in a text with a letter Polish does not write (Polish "zwołuje"); Czech: adjectives' "-ní"
 * after a consonant ("rekordní"; Slovak "rekordný", though "spokojní" and "zverejní" are Slovak too:
 * not after "j"), "ě", "ř", "ů", "se", "není", "nikdo", "kdo", "nej-", "-nost", "-ení", "-ání",
 * "-ají", "-ují", "-ící", "-ního", "-kace", "-ek" ("výpadek"), "-ou" ("novou": only in a text with a
 * Czech vote already, as Portuguese writes "ficou"); Slovak: "ľ", "ĺ", "ŕ", "ô", "ä", "ú" within a
 * word ("novú"; Czech writes "ú" only first), "sa", "vo", "zo", "nie", "nikto", "kto", "naj-",
 * "-nosť", "-enie", "-anie", "-ácia", "-ajú", "-ujú", "-ok" ("výpadok"), "-cov", "-jov", "-dkov",
 * "-tkov", "-íkov", the infinitive "-ť" after a vowel ("znížiť"; Czech "snížit"), "-om" (Czech "-em"),
 * "-ia", "-iu", "-iach" after a consonant ("hrozia", "čerpaciu", "daniach"; Czech "hrozí", "čerpací",
 * "daních"), "-skej", "-nej" (not every "-ov" or "-ej": "Lavrov", "Peskov", "Andrej").
 * A shape the pair shares votes for both, so it beats the third language; their own tell them apart.
 */
// A word begins, a word ends: no Latin letter before, after.
const B = `(?<![${L}])`;
const E = `(?![${L}])`;
// `voted`: only in a text with a vote for the language already (one of the words or shapes it shares
// with its pair): most texts have none, and are spared the scan.
// `writes`: only in a text this pattern finds, mostly a letter it writes (the Swedish "-ar" of "öppnar",
// not of an English "Dollar falls till similar levels", whose "till" is a Swedish vote).
const wordShapes: ReadonlyArray<
  [languages: readonly string[], shape: RegExp, voted?: boolean, writes?: RegExp]
> = [
  [
    ['fi'],
    new RegExp(
      `ää|öö|yy|uu|äy|yö|öy|kk[aouyäö]|(?:aa|ii|ä|ö|aan|iin|ksen|ssa|kin|[uey]vat|vät|(?<=[${L}])[äö]n)${E}|(?:sta|lla)(?<=[${L}]{7})${E}|(?:lee|[aou]isee|ousee|tsee|taina|[aiou]nsa|nsä)(?<=[${L}]{6})${E}`,
      'g',
    ),
  ],
  [
    ['tr'],
    new RegExp(
      `[ışğ]\\S*|ç[${L}]*[öü]\\S*|[öü][${L}]*ç\\S*|ç[ei]\\S*|['’](?:d[ae]|t[ae]|daki|deki|d[ae]n|t[ae]n|n?[iıü]n|y[ae])${E}|(?<=[${L}])(?:ü|[iıuü]yor[${L}]{0,3}|acak|ecek|l[ae]r[iı](?:n[iı]?)?|d[iıuü]r)${E}|[dt][ıü](?<=[${L}]{4})${E}|[iıuü]yl[ae]${E}|(?<=[aeiıouüö])s(?:[iı]n[iı]|[uü]n[uü])(?<=[${L}]{7})${E}`,
      'g',
    ),
  ],
  [
    ['sv'],
    new RegExp(
      `(?<=[${L}])(?:arna|orna|erna|ningen|heten)${E}|(?:erade|erades|ingar|ingarna)(?<=[${L}]{7})${E}|[bgklnpsv]ades(?<=[${L}]{9})${E}`,
      'g',
    ),
  ],
  // "-erar" only in a text with "å", "ä" or "ö": Spanish writes "generar, recuperar y acelerar".
  [['sv'], new RegExp(`erar(?<=[${L}]{7})${E}`, 'g'), false, /[åäö]/],
  [['sv'], new RegExp(`(?<=[${L}]{3})(?:(?<!er)ar|are)${E}`, 'g'), true, /[åäö]/],
  [
    ['da', 'no'],
    new RegExp(`[æø]\\S*|${B}(?:ikke|og|nye)${E}|(?<=[${L}]{2})(?:erne|erer|ske|lige)${E}`, 'g'),
  ],
  // "et", the article, only in a text with no letter French writes and they do not ("la dette et le déficit").
  [['da', 'no'], new RegExp(`${B}et${E}`, 'g'), true, /^(?![\s\S]*[àâçèéêëîïôùûÿœ])/],
  [
    ['da'],
    new RegExp(
      `æ(?!re${E})|[æø]j|(?<=[${L}])ej|(?<=[${L}]{2})(?:hed|heden|skab|skabet|ede)${E}|${B}(?:af|hvad|mit|sit|dit|nyt|bedste|sidste|vinder|finder|kender)${E}|${B}op[dfjlns]|øg(?=e|t|ni)|åb|[kl]øb|${B}kø`,
      'g',
    ),
    true,
  ],
  [
    ['no'],
    new RegExp(
      `sj|øy|øk(?=e|t|n)|åp|[kl]øp|(?<=[${L}])ei(?=[srg]|${E})|(?<=[${L}]{2})(?:het|heten|skap)${E}|(?<=[${L}]{2}[b-df-hj-np-tv-z])ene${E}|${B}(?:kj|gj|opp[dfgjklmnstv])|${B}(?:av|hva|veldig|mitt|sitt|ditt|nytt|beste|sterk[et]?|vinner|finner)${E}|${B}(?:denne|dette|disse) [${L}]+e(?:n|t|ne)${E}`,
      'g',
    ),
    true,
  ],
  [['cs', 'sk'], new RegExp(`[čšžýďťň]\\S*|${B}je${E}`, 'g')],
  // Polish writes "-uje" too ("zwołuje"), but none of these letters.
  [['cs', 'sk'], new RegExp(`(?:uje|ého|ému)(?<=[${L}]{5})${E}`, 'g'), false, /[áéíúýčďěňřšťžůäôľĺŕ]/],
  [
    ['cs'],
    new RegExp(
      `[ěřů]\\S*|${B}(?:se|není|nikdo|kdo)${E}|${B}nej|(?<=[${L}]{2})(?:nost|ení|ání|ejí|[kz]ace|ou)${E}|(?<=[${L}])(?:ají|ují|ící|ního)${E}|(?<=[${L}]{3})ek${E}|[b-df-hk-np-tv-zčďňřšťž]ní(?<=[${L}]{5})${E}`,
      'g',
    ),
    true,
  ],
  [
    ['sk'],
    new RegExp(
      `[ľĺŕôä]\\S*|(?<=[${L}])ú\\S*|${B}(?:sa|vo|zo|nie|nikto|kto)${E}|(?<=[${L}]{3})ok${E}|${B}naj|(?<=[${L}]{2})(?:nosť|enie|anie|ácia|ácie|ácii|ajú|ujú|[cj]ov|[dt]kov|íkov|skej|nej|[aeiouy]ť)${E}|om(?<=[${L}]{5})${E}|[bcdjlmnprstvzčďšž](?:ia|iu|iach)(?<=[${L}]{5})${E}`,
      'g',
    ),
    true,
  ],
];
// A word with "å", "ä" or "ö", from the first of them on: one match a word, and no scan back.
const SWEDISH_LETTERS = /[åäö]\S*/g;
// A word with "å" (and no "æ" or "ø" before it, which counts it already), from the "å" on.
const NORDIC_A = /(?<![æø]\S*)å\S*/g;

/** Scripts a language of its own (or the main one) writes, in the order they are checked. */
const scripts: Array<[RegExp, string]> = [
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/gu, 'ja'],
  [/\p{Script=Hangul}/gu, 'ko'],
  [/\p{Script=Han}/gu, 'zh'],
  [/\p{Script=Arabic}/gu, 'ar'],
  [/\p{Script=Hebrew}/gu, 'he'],
  [/\p{Script=Cyrillic}/gu, 'ru'],
  [/\p{Script=Greek}/gu, 'el'],
  [/\p{Script=Devanagari}/gu, 'hi'],
  [/\p{Script=Thai}/gu, 'th'],
];

const languageNames: Readonly<Record<string, string>> = {
  en: 'English',
  de: 'German',
  fr: 'French',
  es: 'Spanish',
  it: 'Italian',
  pt: 'Portuguese',
  nl: 'Dutch',
  pl: 'Polish',
  cs: 'Czech',
  sk: 'Slovak',
  ro: 'Romanian',
  sv: 'Swedish',
  da: 'Danish',
  no: 'Norwegian',
  tr: 'Turkish',
  fi: 'Finnish',
  ja: 'Japanese',
  ko: 'Korean',
  zh: 'Chinese',
  ar: 'Arabic',
  fa: 'Persian',
  he: 'Hebrew',
  ru: 'Russian',
  uk: 'Ukrainian',
  el: 'Greek',
  hi: 'Hindi',
  th: 'Thai',
};

// The headline and the opening of the body say which language a piece is in; more costs time at ingest.
const sampleChars = 600;
// Fewer function words than this, and a Latin-script text is too short to tell ("Nestlé meldet Rekordgewinn").
const minimumVotes = 3;
// A letter beyond ASCII (or any character outside printable ASCII and spaces).
const NON_ASCII = /[^ -~\s]/;
// A letter of one of the scripts below: most text beyond ASCII has none (accents, typographic quotes).
// Code point ranges, not Unicode properties: several times faster, and this runs on every item.
const OTHER_SCRIPT =
  /[\u0370-\u03ff\u0400-\u04ff\u0590-\u06ff\u0750-\u077f\u0900-\u097f\u0e00-\u0e7f\u1100-\u11ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\ufb50-\ufdff\ufe70-\ufeff]/;
const LETTERS = /\p{L}/gu;

/**
 * The language of an item's title and text (ISO 639-1), or null when it cannot be told.
 * `declared`: the languages the item and its feed declare, first the item's; the first Danish or
 * Norwegian of them decides a text both write ("Hun vil ikke være med"), else it is Danish.
 */
export function detectLanguage(
  title: string,
  text: string,
  ...declared: ReadonlyArray<string | null | undefined>
): string | null {
  const sample = `${title} ${text.slice(0, sampleChars)}`.toLowerCase();
  const undecided = danishOrNorwegianIn(declared);
  if (!NON_ASCII.test(sample)) return latinLanguage(sample, ASCII_WORDS, minimumVotes, false, undecided);
  if (OTHER_SCRIPT.test(sample)) {
    const script = scriptLanguage(sample);
    if (script !== undefined) return script;
  }
  return latinLanguage(sample, WORDS, minimumVotes, false, undecided);
}

/** The first of `languages` that is Danish or Norwegian. */
function danishOrNorwegianIn(languages: ReadonlyArray<string | null | undefined>): 'da' | 'no' | undefined {
  return languages.find((language): language is 'da' | 'no' => isDanishOrNorwegian(language ?? ''));
}

/** The language of the script most letters are in, unless that is Latin (undefined). */
function scriptLanguage(sample: string): string | null | undefined {
  const letters = sample.match(LETTERS)?.length ?? 0;
  if (letters === 0) return null;
  for (const [pattern, language] of scripts) {
    const count = sample.match(pattern)?.length ?? 0;
    // Japanese mixes kana with Chinese characters: a few kana make it Japanese.
    const share = language === 'ja' ? 0.1 : 0.4;
    if (count < share * letters) continue;
    if (language === 'ar' && /[پچژگ]/.test(sample)) return 'fa';
    if (language === 'ru' && /[іїєґ]/.test(sample)) return 'uk';
    return language;
  }
  return undefined;
}

const ASCII_WORDS = /[^a-z]+/;
// What separates words in Latin-script text: ASCII other than letters, Latin-1 signs, general
// punctuation (typographic quotes and dashes). Ranges again, for speed.
const WORDS = /[\s!-`{-\u00bf\u00d7\u00f7\u2000-\u206f]+/;

/**
 * `distinct`: each word votes once, however often it is written ("AI … AI" is one Italian "ai").
 * `undecided`: a Danish or Norwegian text with as many words of one as of the other.
 */
function latinLanguage(
  sample: string,
  separators: RegExp,
  minimum = minimumVotes,
  distinct = false,
  undecided: 'da' | 'no' = 'da',
): string | null {
  const votes = new Map<string, number>();
  const vote = (language: string, weight: number) => votes.set(language, (votes.get(language) ?? 0) + weight);
  const split = sample.split(separators);
  const words = distinct ? [...new Set(split)] : split;
  for (const word of words) for (const language of votersOf.get(word) ?? []) vote(language, 1);
  // Letters and shapes too count once a word when each word votes once: a headline its feed repeats
  // as its text ("Umbrella outage angers customers" twice) has one "-lla", not two Finnish votes.
  const scanned = distinct ? [...new Set(sample.split(/\s+/))].join(' ') : sample;
  if (separators === WORDS)
    for (const letter of scanned.match(TELLTALE) ?? [])
      for (const language of telltaleLetters[letter] ?? []) vote(language, 0.5);
  // Word shapes only for a text its function words leave undecided (a headline, mostly), or whose
  // leader does not write all its letters ("a", "je", "se" lead French in a Czech "používá"): most are neither.
  if (!clearLead(votes, minimum) || (separators === WORDS && foreignLetters(sample, votes))) {
    // A word with "å": Swedish when the text writes "ä" or "ö" too, else Danish or Norwegian.
    if (separators === WORDS && scanned.includes('å')) {
      const swedish = /[äö]/.test(scanned);
      const count = scanned.match(swedish ? SWEDISH_LETTERS : NORDIC_A)?.length ?? 0;
      for (const language of swedish ? ['sv'] : ['da', 'no']) vote(language, count);
    }
    for (const [languages, shape, voted, writes] of wordShapes) {
      if (voted && !languages.some((language) => votes.get(language))) continue;
      if (writes && !writes.test(scanned)) continue;
      const count = scanned.match(shape)?.length ?? 0;
      if (count > 0) for (const language of languages) vote(language, count);
    }
    // A word with "ä" or "ö" in a text with no "å" (counted above when it has one) and a Swedish vote already.
    if (separators === WORDS && votes.get('sv') && !scanned.includes('å'))
      vote('sv', scanned.match(SWEDISH_LETTERS)?.length ?? 0);
  }
  const [first, second, third] = [...votes].sort((a, b) => b[1] - a[1]);
  if (!first || first[1] < minimum) return null;
  // Danish and Norwegian, and Czech and Slovak, share most of their votes: the third language is the one to beat.
  const nordic = second !== undefined && isDanishOrNorwegian(first[0]) && isDanishOrNorwegian(second[0]);
  const westSlavic = second !== undefined && isCzechOrSlovak(first[0]) && isCzechOrSlovak(second[0]);
  const rival = nordic || westSlavic ? third : second;
  // Too close to call: a text of two languages, or one with few words of either.
  if (rival && rival[1] * 1.5 > first[1]) return null;
  if (nordic) return danishOrNorwegianOf(words, votes) ?? undecided;
  // Czech or Slovak by their own words (and letters): as many of each is too close to call.
  if (westSlavic) return first[1] > (second?.[1] ?? 0) ? first[0] : null;
  return first[0];
}

/**
 * The letters beyond ASCII each language that leads by its function words writes (and, for English,
 * the names and loans it borrows): a letter none of them is evidence of another language.
 */
const alphabets: Readonly<Record<string, string>> = {
  en: 'àáâäçèéêëíîïñóôöúûü',
  de: 'äöüßàáçéèñ',
  fr: 'àâæçéèêëîïôùûüÿœ',
  es: 'áéíñóúü',
  it: 'àèéìíîòóùú',
  pt: 'áâãàçéêíóôõú',
  nl: 'áâäçèéêëíïóôöúü',
};
const LATIN_LETTER = /[\u00df-\u00f6\u00f8-\u024f]/g;

/** Whether the text writes a letter the language its function words lead with does not ("í" in a text "a", "je", "se" lead French). */
function foreignLetters(sample: string, votes: ReadonlyMap<string, number>): boolean {
  let leader = '';
  let most = 0;
  for (const [language, count] of votes) if (count > most) [leader, most] = [language, count];
  const alphabet = alphabets[leader];
  if (alphabet === undefined) return false;
  for (const letter of sample.match(LATIN_LETTER) ?? []) if (!alphabet.includes(letter)) return true;
  return false;
}

/** Whether one language has `minimum` votes and half as many again as any other. */
function clearLead(votes: ReadonlyMap<string, number>, minimum: number): boolean {
  let first = 0;
  let second = 0;
  for (const count of votes.values())
    if (count > first) [first, second] = [count, first];
    else if (count > second) second = count;
  return first >= minimum && second * 1.5 <= first;
}

function isCzechOrSlovak(language: string): boolean {
  return language === 'cs' || language === 'sk';
}

function isDanishOrNorwegian(language: string): language is 'da' | 'no' {
  return language === 'da' || language === 'no';
}

/**
 * Danish or Norwegian, by the words only one of them writes (their votes, and the words Swedish
 * shares, "mig" or "av"); null for a text with as many of each (none, mostly: "Hun vil ikke være
 * med"), which reads as both.
 */
function danishOrNorwegianOf(
  words: readonly string[],
  votes: ReadonlyMap<string, number>,
): 'da' | 'no' | null {
  let lead = (votes.get('da') ?? 0) - (votes.get('no') ?? 0);
  for (const word of words) {
    if (danishOrNorwegian.da.has(word)) lead++;
    else if (danishOrNorwegian.no.has(word)) lead--;
  }
  return lead < 0 ? 'no' : lead > 0 ? 'da' : null;
}

/**
 * "de-DE", "de_at", "DE", "German": the ISO 639-1 code a feed or item declares (RSS `<language>`,
 * Atom `xml:lang`, JSON Feed `language`), or null when it declares none it is possible to read.
 */
export function declaredLanguage(tag: string | null | undefined): string | null {
  const trimmed = tag?.trim().toLowerCase() ?? '';
  const code = /^([a-z]{2})(?:[-_][a-z\d]{1,8})*$/.exec(trimmed)?.[1];
  // Norwegian Bokmål and Nynorsk ("nb-NO", "nn") are Norwegian, as told here.
  if (code === 'nb' || code === 'nn') return 'no';
  return code ?? languageCode(trimmed) ?? null;
}

// Two function words leaning one way ("raises the price of") outweigh the feed's language; one ("AI", however often) does not.
const leaningVotes = 2;
// A feed's items speak for it when at least this many were told, and this share of them agree.
const majorityItems = 3;
const majorityShare = 2 / 3;

/**
 * The language most of a feed's items were told in (null when too few were told, or they do not
 * agree): better evidence than a feed's declared language, which many publishing tools leave at
 * their default "en-us", or get wrong (an English news site declaring Kannada).
 */
export function majorityLanguage(told: ReadonlyArray<string | null>): string | null {
  const counts = new Map<string, number>();
  for (const language of told) if (language) counts.set(language, (counts.get(language) ?? 0) + 1);
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
  const [top] = [...counts].sort((a, b) => b[1] - a[1]);
  return top && total >= majorityItems && top[1] >= majorityShare * total ? top[0] : null;
}

/** The letters of each language written in a script of its own, as `scripts` tells them. */
const scriptOf: Readonly<Record<string, RegExp>> = {
  ...Object.fromEntries(scripts.map(([pattern, language]) => [language, new RegExp(pattern.source, 'u')])),
  ja: /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u,
  fa: /\p{Script=Arabic}/u,
  uk: /\p{Script=Cyrillic}/u,
};

/**
 * The language of an item too short to tell by itself ("Nestlé meldet Rekordgewinn", a headline
 * with no body), from better evidence, in order: the few function words it has when two or more
 * lean one way ("Apple raises the price of iPhones" in a German feed is English), the language the item declares, then
 * its feed's (`feedLanguage`: the majority of its other items, else what the feed declares). A
 * language written in a script of its own is never given to a text without a letter of it (a Latin
 * "iPhone 15" in a Japanese feed). Null when nothing says.
 */
export function languageFromEvidence(
  title: string,
  text: string,
  evidence: { declared?: string | null | undefined; feed?: string | null | undefined },
): string | null {
  const sample = `${title} ${text.slice(0, sampleChars)}`.toLowerCase();
  // A headline Danish and Norwegian both write ("Regjeringen vil ikke øke skatten") is in the one the evidence names.
  const separators = NON_ASCII.test(sample) ? WORDS : ASCII_WORDS;
  const nordic = danishOrNorwegianIn([evidence.declared, evidence.feed]);
  const leaning = latinLanguage(sample, separators, leaningVotes, true, nordic);
  if (leaning) return leaning;
  for (const candidate of [evidence.declared, evidence.feed]) {
    if (!candidate) continue;
    const script = scriptOf[candidate];
    if (script && !script.test(sample)) continue;
    return candidate;
  }
  return null;
}

/** "German", or the code in capitals for a language without a name here. */
export function languageName(code: string): string {
  return languageNames[code] ?? code.toUpperCase();
}

/** "german" → "de": the code of a language named in English, or undefined for a name not here. */
export function languageCode(name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(languageNames).find((code) => languageNames[code]?.toLowerCase() === lower);
}

/** The English names of the languages told apart, for reading them in questions. */
export function languageNamesList(): string[] {
  return Object.values(languageNames);
}
