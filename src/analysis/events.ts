import { allFunctionWords, detectLanguage, functionWords } from './language.ts';
import { foldText, tokenize, wordForm } from './query.ts';
import { stopWords, themeText } from './text-stats.ts';

/** One item as event grouping reads it: its words, when it was published, and its near-duplicate cluster. */
export type EventText = {
  title: string;
  text: string;
  publishedAt: number;
  clusterId: number | null;
  /** The name of its source ("The Globex Blog"): whose words its posts are, when they do not say. */
  source?: string | null;
  /**
   * The language it was told to be in at ingest (items.language, ISO 639-1), read in preference to
   * a guess from its title and lead, which a short headline can mislead; null or absent: guessed.
   */
  language?: string | null;
};

/** How far apart two tellings of one event may be published: an outage a week later is another outage. */
export const eventWindowMs = 72 * 3600_000;
/** The average likeness two groups need to be one event (tuned on the demo's outage, price rise and discount). */
const eventLikeness = 0.06;
/** How many words, beside those of the kind of event, two items must share to be one event. */
const sharedWords = 2;
/** How much of an item's body is read: the lead says what happened, the rest wanders. */
const leadChars = 400;
/** French and Italian articles and prepositions joined to the word after them: "d'Acme", "dell'azienda". */
const ELIDED = /^(?:[cdjlmnst]|qu|dell|dall|nell|sull|all|un)['’](?=\p{L})/iu;
/**
 * The short words of the other languages read (de, fr, es, it, nl, pt, pl, sv, da, no, cs, sk, ro,
 * fi, tr, ru), as tokenize writes them ("für" is "fur"): they tell of no event, and "de" is no
 * word two tellings share.
 */
const otherStopWords = new Set(
  ['de', 'fr', 'es', 'it', 'nl', 'pt', 'pl', 'sv', 'da', 'no', 'cs', 'sk', 'ro', 'fi', 'tr', 'ru'].flatMap(
    (language) => [...allFunctionWords(language)].map(foldText),
  ),
);
/**
 * Words every item of a kind carries ("Rating: 4 out of 5 stars"), and words about the telling or
 * its day ("story", "found today"): they say nothing of which event.
 */
const formWords = new Set(
  'review rating star stars out post thread anyone else story stories news article report found today yesterday tomorrow'.split(
    ' ',
  ),
);

/**
 * What kind of event words tell of, as written or in their plain form (see wordForm): a price rise
 * and an outage of one company on one day share its name and its customers, never these words.
 */
const eventKinds: Record<string, readonly string[]> = {
  outage: [
    'outage',
    'downtime',
    'down',
    'offline',
    'unavailabl',
    'unreachabl',
    'incident',
    'failover',
    'disruption',
    'degrad',
    'uptime',
    'operational',
    'status',
    'blackout',
    'glitch',
  ],
  price: [
    'price',
    'pric',
    'increas',
    'hike',
    'rose',
    'higher',
    'quot',
    'renewal',
    'tier',
    'seat',
    'cost',
    'expensiv',
    'cheaper',
  ],
  offer: ['discount', 'offer', 'promo', 'deal', 'free', 'migration', 'migrat', 'switch', 'incentiv', 'off'],
  launch: ['launch', 'introduc', 'unveil', 'releas', 'debut', 'rollout', 'announc', 'add', 'feature'],
  security: ['breach', 'hack', 'leak', 'vulnerability', 'ransomware', 'expos', 'attack', 'compromis'],
  merger: ['acquir', 'acquisition', 'merger', 'merg', 'buy', 'bought', 'takeover', 'consolidat'],
  people: [
    'appoint',
    'hir',
    'ceo',
    'chief',
    'resign',
    'layoff',
    'executiv',
    'officer',
    'headcount',
    'workforc',
    'redundanc',
    'job',
  ],
  funding: ['funding', 'investor', 'valuation', 'ipo', 'round'],
  legal: ['lawsuit', 'sue', 'court', 'regulator', 'antitrust', 'fin', 'settlement'],
};

/**
 * The same kinds' words in German, French, Spanish, Dutch, Italian, Portuguese, Polish, Swedish,
 * Danish, Norwegian, Czech, Slovak, Romanian, Finnish, Turkish and Russian, and phrasings of two words,
 * each read as the English word it says (so "Ausfall", "panne" and "outage" are one word to the
 * likeness too). Written as tokenize reads them: lower case, accents dropped ("Störung" is
 * "storung", "caída" "caida"). A word is the start of those written ("interruzion" reads
 * "interruzione", "interruzioni"; Danish and Norwegian keep "æ" and "ø", "å" is "a"; Romanian "ș", "ț",
 * "ă", "î" are "s", "t", "a", "i", and never "pana", which is "până", until, as often as a power cut;
 * Turkish "ş", "ğ", "ç", "ö", "ü" are "s", "g", "c", "o", "u", its dotless "ı" stays; Russian "й" is "и"); "=word" is that word only ("=cher", not "chercher"); "+word" ends
 * a word, inflected (German and Dutch compounds: "+ausfall" reads "Ausfälle", "Serverausfall");
 * "two_words" are two words that follow one another ("goes dark", "nicht erreichbar").
 */
const otherWords: Record<string, Record<string, string>> = {
  outage: {
    outage: `+ausfall +storung +panne caida caido +storing +uitval interruzion interrupcion interruption coupure guast disservizi
      stillstand lahmgelegt goes_dark went_dark gone_dark go_dark going_dark interrupc apagao =caiu =falha =falhas do_ar
      awari nie_działa avbrott driftstorning storning +storning ligger_nere nedbrud driftsforstyrr gar_ned er_nede
      nedetid =brudd vypadek vypadk =porucha =poruchy =poruchu nefunguje vypadok odstavk intrerup =caderea
      defectiun nu_functioneaza hairio katko =kaatui =kaatuivat kesinti =coktu =cokme =сбои =сбоя =сбое =сбоев =сбоем перебо`,
    unavailabl: `+unerreichbar indisponib inaccessib onbereikbaar irraggiungibil nicht_erreichbar nicht_verfugbar
      niet_beschikbaar no_disponible non_disponibile hors_ligne hors_service indisponiv niedostep otillganglig
      utilgængelig utilgjengelig nedostupn poissa_kaytosta erisilemiyor erisilemez недоступ не_работает`,
    incident: '+vorfall incidente incidencia incydent',
    degrad: 'beeintrachtig ralentissement lentitud rallentament lentidao spowolnien spomalen incetinir',
    status:
      '+statusseite statuspagina =statut pagina_estado pagina_stato strona_statusu statussid statusside stavova_stranka',
    operational: 'betriebsbereit operationnel operativ operacional operationeel',
  },
  price: {
    price: `preis +preis prix =tarif =tarifs tarifa =tarife tarief precio prezz prijs +prijs prijz +prijzen preco =cena =ceny
      =cen =cenach =cenami +cennik =pris =priset =priser =priserna =prisen =priserne =prisene +pris =cenu =cenach
      =cien =pretul =pretului pretur =hinta =hinnat =hinnan =hintoja =hintojen =fiyat =fiyatı =fiyatlar =fiyatları =fiyatlarını =цена =цены =цен =ценам =ценами тариф`,
    increas:
      'erhoh +erhohung verhoging verhoog hausse =augmente =augmentent =augmenter =augmentee augmentation aument subida =sube =suben rincar stijg reajust podwyzk podnies prishojn =hojer =hojs prisstign prisforhøj =hæver prisøkn =øker zdraz zvysuj zvysen =zvysi =zvysila =creste =cresc crester majorar majoreaz scumpir scumpest korotu korott hinnankorotu hinnannost =zam =zamlar zamlan zamlı artıs повышени подорожа =повысит =повысила =повысил',
    expensiv:
      '=teurer =cher =chere =cheres =caro =caros =cara =caras =cari =duurder encarec drozej drozsz =dyrare =dyrere =drazsi =drahsi =drahsie =drahsia =scump =scumpa =scumpe',
    cost: '+kosten cout =costo =costos =costi =coste =costes =custo =custos =koszt =koszty =kosztow kostnad omkostning =naklady =costuri =costurile',
    renewal:
      'verlangerung +verlangerung renouvel renovacion rinnov verlenging renovacao odnowieni przedłuzeni fornyels prodlouzeni predlzeni reinnoir',
  },
  offer: {
    discount:
      '+rabatt remise descuento +korting scont desconto rabat znizk =sleva =slevu =slevy =zlava =zlavu =zlavy reducer',
    offer: '+angebot offre oferta aanbieding offerta ofert erbjudand tilbud nabidk =ponuka =ponuku =ponuky',
    free: '=gratis gratuit darmow bezpłatn zdarma zadarmo bezplatn',
    switch: 'wechsel umstieg',
    migrat: 'migracion migrazion =migrer =migrar =migrare migracao migracj',
  },
  launch: {
    launch: `=startet =gestartet lancement =lance =lancent lanza lanzamient lanci lanceert lancering lancament =lanca =lancou
      =lancam wprowadz uruchami debiut =premiera lanserar lansering lancerer lancering lanserer =uvadi =uvede =spousti
      =spustil =spustila =spusta =spustaju lanseaz lansar =lansat =lansata =lanseaza lanseera lansman запуск запусти`,
    introduc:
      'einfuhr vorgestellt prasentier =presenta =presentan =presentato =presentata introdui apresenta prezentuj predstavuj =predstavil =predstavila =uvadza =uviedol =uviedla =prezinta =prezentat =prezentata julkaise esittel tanıttı tanıtıyor =представила =представил =представит выпусти',
    feature: `+funktion fonctionnalit =funcion =funciones funcionalidad =funzione =funzioni funzionalita =functie
      =functies funkcj =funktionen =funksjon =funksjonen =funkce =funkci =funkcia =funkciu =funkcie =functii =functia
      =functiile`,
    announc:
      'annonce anuncia annuncia kondigt ogłasz zapowiad oznamuj =oznamil =oznamila =anunta =anuntat =anuntata',
  },
  security: {
    leak: '+datenleck +datenpanne +leck fuite filtracion +datalek vazament wyciek datalack +lacka datalæk datalekkasj +lekkasje =unik =uniku scurger tietovuo sızıntı утечк',
    attack:
      '+angriff attaqu cyberattaqu ataque attacc +aanval =atak =ataku cyberatak +attack +angreb +angrep =utok =utoku =atac =atacul =atacuri kyberhyokk saldırı атак кибератак',
    vulnerability:
      '+lucke faille vulnerab +kwetsbaarheid podatnosc =luka =luki sarbarhet sakerhetshal sikkerhedshul sikkerhetshull zranitelnost',
    hack: 'piratage hackeo =gehackt invasao włamani dataintrang +intrang +innbrudd =prunik =prienik tietomurt hacklen взлом',
    breach: 'brecha violazion inbreuk violacao naruszeni narusen =bresa',
  },
  merger: {
    takeover:
      'ubernahm ubernimmt ubernommen overname przejec przejmuj opkøb oppkjøp prevzeti =prevezme prevzat =prevzal =prevzala preluar =preia =preluat',
    buy: `=kauft =gekauft =rachete rachat =compra =acquista =koopt =gekocht =comprou =kupuje =kupił =kupiła =koper =kopte
      =køber =købte =kjøper =kjøpte =koupil =koupila =koupi =kupil =kupila =kupuje =cumpara =cumparat =cumpra =ostaa =osti =satın покупа =купит =купил =купила`,
    merger: 'fusion fusie fusao fuzj =fuze =fuzia =fuzie fuziun fuusio birlesme слияни',
    acquir:
      'acquisi adquisi adquier aquisic adquir forvarv akvizic achizit yritysosto devral приобрет поглощ',
  },
  people: {
    layoff: `+stellenabbau +personalabbau entlass licenciement despid licenziament esuber ontslag postes_supprimes
      cuts_jobs laid_off demiss =demite =demitiu zwolnien zwalnia redukcja_etatow =varslar =varslas uppsagning =fyrer
      fyring afskedig permitter oppsigels nedbemann propoust =propusti prepust concedier concediaz =concediat
      =concediati disponibiliz irtisan lomaut muutosneuvottel =isten увольн`,
    workforc: 'belegschaft effectif plantilla personeel =etatow',
    appoint:
      'ernenn ernannt nomme nombra =nomina =nominato =nominata benoem =nomeia =nomeado =nomeada mianowan powołan utnamn udnævn utnevn jmenoval jmenovan vymenoval vymenovan =numit =numita =numeste nimitet nimitt atandı назначен',
    resign:
      'rucktritt demission dimision dimett tritt_zuruck treedt_af renunci rezygnacj dymisj =avgar fratræd gar_av odstoupil rezign odstupil demision =demisia',
    ceo: `=pdg +geschaftsfuhrer vorstandschef amministratore_delegato directeur_general =prezes =prezesa =vd koncernchef
      administrerende_direktør generalni_reditel generalny_riaditel director_general toimitusjohtaj genel_mudur гендиректор генеральныи_директор`,
  },
  funding: {
    funding:
      'finanzierung financement financiacion financiamiento finanziament financiering financiament finansowani finansiering financovan finantar rahoitu финансирован',
    investor:
      '+investor investisseur inversor investitor investeerder investidor inwestor yatırımcı инвестор',
    valuation: 'valorisation valoracion valutazion wycen',
    ipo: 'borsengang beursgang borsintroduktion børsnotering',
  },
  legal: {
    lawsuit:
      '+sammelklage =klage plainte demanda_colectiva +rechtszaak denuncia acao_judicial =pozew =pozwu retssag søksmal zalob oikeusjut =kanne =dava =davası =иск =иска =иском',
    sue: 'verklagt demandad aangeklaagd processad pozwan =stams =stamt sagsøg saksøk zaluj',
    court:
      '+gericht tribunal +rechter +rechtbank =sad =sadu =sadem domstol =soud =soudu =soudem =sudu =sudom =instanta',
    fin: '+bussgeld +geldstrafe =amende =amendes multa +boete sanzion =kara =kare =kary grzywn =boter =bøde =bøder =pokuta =pokutu =pokuty =amenda =amenzi sakko =sakot =sakon sakkoj =ceza =cezası штраф',
    antitrust:
      '+kartell antitruste antymonopol =uokik konkurrensverket konkurrencestyrelsen konkurransetilsynet protimonopoln consiliul_concurentei',
  },
};

/**
 * The kinds' words in Japanese, which writes no spaces (its words are not split as the others'
 * are): each found anywhere in an item's title or lead counts as the English word it says.
 */
const japaneseWords: ReadonlyArray<[RegExp, string, string]> = [
  [/障害|停止|ダウン|つながらない|繋がらない|不通/g, 'outage', 'outage'],
  [/値上げ|値上がり|価格改定|料金改定/g, 'price', 'increas'],
  [/発売|発表|提供開始|リリース|投入/g, 'launch', 'launch'],
  [/漏えい|漏洩|流出|不正アクセス|サイバー攻撃/g, 'security', 'leak'],
  [/買収|合併|経営統合/g, 'merger', 'acquir'],
  [/人員削減|リストラ|希望退職|解雇/g, 'people', 'layoff'],
  [/就任|社長交代|辞任/g, 'people', 'appoint'],
  [/資金調達|出資/g, 'funding', 'funding'],
  [/訴訟|提訴|罰金|制裁金|課徴金/g, 'legal', 'lawsuit'],
];

/**
 * German writes every noun with a capital, so there a capital alone tells no name. A capitalised
 * German word is read as a name when no German noun is shaped like it: a capital or a digit inside
 * it ("SAP", "EU", "TeamViewer", "iPhone"), or a letter German does not write ("Nestlé", "Société");
 * else when it is none of the nouns German business news writes most ("Kunden", "Stunden",
 * "Tickets") and does not end as German nouns do ("-ung", "-heit", "-keit", "-schaft", "-tion",
 * "-tät", "-zentrum"…): "Acme", "Globex", "Frankfurt" are names, "Rechenzentrum", "Verlängerung" are not.
 */
const germanNounEnd =
  /(?:ung|ungen|heit|heiten|keit|keiten|schaft|schaften|tion|tionen|sion|sionen|tät|täten|ismus|nis|nisse|tum|tümer|ling|linge|chen|lein|erei|ierung|zentrum|zentren|stufe|stufen|platz|plätze|stunde|stunden|team|teams|kunde|kunden|preis|preise|preisen|prozent|seite|seiten|dienst|dienste|system|systeme|daten|bank|banken|markt|märkte|angebot|angebote|vertrieb|mitarbeiter|nutzer|anbieter|firma|firmen|unternehmen|konzern|tag|tage|tagen|woche|wochen|monat|monate|jahr|jahre|jahren|uhr|zeit|ursache|region|regionen|meldung|ticket|tickets|agent|agenten|chat|chats|minute|minuten|vormittag|nachmittag|morgen|abend|tipp|tipps|frage|fragen|problem|probleme|server|software|cloud|update|version|app|apps|plattform|kosten|zahl|zahlen|umsatz|gewinn|aktie|aktien|stelle|stellen)$/;
const germanNouns = new Set(
  `Vormittag Nachmittag Stunden Kunden Tickets Agenten Helpdesk Support Statusseite Ausfall Störung Ursache
    Datenbank Umschaltung Verlängerung Arbeitsplatz Nutzungsstufen Prozent Vertrieb Stellen Antwort Chats`
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase()),
);
function germanName(plain: string): boolean {
  if (/[\p{Lu}\d]/u.test(plain.slice(1)) || /[^a-zäöüßA-ZÄÖÜ]/u.test(plain)) return true;
  const lower = plain.toLowerCase();
  return !germanNouns.has(lower) && !germanNounEnd.test(lower);
}

/** A word of another language as eventKinds reads it: its kind and the English word it says (in its plain form). */
type OtherWord = { kind: string; word: string };
const otherWordsRead = Object.entries(otherWords).flatMap(([kind, words]) =>
  Object.entries(words).flatMap(([english, written]) =>
    written
      .split(/\s+/)
      .filter(Boolean)
      .map((entry) => ({ entry, read: { kind, word: wordForm(english) } })),
  ),
);
/** Each way a word is written in otherWords: "=word", "+word", "two_words", or a word's start. */
const otherWordsWritten = (mark: (entry: string) => boolean) =>
  new Map(
    otherWordsRead
      .filter(({ entry }) => mark(entry))
      .map(({ entry, read }) => [entry.replace(/^[=+]/, '').replace('_', ' '), read] as const),
  );
const wholeWords = otherWordsWritten((entry) => entry.startsWith('='));
const wordEnds = otherWordsWritten((entry) => entry.startsWith('+'));
const phrases = otherWordsWritten((entry) => entry.includes('_'));
const wordStarts = otherWordsWritten((entry) => /^\p{L}/u.test(entry) && !entry.includes('_'));
/** Longest first: "datenpanne" is a leak before "panne" is an outage. */
const alternatives = (words: Map<string, OtherWord>) =>
  [...words.keys()].sort((a, b) => b.length - a.length).join('|');
const startsPattern = new RegExp(`^(${alternatives(wordStarts)})`);
// A compound's last word, as German and Dutch inflect it ("Ausfälle", "Preisen", "storingen").
const endsPattern = new RegExp(`(${alternatives(wordEnds)})(?:e|en|n|s|es|er|ern|t)?$`);

/** The kind and English word of a token of another language (see otherWords), if it tells of one. */
function otherWordOf(token: string): OtherWord | undefined {
  const whole = wholeWords.get(token);
  if (whole) return whole;
  if (token.length < 4) return undefined;
  const start = startsPattern.exec(token)?.[1];
  if (start) return wordStarts.get(start);
  const end = endsPattern.exec(token)?.[1];
  return end ? wordEnds.get(end) : undefined;
}

const kindOfWord = new Map(
  Object.entries(eventKinds).flatMap(([kind, words]) =>
    words.flatMap((word) => [[word, kind] as const, [wordForm(word), kind] as const]),
  ),
);
/** A kind told at least this share as often as the most told one is also the item's kind ("multi-year discount before your renewal"). */
const kindShare = 0.6;

type Terms = {
  weights: Map<string, number>;
  /** Every word it uses, in its plain form, its source's name too. */
  words: Set<string>;
  /** Its title's words written with a capital, in order. */
  titleCapitals: string[];
  kinds: Set<string>;
  /**
   * The language it is written in (see detectLanguage); "other" when too close to call but not
   * English; null when too short or mixed to tell.
   */
  language: string | null;
};

/** How the items given write their words: which in lower case, which with a capital inside a sentence. */
type Casing = { lowered: Set<string>; inner: Set<string> };

/**
 * What an item tells, as words: its title's count twice, its lead's once, each word in its plain
 * form, with each two words that follow one another ("status page", "service credit").
 */
function termsOf(item: EventText, casing: Casing): Terms {
  const key = `${item.title}\u0000${item.text.slice(0, leadChars)}\u0000${item.source ?? ''}\u0000${item.language ?? ''}`;
  let read = termsRead.get(key);
  if (!read) {
    read = readTerms(item);
    // Digests of many channels read the same items: each is read once, the cache kept small.
    if (termsRead.size >= termsCacheSize) termsRead.clear();
    termsRead.set(key, read);
  }
  for (const form of read.lowered) casing.lowered.add(form);
  for (const form of read.inner) casing.inner.add(form);
  return read.terms;
}

/** Items' words as read (see readTerms), by their title, lead, source and stored language. */
const termsRead = new Map<string, ReturnType<typeof readTerms>>();
const termsCacheSize = 5_000;

/** termsOf's reading of one item, with the words it writes in lower case and with a capital inside a sentence. */
function readTerms(item: EventText): { terms: Terms; lowered: string[]; inner: string[] } {
  const weights = new Map<string, number>();
  const words = new Set<string>();
  const titleCapitals: string[] = [];
  const lowered: string[] = [];
  const inner: string[] = [];
  /** How often each kind of event is told, its title's words counting three times. */
  const kindsTold = new Map<string, number>();
  /**
   * Its short words, English and other languages': a text too close to call between other
   * languages (Spanish and Portuguese share most short words) is at least no English one.
   */
  const shortWords = { en: 0, other: 0 };
  const weigh = (term: string, weight: number) => weights.set(term, Math.max(weights.get(term) ?? 0, weight));
  const lead = themeText(item.text.slice(0, leadChars));
  // The language stored at ingest, else a guess: "Störung bei Acme" alone reads as no German.
  const told = item.language ?? detectLanguage(item.title, lead);
  // An English item's words are read in English only: "storing" is no Dutch outage there.
  const english = told === 'en';
  const german = told === 'de';
  const add = (text: string, weight: number, kindWeight: number, capitals?: string[]) => {
    let previous: string | null = null;
    let previousToken = '';
    let previousWord = '';
    for (const match of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’%]*/gu)) {
      // "d'Acme", "l'interruzione": the word after the article; "Acme's": the name.
      const plain = match[0].replace(ELIDED, '').replace(/['’](?:s)?$/i, '');
      const [token] = tokenize(plain);
      if (!token) continue;
      const plainForm = wordForm(token);
      const kindOf = kindOfWord.get(token) ?? kindOfWord.get(plainForm);
      const other = kindOf || english ? undefined : otherWordOf(token);
      // Two words that tell a kind, whatever the second tells alone: "goes dark", "laid off" (no
      // offer), "nicht erreichbar", "página de estado".
      const phrase = phrases.get(`${previousToken} ${token}`) ?? phrases.get(`${previousWord} ${token}`);
      const kind = phrase?.kind ?? kindOf ?? other?.kind;
      if (kind) kindsTold.set(kind, (kindsTold.get(kind) ?? 0) + kindWeight);
      if (phrase) weigh(phrase.word, weight);
      previousToken = token;
      const short = stopWords.has(token) || functionWords.en?.has(token);
      // Another language's short word, unless the item is English or it is written in capitals:
      // "die" and "de" are no word two tellings share, "Assist AI" is Globex's.
      const otherShort = !short && otherStopWords.has(token);
      if (short) shortWords.en++;
      else if (otherShort) shortWords.other++;
      if (
        token.length < 2 ||
        short ||
        (otherShort && !english && plain !== plain.toUpperCase()) ||
        formWords.has(token) ||
        /^\d$/.test(token)
      ) {
        previous = null;
        continue;
      }
      previousWord = token;
      const form = other?.word ?? plainForm;
      words.add(form);
      if (!/^\p{Lu}/u.test(plain)) lowered.push(form);
      else {
        capitals?.push(form);
        // The first word of a sentence is written with a capital whatever it is; in German, every noun.
        const sentenceStart = /(?:^|[.!?:;]\s*["“'‘(]?)\s*$/.test(text.slice(0, match.index));
        if (!sentenceStart && (!german || (!kind && germanName(plain)))) inner.push(form);
      }
      weigh(form, weight);
      if (previous) weigh(`${previous} ${form}`, weight);
      previous = form;
    }
  };
  add(item.title, 2, 3, titleCapitals);
  add(lead, 1, 1);
  if (told === 'ja')
    for (const [pattern, kind, english] of japaneseWords)
      for (const [text, weight, kindWeight] of [
        [item.title, 2, 3],
        [lead, 1, 1],
      ] as const) {
        const times = text.match(pattern)?.length ?? 0;
        if (times === 0) continue;
        kindsTold.set(kind, (kindsTold.get(kind) ?? 0) + times * kindWeight);
        words.add(wordForm(english));
        weigh(wordForm(english), weight);
      }
  for (const token of tokenize(item.source ?? '')) words.add(wordForm(token));
  const most = Math.max(0, ...kindsTold.values());
  const kinds = new Set(
    [...kindsTold].filter(([, times]) => times >= kindShare * most).map(([kind]) => kind),
  );
  const language = told ?? (shortWords.other > shortWords.en ? 'other' : null);
  return { terms: { weights, words, titleCapitals, kinds, language }, lowered, inner };
}

/**
 * Groups items that tell one event, however worded: a news story, the forum threads, the reviews
 * and the post-incident report of one outage. Two items are alike by the rare words they share
 * (TF-IDF cosine, the rarity read among the items given), never when published more than
 * `eventWindowMs` apart, never unless they tell of one kind of event (eventKinds), name someone
 * in common (a word written with a capital inside a sentence and never in lower case: "Acme",
 * "EU"; a shared theme is no event) and share two words besides, and never when one is another's story: the first name in its title ("Globex
 * Assist hit by outage…") is nowhere in the other (nor its source's name). Groups merge by average
 * likeness, so a chain of loosely alike items never becomes one event. Items of one near-duplicate
 * cluster are always one. Tellings in two languages (see otherWords) are alike by the words no
 * language translates: names, numbers and the kinds' words.
 *
 * Returns, for each item, the index of its group's first item in the order given (the best ranked,
 * when given ranked): an item whose index is its own leads its event.
 */
export function groupEvents(items: readonly EventText[]): number[] {
  return eventGroups(items).lead;
}

/**
 * groupEvents' groups, and for each item its group's centre: of the fittest tellings (see
 * `fitness`), the one most like the group's others (the highest mean likeness to them; of a like
 * one, the first). An item alone is its own centre, as is a group's first item when none may be one.
 */
export function eventGroups(
  items: readonly EventText[],
  /**
   * How fit each item is to be a centre (all alike unless said): of a group, only those of the
   * highest fitness above 0 are weighed (the news before the reactions to it; never a competitor's
   * own post, its marketing).
   */
  fitness: (index: number) => number = () => 1,
): { lead: number[]; centre: number[] } {
  const { pair, translated } = eventLikenesses(items);
  let groups = items.map((_, index) => [index]);
  for (;;) {
    let best = { score: eventLikeness, a: -1, b: -1 };
    for (let a = 0; a < groups.length; a++) {
      for (let b = a + 1; b < groups.length; b++) {
        // Tellings in one language are compared by all their words, in two by a few: where the
        // groups have items in one language, those pairs alone may say they are alike, so five
        // translations never dilute an English thread's likeness to the English news.
        let sum = 0;
        let same = 0;
        let sameCount = 0;
        for (const x of groups[a] as number[])
          for (const y of groups[b] as number[]) {
            const likeness = (pair[x] as number[])[y] as number;
            sum += likeness;
            if ((translated[x] as boolean[])[y]) continue;
            same += likeness;
            sameCount++;
          }
        const all = sum / ((groups[a] as number[]).length * (groups[b] as number[]).length);
        const average =
          sum === Number.NEGATIVE_INFINITY || sameCount === 0 ? all : Math.max(all, same / sameCount);
        if (average >= best.score) best = { score: average, a, b };
      }
    }
    if (best.a === -1) break;
    const merged = [...(groups[best.a] as number[]), ...(groups[best.b] as number[])].sort((x, y) => x - y);
    groups = groups.filter((_, at) => at !== best.a && at !== best.b).concat([merged]);
  }
  const lead = new Array<number>(items.length);
  const centre = new Array<number>(items.length);
  for (const group of groups) {
    let best = { index: group[0] as number, likeness: Number.NEGATIVE_INFINITY };
    const fittest = Math.max(...group.map(fitness));
    for (const index of fittest > 0 ? group.filter((at) => fitness(at) === fittest) : []) {
      // Pairs too far apart in time count as unlike.
      const likeness = group.reduce(
        (sum, other) =>
          other === index ? sum : sum + Math.max(0, (pair[index] as number[])[other] as number),
        0,
      );
      if (likeness > best.likeness) best = { index, likeness };
    }
    for (const index of group) {
      lead[index] = group[0] as number;
      centre[index] = best.index;
    }
  }
  return { lead, centre };
}

type Vector = { vector: Map<string, number>; norm: number };

/**
 * How alike each two items are as tellings of one event: 1 the same, 0 unlike, -Infinity too far
 * apart in time; and whether two are in two languages (compared by names, numbers and kinds' words).
 */
function eventLikenesses(items: readonly EventText[]): { pair: number[][]; translated: boolean[][] } {
  const casing: Casing = { lowered: new Set(), inner: new Set() };
  const terms = items.map((item) => termsOf(item, casing));
  // A name is written with a capital inside a sentence, and never in lower case ("Acme", "EU"; not
  // "Agents could not…"). Whose story an item is: the first name of its title.
  const isName = (word: string) => casing.inner.has(word) && !casing.lowered.has(word);
  const whose = terms.map(({ titleCapitals }) => titleCapitals.find(isName));
  // The names each item writes (in its title or lead): an event is someone's.
  const names = terms.map(({ weights }) =>
    [...weights.keys()].filter((word) => !word.includes(' ') && isName(word)),
  );
  const documents = new Map<string, number>();
  for (const { weights } of terms)
    for (const word of weights.keys()) documents.set(word, (documents.get(word) ?? 0) + 1);
  const vectorOf = (weights: Map<string, number>, read: (word: string) => boolean) => {
    const vector = new Map<string, number>();
    let norm = 0;
    for (const [word, weight] of weights) {
      if (!read(word)) continue;
      const value = weight * Math.log(1 + items.length / (documents.get(word) ?? 1));
      vector.set(word, value);
      norm += value * value;
    }
    return { vector, norm: Math.sqrt(norm) };
  };
  const vectors = terms.map(({ weights }) => vectorOf(weights, () => true));
  // Two languages share only the words no language translates: names ("Acme", "EU", "Frankfurt"),
  // numbers, and the kinds' words, read as English ("Ausfall" is "outage"). Tellings in two
  // languages are compared by those alone.
  const neutral = (word: string) => isName(word) || kindOfWord.has(word) || /^\d/.test(word);
  // Read only for items compared with one in another language.
  const neutralVectors: Array<Vector | undefined> = [];
  const neutralVector = (at: number): Vector =>
    (neutralVectors[at] ??= vectorOf((terms[at] as Terms).weights, neutral));
  const isTranslated = (a: number, b: number) => {
    const languageA = (terms[a] as Terms).language;
    const languageB = (terms[b] as Terms).language;
    return languageA !== null && languageB !== null && languageA !== languageB;
  };
  const likeness = (a: number, b: number): number => {
    const left = items[a] as EventText;
    const right = items[b] as EventText;
    if (left.clusterId !== null && left.clusterId === right.clusterId) return 1;
    if (Math.abs(left.publishedAt - right.publishedAt) > eventWindowMs) return Number.NEGATIVE_INFINITY;
    const kindsA = (terms[a] as Terms).kinds;
    const kindsB = (terms[b] as Terms).kinds;
    // Items that tell of no kind of event (two praising reviews) are one story only as near-duplicates.
    if (![...kindsA].some((kind) => kindsB.has(kind))) return 0;
    // Another company's outage the same morning is another story, though it names Acme.
    const ownerA = whose[a];
    const ownerB = whose[b];
    if (
      (ownerA && !(terms[b] as Terms).words.has(ownerA)) ||
      (ownerB && !(terms[a] as Terms).words.has(ownerB))
    )
      return 0;
    // An event happens to someone: two pieces that name no one in common (an analysis of usage
    // pricing, a webinar on per-seat pricing) share a theme, not an event. A name one writes may be
    // the other's source ("Introducing Assist AI" on The Globex Blog).
    if (
      !(names[a] as string[]).some((name) => (terms[b] as Terms).words.has(name)) &&
      !(names[b] as string[]).some((name) => (terms[a] as Terms).words.has(name))
    )
      return 0;
    // Words of a kind of event say what kind it is, not which one: two prices changed are two
    // events unless more words tell of the same one ("Acme pricing goes up", "Globex price cut").
    let shared = 0;
    for (const word of (terms[a] as Terms).weights.keys())
      if (!word.includes(' ') && !kindOfWord.has(word) && (terms[b] as Terms).weights.has(word)) shared++;
    if (shared < sharedWords) return 0;
    const translated = isTranslated(a, b);
    const one = translated ? neutralVector(a) : (vectors[a] as Vector);
    const other = translated ? neutralVector(b) : (vectors[b] as Vector);
    if (one.norm === 0 || other.norm === 0) return 0;
    let dot = 0;
    for (const [word, value] of one.vector) dot += value * (other.vector.get(word) ?? 0);
    return dot / (one.norm * other.norm);
  };
  return {
    pair: items.map((_, a) => items.map((__, b) => (a === b ? 1 : likeness(a, b)))),
    translated: items.map((_, a) => items.map((__, b) => isTranslated(a, b))),
  };
}

/** The kinds of event an item tells (an outage, a price change, a launch…), as groupEvents reads them. */
export function eventKindsOf(item: Pick<EventText, 'title' | 'text' | 'language'>): ReadonlySet<string> {
  return readTerms({ ...item, publishedAt: 0, clusterId: null }).terms.kinds;
}
