import { languageCode, languageName, languageNamesList } from '../analysis/language.ts';
import { localDate, startOfLocalDay, zonedTime } from '../commands/dates.ts';
import { editDistance } from '../commands/text.ts';
import { UserError } from '../errors.ts';

/**
 * `fallbackDays`: for a calendar period so far ("today", "this week", "this month"), which may have
 * only just begun (a Monday morning), the rolling window an empty answer covers instead (for
 * "today", 1: the last 24 hours, then the last 7 days when those hold no more); for the calendar
 * period before ("last month": October), the rolling window ending now those words often mean.
 * `youngDays`: a period this many days old or less has only just begun, so the rolling window
 * answers even when the period holds something (a Monday's few mentions are no week's trend).
 */
export type AskWindow = {
  since: Date;
  until: Date;
  days: number;
  label: string;
  fallbackDays?: number;
  youngDays?: number;
  /** "pricing this week vs last week", "outages: march vs april": the earlier period, set beside this one. */
  before?: AskWindow;
};

/** The rolling window of `days` ending at `until`. */
export function rollingWindow(
  until: Date,
  days: number,
  label = `last ${days} day${days === 1 ? '' : 's'}`,
): AskWindow {
  return { since: new Date(until.getTime() - days * dayMs), until, days, label };
}
/**
 * `overview`: a question about nothing in particular ("what changed this week", "anything new?",
 * "what are customers saying?"), answered across every topic Briefbot follows.
 */
export type AskRequest = {
  question: string;
  subjects: string[];
  window: AskWindow;
  customers: boolean;
  /** "top 3 stories", "10 bullets on pricing": how many sources a page shows (1–10; 5 otherwise). */
  count?: number;
  /** "how did the outage play in the press": news coverage weighted first. */
  press?: boolean;
  overview: boolean;
  /** Subjects past the two that side by side compares ("acme vs globex vs initech": initech). */
  leftOut?: string[];
  /** The side asked about: "complaints about acme" (negative), "what do people love about acme". */
  tone?: 'negative' | 'positive';
  /** What the reading changed, said on top of the answer ("At most 10 sources a page…"). */
  notes?: string[];
  /** "is globex cheaper than us": which side is cheaper asked, so the answer leads with the price facts given. */
  price?: boolean;
  /**
   * "is globex gaining on us" (1), "are we winning" (0): the race asked, and which side of it the
   * question is about, so the answer leads with who is ahead and how it moved, that side first.
   */
  race?: 0 | 1;
  /** "anything I need to respond to", "what's waiting on us": the open conversations, then the stories nobody was asked about. */
  respond?: boolean;
  /** "in German", "French press only": the sources in that language only (ISO 639-1; "en" takes the unknown too). */
  language?: string;
  /** "pricing in one line" (line); "pricing, just the numbers" (numbers): a short answer's shape. */
  shape?: AnswerShape;
  /** "outage since the launch": a period named by an event, looked up among the stories by the answer. */
  event?: EventNamed;
  /** The questions a note offers for what the reading could not settle (Initech's outage or Globex's): buttons under it. */
  choices?: AskChoice[];
  /** "who is talking about us", "who are the loudest voices on globex": the people and sources first. */
  who?: boolean;
};

/** A question offered as a button: its words on the button ("Since Globex's outage (1 Nov)") and the question it asks. */
export type AskChoice = { label: string; question: string };

/**
 * "since the launch", "before the price change": the event a period is named by, as typed
 * (`words`, after `anchor`: since, after, before…), whether the period runs from it or up to it,
 * the question without it (`rest`), and the note said when the stories cannot date it (the default
 * window, with the question to ask by date).
 */
export type EventNamed = {
  relation: 'since' | 'before';
  anchor: string;
  words: string;
  rest: string;
  note: string;
  /** "since the launch vs before": the period from the event set beside the one as long before it. */
  versusBefore?: true;
};

/** A short answer asked for: one line, or the counts without a summary. */
export type AnswerShape = 'line' | 'numbers';

export const dayMs = 24 * 3600 * 1000;
const unitDays: Record<string, number> = { day: 1, week: 7, month: 30, quarter: 90, year: 365 };
const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const maxDays = 365;
/** A day as a window's end may name it: "nov 1", "1st november", "2026-11-01". */
const dayWords =
  '\\d{4}-\\d{1,2}-\\d{1,2}|[a-z]{3,9}\\s+\\d{1,2}(?:st|nd|rd|th)?|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?[a-z]{3,9}';

const who =
  '(?:our\\s+|the\\s+)?(customers?|users?|buyers?|clients?|reviewers?|people|analysts|the\\s+market|market|folks|everyone|press|media)';

const questionForms: RegExp[] = [
  // "tell me more about pricing", "give me more on pricing": the subject, never the words "more" (nor the next page).
  /^(?:ask\s+)?(?:(?:tell|give|show)\s+(?:me|us)\s+)?(?:a\s+(?:bit|little)\s+|some(?:thing)?\s+)?more\s+(?:about|on|regarding|of)\s+(.+)$/i,
  // "is globex struggling", "is globex eating our lunch" (the race, "is globex winning", is read
  // before these forms): the subject, never a search for "eating" or "lunch".
  /^(?:ask\s+)?(?:is|are)\s+(.+?)\s+(?:struggling|in\s+trouble|eating\s+(?:our|my|us['’]?s?)\s+lunch|stealing\s+our\s+(?:lunch|thunder|customers))$/i,
  // "any problems with pricing", "are there issues with acme": the subject, the negative first.
  /^(?:ask\s+)?(?:(?:are|is)\s+there\s+|do\s+we\s+have\s+)?(?:any\s+|some\s+)?(?:problems?|issues?|trouble|concerns?|red\s+flags?|risks?|worries)\s+(?:with|about|around|over|for|at)\s+(.+)$/i,
  // "should we respond to the pricing backlash", "do we need to worry about outages".
  /^(?:ask\s+)?(?:should|do|must)\s+(?:we|i)\s+(?:need\s+to\s+)?(?:respond|react|reply|worry|care|comment|say\s+something|do\s+something|be\s+(?:worried|concerned|nervous|scared))\s+(?:to|about|on|by)\s+(.+)$/i,
  // "how has pricing changed", "how did the outage story evolve".
  /^(?:ask\s+)?how\s+(?:has|have|did|is|are)\s+(.+?)\s+(?:changed?|changing|evolved?|evolving|moved?|shifted|developed|trended)$/i,
  // "positive stories about acme", "bad coverage of globex": the subject, that side first.
  /^(?:ask\s+)?(?:the\s+|any\s+|some\s+)?(?:positive|good|glowing|happy|negative|bad|critical|angry)\s+(?:stories|story|news|coverage|articles|posts|mentions|takes|things\s+said)\s+(?:about|on|for|of|regarding)\s+(.+)$/i,
  // "what's the biggest story about globex", "top 3 stories about pricing": the subject.
  /^(?:ask\s+)?(?:what(?:'s|’s|s|\s+is|\s+are|\s+was)\s+)?(?:the\s+)?(?:single\s+)?(?:biggest|hottest|top(?:\s+(?:\d{1,2}|three|five|ten))?|main|most\s+(?:important|debated|controversial|discussed|talked[-\s]about))\s+(?:story|stories|news|thing|issue|debate|conversation|headline)s?\s+(?:about|on|for|with|at|around|regarding|concerning)\s+(.+)$/i,
  // "the top 3 about acme", as a follow-up's note writes it: the noun left out.
  /^(?:ask\s+)?(?:what(?:'s|’s|s|\s+is|\s+are)\s+)?(?:the\s+)?top\s+(?:\d{1,2}|three|five|ten)\s+(?:about|on|for|regarding|concerning)\s+(.+)$/i,
  // "give me a summary of pricing" (before "give me …", which would keep "a summary of").
  // "tldr on globex", "the gist of pricing": the subject.
  /^(?:ask\s+)?(?:give\s+me\s+)?(?:a\s+|an\s+|the\s+)?(?:quick\s+)?(?:summary|recap|rundown|overview|briefing|brief|tl;?\s?dr|gist|updates?|report|talking\s+points|highlights|headlines)\s+(?:of|on|about|for)\s+(.+)$/i,
  // "what should I tell the board about pricing", "how do I brief the CEO on outages": the subject.
  /^(?:ask\s+)?(?:what|how)\s+(?:should|do|can|would|shall)\s+(?:i|we)\s+(?:tell|say\s+to|report\s+to|brief|update|present\s+to)\s+(?:the\s+|our\s+|my\s+)?(?:board|ceo|cfo|execs?|exec\s+team|executives|leadership(?:\s+team)?|management|investors|team|staff|boss)\s+(?:about|on|regarding)\s+(.+)$/i,
  new RegExp(
    `^(?:ask\\s+)?(?:so\\s+)?(?:what|how)(?:'s|’s|\\s+is|\\s+are|\\s+do|\\s+does|\\s+did|\\s+have|\\s+has)?\\s+${who}(?:\\s+(?:are|is|been))?\\s+(?:saying|said|say|think(?:ing)?|feel(?:ing)?|talking|writing|posting|complaining)\\s+(?:about|of|on|regarding)\\s+(.+)$`,
    'i',
  ),
  // "reviews of acme", "complaints about pricing": customers' words; "sentiment on globex", "coverage of acme".
  // "negative customer reviews of globex", "complaints from customers about acme": whose words said twice.
  /^(?:ask\s+)?(?:what(?:'s|’s|\s+is|\s+are)\s+|how\s+many\s+)?(?:the\s+|any\s+|latest\s+|recent\s+|overall\s+|negative\s+|bad\s+|critical\s+|positive\s+|good\s+|top\s+|main\s+|biggest\s+|(?:most\s+)?common\s+)*(?:(?:customer|user|client)s?(?:['’]s?)?\s+)?(reviews?|feedback|complaints?|praise)(?:\s+(?:from|by)\s+(?:our\s+|the\s+)?(?:customers?|users?|clients?|reviewers?))?\s+(?:of|on|about|for|regarding|with)\s+(.+)$/i,
  // "how many mentions of globex", "how much coverage did the outage get".
  /^(?:ask\s+)?how\s+(?:many|much)\s+(?:mentions|coverage|posts|articles|stories|buzz|talk|noise)\s+(?:of|about|on|for|around|did)\s+(.+?)(?:\s+(?:get|got|have|had))?$/i,
  // "customers on acme", "customer reaction to pricing": customers' words about the subject.
  /^(?:ask\s+)?(?:the\s+|our\s+)?(customers?|users?|clients?|buyers?|reviewers?)(?:['’]s?)?(?:\s+(?:views?|reactions?|takes?|opinions?|thoughts|feelings|verdict|response))?\s+(?:on|about|to|regarding)\s+(.+)$/i,
  // "has sentiment on pricing improved", "is the outage story dying down": the subject.
  /^(?:ask\s+)?(?:has|have|is|are)\s+(?:the\s+)?(?:(?:sentiment|mood|tone|coverage|talk|conversation|chatter|buzz)\s+(?:on|about|around|of|for)\s+)?(.+?)\s+(?:improved|improving|gotten\s+(?:worse|better)|got\s+(?:worse|better)|getting\s+(?:worse|better)|worsened|worsening|changed|changing|(?:gone|going)\s+(?:up|down)|grown|growing|(?:dying|died|calmed|calming)\s+down|picking\s+up|picked\s+up)$/i,
  // "why is pricing trending", "why are outages in the news".
  /^(?:ask\s+)?why\s+(?:is|are)\s+(?:the\s+)?(.+?)\s+(?:trending|up|down|spiking|surging|hot|in\s+the\s+news|everywhere|(?:so\s+)?negative|(?:so\s+)?positive|blowing\s+up)$/i,
  /^(?:ask\s+)?(?:the\s+|any\s+|latest\s+|recent\s+|overall\s+|negative\s+|bad\s+|positive\s+|good\s+)*(?:sentiment|mood|tone|coverage|mentions|press|news|buzz|chatter|talk|conversation|opinions?|views?|volume)(?:\s+(?:trends?|score|breakdown|history|over\s+time))?\s+(?:of|on|about|around|for|regarding|towards?)\s+(.+)$/i,
  // "how did the outage play in the press", "how is the price rise landing with customers".
  new RegExp(
    `^(?:ask\\s+)?how\\s+(?:did|does|do|is|are|has|have)\\s+(?<subject>.+?)\\s+(?:play(?:ing|ed)?|land(?:ing|ed)?|go(?:ing)?\\s+over|gone\\s+over|went\\s+over|been\\s+received)(?:\\s+out)?(?:\\s+(?:in|with|among|for)\\s+(?<who>${who}))?$`,
    'i',
  ),
  // "how negative is the pricing conversation", "how heated is the talk about acme".
  /^(?:ask\s+)?how\s+(?:negative|positive|bad|good|heated|hot|loud|big|serious)\s+(?:is|are|was|were|has\s+been|have\s+been)\s+(?:the\s+)?(?:(?:conversation|discussion|coverage|talk|chatter|sentiment)\s+(?:about|on|around|of)\s+)?(.+?)(?:\s+(?:conversation|discussion|coverage|talk|chatter|sentiment))?$/i,
  /^(?:ask\s+)?(?:so\s+)?what(?:'s|’s|s|\s+is|\s+has)?\s+(?:new|happening|happened|going\s+on|up|changed)\s+(?:with|at|in|on|around|for|to)\s+(.+)$/i,
  /^(?:ask\s+)?(?:who(?:'s|’s|\s+is|\s+are)|where\s+(?:is|are)\s+(?:people|anyone|everyone|customers|users)|is\s+anyone|are\s+people|anyone)\s+(?:talking|writing|posting|complaining)\s+(?:about|on)\s+(.+)$/i,
  /^(?:ask\s+)?(?:what(?:'s|’s|s|\s+is)\s+)?(?:the\s+)?latest\s+(?:on|about|from|with)\s+(.+)$/i,
  // "give me 3 bullets on pricing": the subject (the page is five sources, summed up).
  /^(?:ask\s+)?(?:give\s+me\s+)?(?:\d{1,2}|a\s+few|some|three|five)\s+(?:bullets?|bullet\s+points|points|lines|sentences|takeaways)\s+(?:on|about|for|regarding)\s+(.+)$/i,
  /^(?:ask\s+)?(?:show|give|get)\s+me\s+(?:the\s+)?(?:latest\s+|news\s+)?(?:on\s+|about\s+)?(.+)$/i,
  /^(?:ask\s+)?what(?:'s|’s|s|\s+is)\s+the\s+(?:general\s+|overall\s+)?(?:latest\s+)?(?:buzz|news|word|talk|chatter|sentiment|conversation|noise|mood|trends?|vibe|(?:big\s+)?picture|story|deal|situation)(?:\s+on\s+the\s+street|\s+in\s+the\s+market)?\s+(?:on|about|around|regarding|with|for)\s+(.+)$/i,
  /^(?:ask\s+)?(?:any(?:thing)?\s+)?(?:news|buzz|chatter)\s+(?:on|about)\s+(.+)$/i,
  // "anything on dana whitfield", "do we have anything new about pricing", "what have you got on globex": the subject.
  /^(?:ask\s+)?(?:(?:do|did)\s+(?:we|you)\s+have\s+|(?:have\s+(?:we|you)\s+|you\s+|we\s+)?got\s+|is\s+there\s+|what\s+(?:do|have|did)\s+(?:we|you)\s+(?:have|got|find)\s+)?(?:anything|something|any\s+(?:info|information|intel|updates?)|info|intel|information)?\s*(?:new\s+|recent\s+|interesting\s+|else\s+)?(?<!^)(?:on|about|regarding)\s+(.+)$/i,
  // "why are customers angry about pricing", "what do people hate about acme": who, then the subject.
  new RegExp(
    `^(?:ask\\s+)?why\\s+(?:are|is|do|does)\\s+${who}\\s+(?:so\\s+)?[a-z]+\\s+(?:about|with|over|at)\\s+(.+)$`,
    'i',
  ),
  new RegExp(
    `^(?:ask\\s+)?what\\s+(?:do|does|did)\\s+${who}\\s+(?:hate|like|love|dislike|want|praise|complain\\s+about)\\s+(?:about\\s+|in\\s+|with\\s+)?(.+)$`,
    'i',
  ),
  // "give me a summary of pricing", "what should I know about acme".
  /^(?:ask\s+)?what\s+(?:should|do|does|must)\s+(?:i|we|you)\s+(?:need\s+to\s+)?know\s+(?:about|on)\s+(.+)$/i,
  // "are customers mad about pricing", "is the press happy with acme": who, then the subject.
  new RegExp(
    `^(?:ask\\s+)?(?:is|are)\\s+${who}\\s+(?:so\\s+|still\\s+|really\\s+|getting\\s+)?(?:mad|angry|furious|upset|unhappy|happy|pleased|excited|worried|concerned|frustrated|annoyed|disappointed|satisfied|impressed|confused)\\s+(?:about|with|over|at)\\s+(.+)$`,
    'i',
  ),
  // "acme news", "pricing summary": the subject.
  /^(?:ask\s+)?(?!what\b|how\b|who\b|why\b|top\b)(?<subject>.+?)\s+(?:news|updates?|headlines|coverage|sentiment|buzz|summary|recap|mentions|trends?|status)$/i,
  // "acme reviews", "globex complaints": customers' words about the subject.
  /^(?:ask\s+)?(?!what\b|how\b|who\b)(?<subject>.+?)\s+(?<who>reviews?|feedback|complaints?|praise)$/i,
  // "is globex any good", "is acme worth it": the subject.
  /^(?:ask\s+)?(?:is|are)\s+(.+?)\s+(?:any\s+good|good|worth\s+it|reliable|any\s+better|better)$/i,
  // "how did we do last week", "how has globex fared": the subject without the verb.
  /^(?:ask\s+)?how\s+(?:did|has|have)\s+(.+?)\s+(?:do|done|been\s+doing|fared?|perform(?:ed)?)$/i,
  // "how is the market reacting to our price increase", "how are customers taking the outage": who, then the subject.
  new RegExp(
    `^(?:ask\\s+)?how\\s+(?:is|are|did|has|have)\\s+${who}\\s+(?:react(?:ing|ed)?|respond(?:ing|ed)?|tak(?:ing|en|e)|took)\\s+(?:to\\s+)?(.+)$`,
    'i',
  ),
  // "did the outage hurt us", "is the discount hurting acme": the subject.
  /^(?:ask\s+)?(?:did|has|have|is|are|will)\s+(.+?)\s+(?:hurt|hurting|damaged?|damaging|helped|help|helping|affected|affecting|impacted|impacting)\s+(?:us|me|the\s+company|our\s+(?:brand|reputation|business|sales|numbers)|[a-z]+)$/i,
  // "how's pricing trending", "how is acme perceived": the subject without the verb.
  /^(?:ask\s+)?how(?:'s|’s|s|\s+is|\s+are)\s+(.+?)\s+(?:trending|doing|going|looking|performing|faring|perceived|received|landing)$/i,
  /^(?:ask\s+)?(?:tell\s+me\s+about|brief\s+me\s+on|summari[sz]e|what\s+about|how\s+is|how\s+are)\s+(.+)$/i,
  // "what did Priya Raman say", "what has kate_m been writing": a voice, by name.
  /^(?:ask\s+)?what\s+(?:did|does|do|has|have|is|are)\s+(.+?)\s+(?:been\s+)?(?:say|said|saying|write|wrote|written|writing|post|posted|posting|think|thinks|thought|feel|feels)$/i,
  // "what's globex up to", "what are competitors doing": the subject.
  /^(?:ask\s+)?what(?:'s|’s|s|\s+is|\s+are)\s+(?<subject>.+?)\s+(?:up\s+to|doing|announcing|launching|shipping|planning)(?:\s+(?:on|about|with|in|around)\s+(?<about>.+))?$/i,
  // "is the outage over", "is the outage still going": the subject.
  /^(?:ask\s+)?(?:is|are)\s+(.+?)\s+(?:over|done|fixed|resolved|finished|still\s+(?:going(?:\s+on)?|happening|on|ongoing|(?:a|an)\s+(?:problem|issue|thing|concern|story))|back\s+up|under\s+control)$/i,
  // "who is the most vocal critic of acme", "which sources are the most negative about pricing".
  /^(?:ask\s+)?(?:who|which\s+(?:sources?|voices?|outlets?|sites?|people|authors?|reviewers?))(?:'s|’s|\s+is|\s+are)\s+(?:the\s+)?(?:most\s+(?:vocal|negative|critical|positive|enthusiastic)|biggest|loudest|harshest|strongest)(?:\s+(?:critics?|fans?|supporters?|voices?|sources?))?\s+(?:of|about|on|regarding)\s+(.+)$/i,
  // "who are the critics of acme", "who are globex's fans": the subject, that side first.
  /^(?:ask\s+)?who(?:'s|’s|\s+is|\s+are)\s+(?:the\s+|our\s+)?(?:main\s+|top\s+|biggest\s+)?(?:critics?|fans?|supporters?|detractors?|haters?|champions?)\s+(?:of|on|about)\s+(.+)$/i,
  // "who is dana whitfield": the person; not "who is winning" or "who is the most vocal critic".
  /^(?:ask\s+)?who(?:'s|’s|\s+is|\s+was)\s+(?!(?:the\s+)?(?:most|biggest|loudest|harshest|strongest|winning|ahead|leading|doing|talking|saying|writing|posting|complaining)\b)(.+)$/i,
  /^ask\s+(.+)$/i,
];

/** A count a question asks for, in digits or words: "top 3", "the five biggest". */
const countWords = String.raw`(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)`;

/** Who, asked about, is the press: "what are analysts saying" is the news's, as "what is the press saying" is. */
const pressAsker = /^(?:the\s+)?(?:press|media|(?:industry\s+)?analysts?|journalists|reporters)$/i;

/** Questions with no subject: the answer is the whole conversation Briefbot follows. */
const overviewForms: RegExp[] = [
  /^(?:so\s+)?(?:what(?:'s|’s|s|\s+is|\s+has|\s+have)?|anything|any)\s+(?:been\s+)?(?:new|changed|changing|happening|happened|going\s+on|up|news|moving|trending|hot|important)$/i,
  /^(?:so\s+)?what(?:'s|’s|s|\s+is|\s+are)\s+the\s+(?:latest|news|headlines|top\s+stories|big\s+stories|buzz|word|talk|chatter|mood|sentiment|conversation|(?:overall\s+)?trends?|vibe|(?:big\s+)?picture)$/i,
  /^(?:the\s+)?(?:latest|news|headlines|top\s+(?:\d{1,2}\s+|three\s+|five\s+|ten\s+)?stories|big\s+stories|highlights|overview|market\s+overview|summary|recap|round-?up|the\s+week|the\s+day)$/i,
  /^(?:brief\s+(?:me|us)|catch\s+(?:me|us)\s+up|what\s+(?:did|have)\s+(?:i|we)\s+miss(?:ed)?|give\s+me\s+the\s+(?:rundown|highlights|overview|summary|headlines|latest|news|top\s+stories))$/i,
  new RegExp(
    // "what did customers say": the past tense reads as the present.
    `^(?:so\\s+)?(?:what|how)(?:'s|’s|\\s+is|\\s+are|\\s+do|\\s+does|\\s+did|\\s+have|\\s+has)?\\s+${who}(?:\\s+(?:are|is|been))?\\s+(?:saying|said|say|think(?:ing)?|thought|feel(?:ing)?|felt|(?:talk(?:ing|ed)?|complain(?:ing|ed)?|writ(?:ing|ten)|wrote|angry|upset|mad|unhappy|frustrated|annoyed|worried|happy|excited|pleased)\\s+(?:about|with))$`,
    'i',
  ),
  // "anything I should worry about", "what do we need to know": everything, worries first.
  /^(?:is\s+there\s+)?(?:anything|what)\s+(?:(?:should|do|must)\s+)?(?:i|we)\s+(?:should\s+|need\s+to\s+|must\s+|have\s+to\s+)?(?:worry|be\s+worried|be\s+concerned|know|care)(?:\s+about)?$/i,
  /^(?:(?:give|tell)\s+me\s+|what(?:'s|’s|s|\s+is)\s+)the\s+bad\s+news$/i,
  // "sentiment", "tl;dr", "hey": a word that asks for no subject.
  /^(?:sentiment|mood|tl;?\s?dr|summary|status|update|updates|anything|hey|hi|hello|morning|good\s+morning)$/i,
  // "what's the biggest story this week", "what is most controversial": the overview ranks by both.
  // "top 3 things this week", "the 5 biggest issues", "what are the top three topics": the overview, that many stories.
  new RegExp(
    String.raw`^(?:what(?:'s|’s|s|\s+is|\s+are|\s+were)\s+|(?:give|show|tell)\s+me\s+)?(?:the\s+|my\s+|our\s+)?(?:${countWords}\s+)?(?:top|biggest|hottest|main|key|most\s+(?:important|debated|controversial|discussed|talked[-\s]about))(?:\s+${countWords})?(?:\s+(?:story|stories|news|headlines?|things?|topics?|issues?|points?|items?|developments?|takeaways?|debates?|conversations?))?(?:\s+(?:to\s+know|(?:i|we)\s+(?:should|need\s+to|must|have\s+to|ought\s+to)\s+know(?:\s+about)?|that\s+matter(?:ed)?|happening))?$`,
    'i',
  ),
  // "who is the most vocal critic", "which sources are the most negative": voices and sources, one side first.
  /^(?:who|which\s+(?:sources?|voices?|outlets?|sites?|people|authors?|reviewers?))(?:'s|’s|\s+is|\s+are)\s+(?:the\s+)?(?:most\s+(?:vocal|negative|critical|positive|enthusiastic)|biggest|loudest|harshest|strongest)(?:\s+(?:critics?|fans?|supporters?|voices?|sources?))?$/i,
  new RegExp(
    String.raw`^(?:what(?:'s|’s|\s+is|\s+are)\s+)?(?:the\s+)?(?:top|main|biggest|(?:most\s+)?common)(?:\s+${countWords})?\s+(complaints|concerns|issues|problems|praise|compliments)$`,
    'i',
  ),
];

/** "any red flags", "is there a crisis", "any problems?": everything, the negative first. */
const worryAsked =
  /^(?:any\s+|are\s+there\s+(?:any\s+)?|is\s+there\s+(?:a|an|any)\s+)(?:red\s+flags?|risks?|fires?|concerns?|worries|bad\s+news|problems?|issues?|cris[ie]s|emergenc(?:y|ies)|trouble)(?:\s+(?:brewing|coming|today|now|this\s+week))?$/i;

/** "are customers happy", "is the press upset": how they feel, about nothing named. */
const feelingAsked = new RegExp(
  `^(?:so\\s+)?(?:is|are)\\s+${who}\\s+(?:still\\s+|really\\s+|generally\\s+)?(?:happy|unhappy|satisfied|dissatisfied|pleased|content|ok|okay|upset|angry|mad|worried|frustrated)$`,
  'i',
);

const respondVerb = String.raw`(?:respond(?:ing)?|repl(?:y|ying)|react(?:ing)?|answer(?:ing)?|comment(?:ing)?\s+on|get\s+back\s+to|deal\s+with|follow\s+up\s+on|address(?:ing)?)`;
const response = String.raw`(?:(?:a|an|our|my|any|some)\s+)?(?:responses?|repl(?:y|ies)|answers?|reactions?|comments?|action|attention|follow[-\s]?ups?|us|me|(?:responding|replying|answering)(?:\s+to)?)`;
/**
 * "anything I need to respond to", "what needs a response", "what should we reply to", "anything
 * waiting on us": what is waiting for the company to answer, never a search for "need" or "respond".
 */
const respondForms: RegExp[] = [
  new RegExp(
    String.raw`^(?:is\s+there\s+|are\s+there\s+)?(?:anything|something|what|which\s+(?:ones?|stories|posts|items|conversations|threads))\s+(?:else\s+)?(?:(?:do|does|should|must|shall|can|could)\s+)?(?:i|we)\s+(?:(?:still\s+)?(?:need|have|ought|got)\s+to\s+|should\s+|must\s+|to\s+)?${respondVerb}(?:\s+(?:to|on))?(?:\s+(?:today|now|yet|still|first))?$`,
    'i',
  ),
  new RegExp(
    String.raw`^(?:is\s+there\s+|are\s+there\s+)?(?:anything|something|what(?:'s|’s|s|\s+is|\s+are)?|which\s+(?:ones?|stories|posts|items|conversations|threads))\s+(?:(?:that|which)\s+)?(?:still\s+)?(?:needs?|needing|requires?|requiring|awaiting|waiting\s+(?:on|for)|wants?|is\s+waiting\s+(?:on|for)|are\s+waiting\s+(?:on|for)|calls?\s+for|deserves?)\s+${response}(?:\s+(?:from\s+(?:us|me)|today|now|yet|still))?$`,
    'i',
  ),
  new RegExp(String.raw`^(?:anything|something|what(?:'s|’s|s)?)\s+(?:to\s+)?${respondVerb}(?:\s+to)?$`, 'i'),
  // "who should respond", "who needs to reply": what is waiting, each with its experts' button.
  new RegExp(
    String.raw`^who\s+(?:should|needs?\s+to|has\s+to|must|is\s+going\s+to|will)\s+${respondVerb}(?:\s+(?:to\s+)?(?:it|this|that|them|these))?$`,
    'i',
  ),
];

/**
 * Words that carry no subject ("what do you know", "what's different", "any good news?"): a
 * question of only these and joining words is the overview, never a search for "know".
 */
const fillerWords = new Set(
  `know knows different difference differences changed change changes changing going well good bad great
  news happening happened update updates latest anything everything something stuff things thing tell show
  give see hear heard worse better badly wrong right interesting notable important going on wins win
  highlights lowlights tldr`
    .split(/\s+/)
    .filter(Boolean),
);
/** Joining words, as the analysis skips them. */
const joiningWords = new Set(
  `a about all an and any are as at be been being by can could did do does doing for from had has have how i
  in is it its me my of on or our s so that the there this to us was we were what whats when where which who
  why will with would you your`.split(/\s+/),
);

/** What stands before "news" or "feedback" when they are about everything: "the latest", "customer". */
const noSubject =
  /^(?:(?:our|the|all|any|latest|recent|new)\s+)*(?:customers?|users?|buyers?|clients?|products?|latest|recent|new|all)?$/i;

/** Words that ask for one side of the conversation, outside the subject. */
const negativeAsk =
  /\b(?:critics?|harshest|worr(?:y|ied|ies)|concern(?:s|ed)?|red\s+flags?|risks|fires|bad\s+news|complaints?|complain(?:s|ing)?|hate[sd]?|dislike[sd]?|angry|mad|upset|unhappy|frustrated|annoyed|bad\s+press|negative|criticism|critical|critici[sz](?:e|es|ing)|(?:problems?|issues?|trouble)\s+(?:with|about|around|over|for|at)|going\s+(?:badly|wrong)|(?:bad|angry)\s+(?:coverage|stories|story|articles|posts|mentions|takes))\b/i;
const positiveAsk =
  /\b(?:fans?|supporters?|enthusiastic|praise[sd]?|likes?|love[sd]?|happy|pleased|positive|good\s+news|good\s+press|compliments?|going\s+well|glowing|wins|(?:good|happy)\s+(?:coverage|stories|story|articles|posts|mentions|takes))\b/i;

/** "last couple of days", "past three weeks": the number as digits, as the windows read it. */
const numberWords: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  couple: 2,
  'couple of': 2,
  few: 3,
  several: 5,
};

/** Whom the answer is for, never its subject: "… for the board", "… to tell the CEO". */
const audience =
  '(?:the\\s+|our\\s+|my\\s+)?(?:board(?:\\s+(?:meeting|deck|call))?|ceo|cfo|coo|boss|execs?|exec\\s+team|executives|leadership(?:\\s+team)?|management|investors|(?:all[-\\s]hands|staff\\s+meeting))';
// "summarize globex for me": who asks, never a subject word.
const forAudience = new RegExp(
  `(?<=\\S)\\s+(?:(?:for|to\\s+(?:tell|send|show|give)|to)\\s+${audience}|for\\s+me)$`,
  'i',
);

/**
 * "summarise the week", "give me a summary of this week" (the window already read), "weekly
 * summary", "board talking points", "what should I tell the board": the overview, with no subject.
 */
const recapForm = new RegExp(
  [
    '^(?:(?:can|could)\\s+(?:you|i)\\s+(?:get\\s+)?)?',
    '(?:',
    // "summarise the week", "sum up this month", "recap".
    '(?:summari[sz]e|sum\\s+up|recap|wrap\\s+up)(?:\\s+(?:the\\s+|this\\s+)?(?<unit>day|week|month))?',
    // "give me a summary of the week", "i need a quick weekly recap", "board talking points".
    '|(?:(?:give|get|send|show|write)\\s+(?:me|us)\\s+|i\\s+(?:need|want)\\s+)?(?:a\\s+|an\\s+|the\\s+|my\\s+|some\\s+)?(?:quick\\s+|short\\s+|brief\\s+)?',
    `(?:(?<every>daily|weekly|monthly)\\s+)?(?:(?:exec(?:utive)?|board|leadership|management)\\s+)?`,
    '(?:summary|recap|rundown|overview|round-?up|update|report|briefing|talking\\s+points|highlights|wrap-?up)',
    '(?:\\s+(?:of|for|on)\\s+(?:the\\s+|this\\s+)?(?<of>day|week|month))?(?:\\s+(?:of|for|on|from))?',
    // "what should I tell the board", "how do I brief the CEO", "what do I say to leadership".
    `|(?:what|how)\\s+(?:should|do|can|would|shall)\\s+(?:i|we)\\s+(?:tell|say|report|brief|update|present)(?:\\s+(?:to\\s+)?${audience})?`,
    ')$',
  ].join(''),
  'i',
);

/** Words mistyped around a subject, as they are read ("teh" is "the"). */
const questionSlips: Record<string, string> = {
  teh: 'the',
  hte: 'the',
  waht: 'what',
  wat: 'what',
  whta: 'what',
  abotu: 'about',
  abuot: 'about',
  peple: 'people',
  poeple: 'people',
  pepole: 'people',
  ppl: 'people',
  custmers: 'customers',
  cusomers: 'customers',
  costumers: 'customers',
  saynig: 'saying',
  syaing: 'saying',
};
/**
 * Shorthand typed on a phone, as the words it stands for: "w/ customers", "w/o news", "re: globex",
 * "how r we doing this wk", "acme mtd", "pricing yoy" (against the year before), "sentiment rn".
 */
const phoneShorthand: Array<[RegExp, string | ((match: string, ...groups: string[]) => string)]> = [
  [/(^|\s)w\/e\b/gi, '$1weekend'],
  [/(^|\s)w\/o\s+/gi, '$1without '],
  [/(^|\s)w\/\s*(?=\S)/gi, '$1with '],
  [/(?<=\S)\s+w\s+(?=\S)/gi, ' with '],
  // "pricing w/o news": customers' words (and "w/o reviews" the press), as "only" reads them.
  [/\s+without\s+(?:the\s+)?(?:news|press|media|articles|journalists)$/gi, ' customers only'],
  [/\s+without\s+(?:the\s+)?(?:customers?|reviews?|users?)$/gi, ' news only'],
  [/(^|\s)b\/c\s+/gi, '$1because '],
  [/\btl;\s?dr\b/gi, 'tldr'],
  // "tldr pricing", "pricing tldr": as "tldr on pricing".
  [/^tldr\s+(?!(?:on|of|for|about)\s)(?=\S)/i, 'tldr on '],
  [/^(.+?)\s+tldr$/i, 'tldr on $1'],
  [/^re:?\s+(?=\S)/gi, ''],
  [/(\s)re:?\s+(?=\S)/gi, '$1about '],
  [/\b(?:abt|abut|bout)\b/gi, 'about'],
  [/\b(?:wht|wut|wht's)\b/gi, 'what'],
  // "a 3 bullet summary of pricing", "give me a 3-point recap for the board": that many bullets.
  [
    /\b(?:an?\s+)?(\d{1,2}|three|five)[-\s]+(?:bullet|point)\s+(?:summary|recap|rundown|overview|briefing|update)(?:\s+(of|on|about|for)(?!\s+(?:the|my|our)\s+(?:board|ceo|cfo|execs?|team|leadership|boss)\b))?/gi,
    (_: string, count: string, about?: string) =>
      about ? `${count} bullets on` : `a summary in ${count} bullets`,
  ],
  // "whos our biggest critic": the biggest critic of the company, as "who is the biggest critic of us" asks.
  [
    /^who(?:'s|’s|s|\s+is|\s+are)\s+(?:our|my)\s+(biggest|loudest|harshest|strongest|most\s+vocal|top|main)\s+(critics?|fans?|supporters?|detractors?|champions?)$/i,
    'who is the $1 $2 of us',
  ],
  [/\b(what|how|who|where|why|which|when)\s+r\b/gi, '$1 are'],
  [/^r\s+(?=\S)/i, 'are '],
  [/\br\s+(?=(?:we|you|u|they|people|customers|users|reviewers|analysts|folks)\b)/gi, 'are '],
  [/\b(are|do|can|could|did|would|will|have)\s+u\b/gi, '$1 you'],
  [/\b(sayin|talkin|complainin|postin|writin|thinkin)\b/gi, '$1g'],
  [/\b(?:yday|ystdy|yest|yesterdy)\b/gi, 'yesterday'],
  [/\b(?:2day|tdy|tday)\b/gi, 'today'],
  [/\b(this|last|past|previous|prior|next)\s+wk\b/gi, '$1 week'],
  [/\b(this|last|past|previous|prior|next)\s+mo\b/gi, '$1 month'],
  [/\bwks\b/gi, 'weeks'],
  [/\byrs?\b/gi, (year: string) => (year.length > 2 ? 'years' : 'year')],
  // "l7d", "7d", "24h": the last so many days or hours; "pricing 30 days" is the last 30 days.
  [/\bl(\d{1,3})d\b/gi, 'last $1 days'],
  // Only as a window: "3d printing" is a subject.
  [
    /\b(last|past|previous|prior)\s+(\d{1,3})d\b|(?<=\S\s+)(\d{1,3})d$/gi,
    (_: string, last?: string, count?: string, alone?: string) =>
      last ? `${last} ${count} days` : `${alone} days`,
  ],
  [/\b(\d{1,3})\s?(?:h|hrs?)\b/gi, '$1 hours'],
  [
    /(?<!\b(?:last|past|previous|prior|next|the|first|over|in|for)\s+)\b(\d{1,3})\s+(days|hours|weeks|months)$/gi,
    'last $1 $2',
  ],
  // "pricing - customers only": a dash between the parts is no word.
  [/\s+[-–—]+\s+/g, ' '],
  [/\bwtd\b/gi, 'this week'],
  [/\bmtd\b/gi, 'this month'],
  [/\bqtd\b/gi, 'this quarter'],
  // "by eod", "asap", "fyi": when the answer is wanted, never what it covers.
  [
    /\s+(?:by|before|until)\s+(?:eod|cob|end\s+of\s+(?:the\s+)?day|tonight|tomorrow|tmrw|the\s+meeting|my\s+(?:next\s+)?meeting)\b/gi,
    '',
  ],
  [/\s+(?:asap|fyi|urgent(?:ly)?|quick(?:ly)?)$/gi, ''],
  [/^(?:fyi|urgent|quick(?:ly)?|asap)[:,]?\s+/i, ''],
  [/\b(?:eod|cob)\b/gi, 'today'],
  [/(?<=\S)\s+4\s+(?=(?:the|our|my)\s)/gi, ' for '],
  [/^(?:i\s+)?need\s+(?:a\s+|an\s+|the\s+|some\s+)?(?:quick\s+)?(?=\S)/i, ''],
  // "right now" is the default window's end: no subject word.
  [/\s+(?:rn|atm|right\s+now)$/gi, ''],
  [/\byoy\b|\byear[\s-]+(?:over|on)[\s-]+year\b/gi, 'compared to last year'],
  [/\bqoq\b|\bquarter[\s-]+(?:over|on)[\s-]+quarter\b/gi, 'compared to last quarter'],
  // "mom" only ends a question: "mom and pop shops" is a subject.
  [/(?<=\S\s+)mom$|\bmonth[\s-]+(?:over|on)[\s-]+month\b/gi, 'compared to last month'],
  [/(?<=\S\s+)wow$|\bweek[\s-]+(?:over|on)[\s-]+week\b/gi, 'compared to last week'],
];

function withoutShorthand(text: string): string {
  return phoneShorthand
    .reduce((mended, [form, words]) => mended.replace(form, words as (match: string) => string), text)
    .trim();
}
/** What a note names a subject as: "the globex discount" is "globex discount". */
function plainSubject(words: string): string {
  return words.replace(/^(?:the|our|their|its|a|an)\s+/i, '').trim();
}

/** Verbs of advice that Briefbot does answer: "should we respond to …", "should I be worried about …". */
const answeredAdvice =
  /^(?:respond|reply|react|answer|comment|worry|be\s+worried|be\s+concerned|care|know|look|read)\b/i;

/**
 * A question Briefbot cannot answer as asked (what will happen, what to do, why it happened),
 * read as the nearest it can, with a line saying so and what to type for more.
 */
function readBeyondReach(text: string): { rest: string; note: string } | undefined {
  const race =
    /^(?:will|is|are)\s+(.+?)\s+(?:(?:going\s+to\s+)?(?:win|beat\s+us|overtake\s+us|catch\s+up(?:\s+with\s+us)?|take\s+our\s+customers|gain\s+on\s+us))$/i.exec(
      text,
    );
  if (race?.[1] && !/^(?:we|us|our)$/i.test(race[1]))
    return {
      rest: `is ${race[1]} gaining on us`,
      note: `Briefbot reports what has been said, so it cannot tell who will win; here is who is gaining now. Asked again any day: \`/brief is ${plainSubject(race[1])} gaining on us\`.`,
    };
  const future =
    /^(?:what\s+(?:will|is\s+going\s+to)\s+happen\s+(?:to|with)|where\s+(?:will|is)\s+(?:(?:the\s+)?(.+?)\s+)?(?:go|going|head(?:ing|ed)?)|predict|forecast|how\s+will)\s+(.+?)(?:\s+(?:go|do|end\s+up|turn\s+out|develop|look))?(?:\s+(?:next|in\s+the\s+(?:next|coming)|over\s+the\s+(?:next|coming)|this\s+coming)\s+(?:\d+\s+)?(?:day|week|month|quarter|year)s?)?$/i.exec(
      text,
    );
  const predicted = future ? plainSubject(future[2] ?? future[1] ?? '') : '';
  if (predicted && !/^(?:we|you|i|it|that|this|they)\b/i.test(predicted))
    return {
      rest: predicted,
      note: `Briefbot reports what has been said, so it cannot predict what comes next; here is how ${predicted} is trending now. For the longer trend: \`/brief ${predicted} last 90 days\`.`,
    };
  // "will customers leave": what is said now, never a forecast.
  const will = /^will\s+(.+)$/i.exec(text);
  if (will?.[1])
    return {
      // "will the outage happen again": the outage.
      rest: plainSubject(
        will[1].replace(
          /\s+(?:happen|occur|recur|continue|last|come\s+back|return|get\s+(?:worse|better)|improve|go\s+away|stop|end|be\s+over)(?:\s+again)?$/i,
          '',
        ),
      ),
      note: 'Briefbot reports what has been said, so it cannot say what will happen; here is what is said now.',
    };
  const advice = /^should\s+(?:we|i)\s+(\S+)\s+(.+)$/i.exec(text);
  if (advice?.[1] && advice[2] && !answeredAdvice.test(`${advice[1]} ${advice[2]}`)) {
    const about = plainSubject(advice[2]);
    return {
      rest: about,
      note: `Briefbot cannot decide whether to ${advice[1]} ${advice[2].replace(/^(?:the|our|their)\s+/i, 'the ')} for you; here is what is said about ${about}, to decide with. The complaints only: \`/brief complaints about ${about}\`.`,
    };
  }
  const cause =
    /^why\s+(?:did|does|do|has|have|was|were|is|are)\s+(.+?)\s+(?:happen(?:ed)?|occur(?:red)?|go\s+down|gone\s+down|went\s+down|fail(?:ed)?|crash(?:ed)?|break|broke(?:n)?|start(?:ed)?|begin|go\s+wrong|gone\s+wrong|happening)$/i.exec(
      text,
    );
  if (cause?.[1]) {
    const about = plainSubject(cause[1]);
    return {
      rest: about,
      note: `Briefbot cannot tell why for certain; here is what the sources say about ${about}, the reasons they give included. The complaints only: \`/brief complaints about ${about}\`.`,
    };
  }
  return undefined;
}

/** "since the launch", "before the price change": a period named by an event, which Briefbot cannot date. */
const eventAnchor =
  /\s+(since|after|following|before|prior\s+to)\s+((?:the|our|their|its|this|that|last\s+week['’]s|(?:\p{L}+)['’]s)\s+.+)$/iu;

/** "since the outage", "after the Globex acquisition": a period named by an event, with no subject before it. */
const eventAnchorAlone =
  /^(since|after|following|before|prior\s+to)\s+((?:the|our|their|its|this|that|last\s+week['’]s|(?:\p{L}+)['’]s)\s+.+)$/iu;

/** "… vs before", "… compared to the period before": the period named by an event against the one before it. */
const versusBefore =
  /\s+(?:vs\.?|versus|compared\s+(?:to|with)|against)\s+(?:(?:the\s+)?(?:period|time|days|weeks?|month)\s+)?(?:before|prior)(?:\s+(?:it|that|then))?$/i;

/**
 * The question without the event its period is named by, the event kept in `found` for the answer
 * to look up among the stories, and the note said when they cannot date it.
 */
function withoutEvent(
  text: string,
  window: AskWindow,
  timeZone: string,
  notes: string[],
  found: { event?: EventNamed },
): string {
  const event = eventAnchor.exec(text) ?? eventAnchorAlone.exec(text);
  const against =
    event?.[2] && /^(?:since|after|following)/i.test(event[1] ?? '') ? versusBefore.exec(event[2]) : null;
  if (event?.[2] && against) event[2] = event[2].slice(0, against.index);
  // An event is named in a few words ("the price change"); more is a sentence, never a date to ask for.
  if (!event?.[1] || !event[2] || event[2].split(/\s+/).length > 4) return text;
  const rest = text.slice(0, event.index);
  const named = (at: Date) => {
    const day = localDate(at, timeZone);
    return `${day.day} ${monthNames[day.month - 1]?.slice(0, 3)}`;
  };
  const since = named(window.since);
  const period = /^(?:before|prior)/i.test(event[1])
    ? `from ${named(new Date(window.since.getTime() - 30 * dayMs))} to ${since}`
    : `since ${since}`;
  const note = `Briefbot cannot tell when ${event[2]} was, so this is the ${window.label}; name the day instead, e.g. \`/brief ${rest ? `${rest} ` : ''}${period}\`.`;
  notes.push(note);
  found.event = {
    relation: /^(?:before|prior)/i.test(event[1]) ? 'before' : 'since',
    anchor: event[1].toLowerCase().replace(/\s+/g, ' '),
    words: event[2],
    rest,
    note,
    ...(against ? { versusBefore: true as const } : {}),
  };
  return rest;
}

/** "did anyone mention salesforce", "has anybody written about soc 2", "any mention of X": X. */
const mentionAsked =
  /^(?:(?:did|has|have|does|do|is|are)\s+(?:any(?:one|body)|some(?:one|body)|people|the\s+press|any\s+(?:customers?|sources?|press|news|reviews?))\s+(?:mention(?:ed|ing)?|talk(?:ed|ing)?\s+about|writ(?:e|ten|ing)\s+about|wrote\s+about|sa(?:y|id)\s+anything\s+about|br(?:ing|ought)\s+up|cover(?:ed|ing)?)|any\s+mentions?\s+of)\s+(?=\S)/i;

/** A link pasted into a question, as Slack sends it ("<https://…|label>") or as typed. */
const pastedLink =
  /(?:\b(?:this|that)\s+(?:(?:link|article|story|post|piece|review|thread)\s+)?)?<?(https?:\/\/[^\s<>|]+)(?:\|[^>]*)?>?/gi;
/** Path parts that say where a page sits, never what it is about. */
const pathFiller =
  /^(?:\d+|t|p|a|post|posts|blog|news|article|articles|story|stories|products?|reviews?|amp|index|www|en|de|fr|es|html?|php)$/i;

/** "https://news.example/2026/acme-desk-eu-outage": "acme desk eu outage", the words the link names. */
function linkWords(link: string): string {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return '';
  }
  const parts = url.pathname
    .split('/')
    .map((part) => decodeURIComponent(part).replace(/\.[a-z0-9]{2,5}$/i, ''))
    .filter((part) => part && !pathFiller.test(part) && /\p{L}{2,}/u.test(part));
  // The page's own name is the part with the most words; a bare site is its name ("globex").
  const named = parts.sort((a, b) => b.split(/[-_+]/).length - a.split(/[-_+]/).length)[0];
  if (named)
    return named
      .split(/[-_+\s]+/)
      .filter((word) => word && !/^\d+$/.test(word))
      .join(' ');
  const host = url.hostname.replace(/^(?:www|blog|news|community|m)\./i, '').split('.');
  return host.length > 1 ? (host[host.length - 2] ?? '') : (host[0] ?? '');
}

/** The question with each pasted link as its words, and a note saying so (Briefbot never opens a link asked about). */
function withLinksRead(text: string, notes: string[]): string {
  const read: string[] = [];
  const rest = text.replace(pastedLink, (_, link: string) => {
    const words = linkWords(link);
    if (words) read.push(words);
    return ` ${words} `;
  });
  if (read.length > 0)
    notes.push(
      `Briefbot does not open links; this is what your feeds say about ${read.map((words) => `“${words}”`).join(' and ')}, the words of the link.`,
    );
  return rest;
}

/** Who a question in German, French or Spanish asks about, in English. */
const foreignWho: Record<string, string> = {
  kunden: 'customers',
  nutzer: 'customers',
  anwender: 'customers',
  clients: 'customers',
  utilisateurs: 'customers',
  clientes: 'customers',
  usuarios: 'customers',
  medien: 'the press',
  presse: 'the press',
  médias: 'the press',
  medias: 'the press',
  journalistes: 'the press',
  medios: 'the press',
  prensa: 'the press',
};
/** Subject words a question in another language uses for the topics most asked about. */
const foreignWords: Array<[RegExp, string]> = [
  [/^(?:preis(?:e|en)?|preiserh(?:ö|oe)hung(?:en)?|prix|tarifs?|precios?|tarifas?)$/i, 'pricing'],
  [
    /^(?:ausf(?:ä|ae)llen?|ausfall|st(?:ö|oe)rung(?:en)?|pannes?|coupures?|ca(?:í|i)das?|interrupci(?:ó|o)n(?:es)?)$/i,
    'outage',
  ],
  [/^(?:wettbewerbern?|konkurrenz|concurrents?|concurrence|competencia|competidores)$/i, 'competitors'],
  [/^(?:uns|nous|nosotros)$/i, 'us'],
];
/** Articles and "our" before a subject in another language: no part of it ("die Preise", "l'offre"). */
const foreignArticle =
  /^(?:(?:die|den|das|dem|der|des|unsere?[nmrs]?|la|le|les|nos|notre|el|los|las|nuestros?|nuestras?)\s+|l['’])/i;
/** "diese Woche", "le mois dernier", "los últimos 30 días": a period in another language, in English. */
const foreignWindows: Array<[RegExp, string | ((days: string) => string)]> = [
  [/\b(?:heute|aujourd['’]hui|hoy)$/i, 'today'],
  [/\b(?:seit\s+gestern|depuis\s+hier|desde\s+ayer)$/i, 'since yesterday'],
  [/\b(?:gestern|hier|ayer)$/i, 'yesterday'],
  [/\b(?:(?:in\s+)?dieser\s+woche|diese\s+woche|cette\s+semaine|esta\s+semana)$/i, 'this week'],
  [
    /\b(?:(?:in\s+der\s+)?(?:letzten|vergangenen)\s+woche|letzte\s+woche|la\s+semaine\s+(?:derni[eè]re|pass[ée]e)|la\s+semana\s+pasada)$/i,
    'last week',
  ],
  [/\b(?:(?:in\s+)?diesem\s+monat|diesen\s+monat|ce\s+mois(?:[-\s]ci)?|este\s+mes)$/i, 'this month'],
  [
    /\b(?:(?:im\s+)?(?:letzten|vergangenen)\s+monat|letzter\s+monat|le\s+mois\s+(?:dernier|pass[ée])|el\s+mes\s+pasado)$/i,
    'last month',
  ],
  [/\b(?:(?:in\s+)?diesem\s+quartal|dieses\s+quartal|ce\s+trimestre|este\s+trimestre)$/i, 'this quarter'],
  [/\b(?:(?:in\s+)?diesem\s+jahr|dieses\s+jahr|cette\s+ann[ée]e|este\s+a[ñn]o)$/i, 'this year'],
  [
    /\b(?:(?:im\s+)?(?:letzten|vergangenen)\s+jahr|letztes\s+jahr|l['’]ann[ée]e\s+(?:derni[eè]re|pass[ée]e)|el\s+a[ñn]o\s+pasado)$/i,
    'last year',
  ],
  [
    /\b(?:(?:in\s+den\s+|der\s+)?letzten\s+(\d{1,3})\s+tage[n]?|(?:(?:sur\s+|pendant\s+)?(?:les|ces)\s+)?(\d{1,3})\s+derniers\s+jours|(?:(?:en\s+)?los\s+)?[úu]ltimos\s+(\d{1,3})\s+d[íi]as)$/i,
    (days) => `last ${days} days`,
  ],
];
/** "was sagen Kunden über die Preise", "que disent les clients sur les prix", "¿qué dicen los clientes sobre los precios?". */
const foreignForms: RegExp[] = [
  /^was\s+(?:sagen|denken|schreiben|meinen)\s+(?:die\s+)?(\p{L}+)\s+(?:über|ueber|zu[mr]?|von)\s+(?:die|den|das|dem|der|unsere?n?)?\s*(.+)$/iu,
  /^(?:qu['’]est[-\s]ce\s+que\s+(?:les\s+)?(\p{L}+)\s+(?:disent|pensent|écrivent)|que\s+(?:disent|pensent|écrivent)\s+(?:les\s+)?(\p{L}+))\s+(?:sur|de|du|des|à\s+propos\s+d[eu]s?)\s+(?:la\s+|le\s+|les\s+|l['’]|nos\s+|notre\s+)?(.+)$/iu,
  /^¿?\s*qu[eé]\s+(?:dicen|piensan|opinan|escriben)\s+(?:los\s+|las\s+)?(\p{L}+)\s+(?:sobre|de|del|acerca\s+de)\s+(?:el\s+|la\s+|los\s+|las\s+|nuestros?\s+|nuestras?\s+)?(.+)$/iu,
];
/**
 * The other forms asked in German, French and Spanish, each as its English question with the
 * subject for "X": what is new, how it is doing, complaints, what is said of it.
 */
const foreignAsks: Array<[RegExp, string]> = [
  [
    /^(?:was\s+gibt\s+es\s+neues|was\s+gibt['’]?s\s+neues|was\s+ist\s+neu|neuigkeiten|neues)\s+(?:zu[mr]?|über|ueber|bei[m]?|von|vom|an|mit)\s+(.+)$/iu,
    "what's new with X",
  ],
  [
    /^(?:quoi\s+de\s+neuf|qu['’]est[-\s]ce\s+qu['’]il\s+y\s+a\s+de\s+neuf|du\s+nouveau|les\s+nouvelles|nouvelles)\s+(?:sur|chez|pour|avec|de|du|concernant|à\s+propos\s+d[eu]s?)\s+(.+)$/iu,
    "what's new with X",
  ],
  [
    /^(?:qu[eé]\s+hay\s+de\s+nuevo|qu[eé]\s+novedades\s+hay|novedades|noticias)\s+(?:sobre|con|de|del|en|acerca\s+de)\s+(.+)$/iu,
    "what's new with X",
  ],
  [
    /^(?:wie\s+(?:läuft|laeuft|geht)\s+es\s+(?:bei|mit|für|fuer)|wie\s+steht\s+es\s+um|wie\s+(?:läuft|laeuft|geht['’]?s)\s+(?:bei|mit)?)\s*(.+)$/iu,
    'how is X doing',
  ],
  [
    /^(?:comment\s+(?:va|vont|se\s+porte|se\s+portent)|comment\s+ça\s+va\s+(?:pour|chez))\s+(.+)$/iu,
    'how is X doing',
  ],
  [
    /^(?:c[oó]mo\s+(?:le\s+va|les\s+va)\s+a|c[oó]mo\s+(?:va|van|est[aá]|est[aá]n))\s+(.+)$/iu,
    'how is X doing',
  ],
  [
    /^(?:beschwerden|klagen|kritik|reklamationen)\s+(?:über|ueber|zu[mr]?|an|von|bei|gegen)\s+(.+)$/iu,
    'complaints about X',
  ],
  [
    /^(?:plaintes|réclamations|reclamations|critiques)\s+(?:sur|contre|concernant|de|du|des|à\s+propos\s+d[eu]s?)\s+(.+)$/iu,
    'complaints about X',
  ],
  [
    /^(?:quejas|reclamaciones|reclamos|cr[ií]ticas)\s+(?:sobre|de|del|contra|acerca\s+de)\s+(.+)$/iu,
    'complaints about X',
  ],
  [
    /^(?:was\s+(?:sagt|schreibt)\s+man|was\s+wird\s+(?:gesagt|geschrieben))\s+(?:über|ueber|zu[mr]?|von)\s+(.+?)(?:\s+gesagt|\s+geschrieben)?$/iu,
    'what are people saying about X',
  ],
  [
    /^(?:que\s+dit[-\s]on|qu['’]est[-\s]ce\s+qu['’]on\s+dit|qu['’]en\s+dit[-\s]on)\s+(?:sur|de|du|des|à\s+propos\s+d[eu]s?)\s+(.+)$/iu,
    'what are people saying about X',
  ],
  [
    /^qu[eé]\s+se\s+(?:dice|comenta|habla)\s+(?:sobre|de|del|acerca\s+de)\s+(.+)$/iu,
    'what are people saying about X',
  ],
];

/** The subject of a question in another language, its topics' words in English ("die Preise": pricing). */
function foreignSubject(about: string): string {
  return about
    .replace(foreignArticle, '')
    .split(/\s+/)
    .map((word) => foreignWords.find(([form]) => form.test(word))?.[1] ?? word)
    .join(' ');
}

/** A question asked in German, French or Spanish, in English words, or null. */
function fromOtherLanguage(text: string): string | null {
  let asked = text
    .replace(/^[¿¡\s]+/, '')
    .replace(/[?¿!.\s]+$/, '')
    .trim();
  // "… diese Woche", "… le mois dernier": the period, in English, after the question.
  let period = '';
  for (const [form, english] of foreignWindows) {
    const match = form.exec(asked);
    if (!match) continue;
    const days = match.slice(1).find(Boolean) ?? '';
    period = typeof english === 'string' ? english : english(days);
    asked = asked.slice(0, match.index).replace(/[\s,]+$/, '');
    break;
  }
  const withPeriod = (question: string) => (period ? `${question} ${period}` : question);
  for (const form of foreignForms) {
    const match = form.exec(asked);
    if (!match) continue;
    const [who, about] = match.slice(1).filter(Boolean);
    if (!who || !about) continue;
    const asker = foreignWho[who.toLowerCase()] ?? 'people';
    return withPeriod(
      `what ${asker === 'the press' ? 'is' : 'are'} ${asker} saying about ${foreignSubject(about)}`,
    );
  }
  for (const [form, english] of foreignAsks) {
    const about = form.exec(asked)?.[1];
    if (!about) continue;
    const subject = foreignSubject(about);
    // "wie läuft es bei uns": how we are doing.
    return withPeriod(
      subject === 'us' && english === 'how is X doing' ? 'how are we doing' : english.replace('X', subject),
    );
  }
  // "Acme diese Woche", "Globex le mois dernier": a subject and a period in another language.
  // A longer sentence is no subject: its period alone is no reason to reword it.
  if (period && asked && asked.split(/\s+/).length <= 3) return withPeriod(foreignSubject(asked));
  return null;
}

/** A window word that may end a list after a comma ("pricing, yesterday"). */
const listWindowWord = /,\s*(?:today|yesterday|lately|recently|ytd)$/i;

/**
 * Openings that carry nothing: "and globex?", "and for outages?", "what about last month?", "hey, pricing", and the
 * bot's own name ("brief pricing", "@briefbot outages"), but not "brief me" (the overview) or "brief on pricing" (a briefing on it).
 */
const leadingFiller =
  /^(?:(?:and|also|now|ok(?:ay)?|so|hey|hi|[@/]?brief(?:bot)?(?!\s+(?:me|us|on|of|about|for)\b)|please|what\s+about|how\s+about)\s+)+(?:for\s+(?=\S))?/i;

const customerWords =
  /\b(customers?|users?|buyers?|clients?|reviewers?|reviews?|feedback|complaints?|praise)\b/i;

/** Slack mentions of everyone, formatting marks and emoji: decoration around a question, never its subject. */
function withoutDecoration(text: string): string {
  return (
    text
      .replace(
        /<!(?:channel|here|everyone|subteam\^[^>]*)(?:\|[^>]*)?>|(?:^|\s)@(?:channel|here|everyone)\b/gi,
        ' ',
      )
      // "<@U123> pricing", "pricing #C123": a person or channel named in Slack is no subject word.
      .replace(/<[@#][UWCGD][A-Z0-9]{2,}(?:\|[^>]*)?>|(?:^|\s)[@#][UWCGD][A-Z0-9]{6,}\b/g, ' ')
      .replace(/:[a-z][a-z0-9_+-]*:/gi, ' ')
      .replace(/[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\uFE0F\u200D]/gu, ' ')
      // *pricing*, _pricing_, ~pricing~, `pricing`: Slack's formatting marks at a word's edges.
      .replace(/(^|\s)[*_~`]+|[*_~`]+(?=\s|$)/g, '$1')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** The words that ask for a side or for customers' words, as they are often mistyped. */
const intentWords = ['complaint', 'complaints', 'praise', 'review', 'reviews'];
/** Real words one or two slips from an intent word: never read as a slip. */
const nearIntentWords = new Set([
  'compliant',
  'complain',
  'price',
  'prices',
  'priced',
  'prise',
  'raise',
  'raises',
  'praised',
  'preview',
  'previews',
  'reviewer',
  'reviewed',
  'revise',
  'revenue',
  'views',
  'review',
]);

/** "complants about acme", "acme reveiws": an intent word mistyped (one or two slips) is that word. */
function intentWord(word: string): string {
  const lower = word.toLowerCase();
  if (lower.length < 5 || nearIntentWords.has(lower) || intentWords.includes(lower)) return word;
  const [best] = intentWords
    .map((intent) => ({ intent, distance: editDistance(lower, intent) }))
    .filter(({ intent, distance }) => distance <= (intent.length >= 8 ? 2 : 1) && lower[0] === intent[0])
    .sort((a, b) => a.distance - b.distance);
  return best?.intent ?? word;
}

/**
 * The words questions are asked with, never a subject: a word one slip from one of these
 * ("sayng", "custmers", "complainig") may be that word mistyped.
 */
const frameWords = `saying talking complaining thinking writing posting customers customer people
  reviewers clients users about regarding happening latest sentiment coverage feedback reviews
  complaints competitors anything everyone market doing going trending looking should worried
  concerned`
  .split(/\s+/)
  .filter(Boolean);

/** The text with each word one slip from a frame word (same first letter; two slips for long ones) as the nearest. */
function withFrameSlips(text: string): string {
  return text.replace(/\p{L}{5,}/gu, (word) => {
    const lower = word.toLowerCase();
    if (frameWords.includes(lower)) return word;
    const near = frameWords
      .filter((frame) => frame[0] === lower[0])
      .map((frame) => ({ frame, distance: editDistance(lower, frame) }))
      .filter(({ frame, distance }) => distance <= (frame.length >= 8 ? 2 : 1))
      .sort((a, b) => a.distance - b.distance);
    // Two words as near ("complainys"): no telling which was meant.
    if (!near[0] || near[1]?.distance === near[0].distance) return word;
    return near[0].frame;
  });
}

const period = String.raw`(?:this|the\s+last|the\s+past|the\s+current)\s+(?:day|week|month|quarter|year)`;
const periodBefore = String.raw`(?:the\s+)?(?:last|previous|prior)\s+(?:day|week|month|quarter|year)|(?:the\s+)?(?:day|week|month|quarter|year)\s+before`;
const comparing = String.raw`(?:compare[sd]?|comparing|contrast|stack(?:s|ing)?\s+up|measures?\s+up|look(?:s|ing)?)`;
/**
 * "compare this week with last week", "how does this week compare to last week", "how does pricing
 * compare this week to last week": the period against the one before ("this week vs last week"),
 * as the windows read it; never "compare" searched as a subject.
 */
const periodComparisons: RegExp[] = [
  new RegExp(
    String.raw`^(?:compare|comparing|contrast)\s+(?:(?<subject>.+?)\s+)?(?:for\s+|in\s+)?(?<period>${period})\s+(?:with|to|and|against|vs\.?|versus)\s+(?<before>${periodBefore})$`,
    'i',
  ),
  new RegExp(
    String.raw`^how\s+(?:does|did|do|is|are|has|have)\s+(?:(?<subject>.+?)\s+)?(?:in\s+|for\s+)?(?<period>${period})\s+${comparing}(?:\s+(?:up|out))?\s+(?:to|with|against|versus|vs\.?|next\s+to)\s+(?<before>${periodBefore})$`,
    'i',
  ),
  new RegExp(
    String.raw`^how\s+(?:does|did|do|is|are|has|have)\s+(?<subject>.+?)\s+${comparing}(?:\s+(?:up|out))?\s+(?:(?:in\s+|for\s+)?(?<period>${period})\s+)?(?:to|with|against|versus|vs\.?|next\s+to)\s+(?<before>${periodBefore})$`,
    'i',
  ),
];

/** A comparison of a period with the one before, worded as the windows read it: "pricing this week vs last week". */
function asPeriodComparison(text: string): string {
  // "what changed since last week": everything this week against last.
  const changed =
    /^what(?:'s|’s|s|\s+has|\s+is|\s+)?\s*(?:changed|different)\s+(?:since|from)\s+(?:the\s+)?(?:last|previous)\s+(day|week|month)$/i.exec(
      text,
    );
  if (changed) return `this ${changed[1]} vs last ${changed[1]}`;
  for (const form of periodComparisons) {
    const groups = form.exec(text)?.groups;
    if (!groups?.before) continue;
    const unit = /(day|week|month|quarter|year)/i.exec(groups.before)?.[1] ?? 'week';
    const subject =
      groups.subject && !/^(?:things|we|it|everything)$/i.test(groups.subject) ? `${groups.subject} ` : '';
    return `${subject}${groups.period ?? `this ${unit}`} vs last ${unit}`;
  }
  return text;
}

/**
 * Reads "what are customers saying about pricing last 30 days", "acme vs globex this week", "pricing".
 * Slips in the words around the subject ("wat are custmers sayng about pricing") are mended when
 * that leaves a shorter subject; a word the question names ("are customers staying") stays as typed.
 */
export function parseAsk(text: string, now: Date, timeZone: string): AskRequest {
  // "who is talking about us": the subject asked about, answered with who says what first.
  // "who is praising globex": that side of it, who first.
  const side = whoSideForm.exec(text.trim())?.groups;
  if (side?.rest)
    return {
      ...parseAsk(`${side.negative ? 'negative' : 'positive'} coverage of ${side.rest}`, now, timeZone),
      question: text.trim().replace(/\s+/g, ' '),
      who: true,
    };
  // "has sentiment on pricing changed, and who is saying it": the question, who on top.
  const whoAfter = whoJoined.exec(text.trim())?.groups?.rest;
  if (whoAfter)
    return { ...parseAsk(whoAfter, now, timeZone), question: text.trim().replace(/\s+/g, ' '), who: true };
  const whoAbout = whoForm.exec(text.trim())?.groups?.rest;
  // "who is saying it": the last answer's voices, a follow-up (followUpQuestion), never a search for "it".
  if (whoAbout && !/^(?:it|that|this|these|those|them)$/i.test(whoAbout))
    return {
      ...parseAsk(withToneChangeAsked(whoAbout), now, timeZone),
      question: text.trim().replace(/\s+/g, ' '),
      who: true,
    };
  const { language, rest } = readLanguage(text);
  if (!language) return parseAskIgnoringLanguage(text, now, timeZone);
  // "in German" alone: the overview, in German sources; "German press only": the press's.
  const asked = /^(?:(?:only|just|in)\s+)?(?:the\s+)?(?:press|media)(?:\s+only)?$/i.test(rest)
    ? 'what is the press saying'
    : rest || 'what’s new';
  const read = parseAskIgnoringLanguage(asked, now, timeZone);
  return { ...read, question: text.trim().replace(/\s+/g, ' '), language };
}

/**
 * "who is talking about us", "who's saying what about pricing", "who are the loudest voices on
 * globex", "which sources are covering the outage": the subject after them (`rest`).
 */
const whoForm =
  /^(?:ask\s+)?(?:so\s+)?(?:who|which\s+(?:sources?|voices?|outlets?|sites?|people|authors?|publications?))(?:'s|’s|s|\s+is|\s+are|\s+was|\s+were|\s+has\s+been|\s+have\s+been)?\s+(?:(?:the\s+)?(?:loudest|biggest|main|top|key|most\s+(?:vocal|active))\s+(?:voices?|sources?|people|posters?|writers?)|saying\s+(?:what|things|anything|stuff|the\s+most)|talking|saying|writing|posting|covering|discussing|commenting)\s+(?:(?:about|on|of|regarding|around)\s+)?(?<rest>.+?)[?.!]*$/i;

/**
 * "pricing and has sentiment changed (last 30 days)", after "who is saying what about": how the
 * tone moved, as "has sentiment on pricing changed" asks it, never a search for "has sentiment".
 */
const toneChangeJoined =
  /^(?<subject>.+?),?\s+and\s+(?:how\s+)?(?:has|have|is|did)\s+(?:the\s+)?(?<customer>customer\s+)?(?:sentiment|mood|tone)(?:\s+(?:on|about|around)\s+(?:it|that|them))?\s+(?<move>changed?|shifted|moved|improved|worsened|(?:gotten|got|getting)\s+(?:worse|better))(?<tail>\s+.+)?$/i;

function withToneChangeAsked(rest: string): string {
  const joined = toneChangeJoined.exec(rest)?.groups;
  if (!joined?.subject || !joined.move) return rest;
  const move = /^(?:change|shifted|moved)$/i.test(joined.move) ? 'changed' : joined.move;
  return `has ${joined.customer ?? ''}sentiment on ${joined.subject} ${move}${joined.tail ?? ''}`;
}

/** "has sentiment on pricing changed and who is saying it": the question before (`rest`). */
const whoJoined =
  /^(?<rest>.+?),?\s+and\s+who(?:'s|’s|s|\s+is|\s+are)\s+(?:saying|talking\s+about|writing\s+about|posting\s+about|behind)\s+(?:it|that|this|them|what)[?.!]*$/i;

/** "who is complaining about acme", "who is praising globex": one side of the subject (`rest`). */
const whoSideForm =
  /^(?:ask\s+)?(?:so\s+)?who(?:'s|’s|s|\s+is|\s+are|\s+was|\s+were|\s+has\s+been|\s+have\s+been)?\s+(?:(?<negative>complaining|critici[sz]ing|moaning|ranting|unhappy|angry|upset|negative)|praising|raving|happy|pleased|excited|positive)\s+(?:(?:about|with|over|on|of)\s+)?(?<rest>.+?)[?.!]*$/i;

const languageWords = languageNamesList().join('|');
/** "German news", "Spanish coverage": words after a language that ask for everything in it, never narrow a question. */
export const languageNewsWords = /\b(?:news|coverage|stories|headlines|posts|mentions|buzz|chatter)\b/i;
const languageForms: Array<[RegExp, string]> = [
  // "the French press", "German-language media": the press, in that language.
  [
    new RegExp(`\\b(${languageWords})(?:[-\\s]language)?\\s+(?:press|media|newspapers|papers)\\b`, 'i'),
    'press',
  ],
  // "from German sources", "German outlets only": the sources in that language, whatever they are.
  [
    new RegExp(
      `(?:\\b(?:in|from)\\s+)?(?:the\\s+)?\\b(${languageWords})(?:[-\\s]language)?\\s+(?:sources|outlets|articles|sites)(?:\\s+only)?\\b`,
      'i',
    ),
    '',
  ],
  // "what is the German news saying about pricing": what people say there, in that language.
  [
    new RegExp(
      `(?:the\\s+)?\\b(${languageWords})(?:[-\\s]language)?\\s+${languageNewsWords.source.slice(2, -2)}(?=\\s+(?:saying|says|say|writing|reporting)\\b)`,
      'i',
    ),
    'people',
  ],
  // "German news", "Spanish coverage of acme", "the French headlines about pricing": everything in that
  // language; the rest is the subject ("of acme"), and none is all topics.
  [
    new RegExp(
      `(?:\\b(?:in|from)\\s+)?(?:the\\s+)?\\b(${languageWords})(?:[-\\s]language)?\\s+${languageNewsWords.source.slice(2, -2)}\\b(?:\\s+(?:of|about|on|for|regarding|covering)\\b)?`,
      'i',
    ),
    '',
  ],
  // "only English", "just in German", "German only".
  [new RegExp(`\\b(?:only|just)\\s+(?:in\\s+)?(${languageWords})(?:[-\\s]language)?\\b`, 'i'), ''],
  [new RegExp(`\\b(${languageWords})(?:[-\\s]language)?\\s+only\\b`, 'i'), ''],
  // "nestle in German", "what's new in French this week"; never "investment in German startups".
  [
    new RegExp(
      `\\bin\\s+(${languageWords})\\b(?=[?!.]*$|\\s+(?:only|about|on|regarding|last|past|this|today|yesterday|since|in|from|over|during|for|please)\\b)`,
      'i',
    ),
    '',
  ],
];

/**
 * "in German", "German press only", "what is the French press saying about nestle": the language
 * asked for, and the question without those words ("the press" kept). A language named as a
 * subject ("German market", "german" alone) is no filter.
 */
export function readLanguage(text: string): { language?: string; rest: string } {
  for (const [form, instead] of languageForms) {
    const match = form.exec(text);
    const language = match?.[1] && languageCode(match[1]);
    if (!match || !language) continue;
    const rest = `${text.slice(0, match.index)}${instead}${text.slice(match.index + match[0].length)}`
      .replace(/\s+/g, ' ')
      .replace(/\s+([?!.]+)$/, '$1')
      .trim();
    return { language, rest: /^[?!.]*$/.test(rest) ? '' : rest };
  }
  return { rest: text };
}

/** "the short version", "the 30 second version", "the elevator pitch". */
export const shortVersion = String.raw`(?:short|quick|elevator|(?:\d{1,2}|ten|thirty|sixty)[-\s]?sec(?:ond)?s?)\s+(?:version|pitch)`;
const lineAsked = [
  new RegExp(
    String.raw`^(?:in\s+short|(?:the\s+)?${shortVersion}|one[-\s]?liner)(?:\s+(?:on|of|for|about))?(?:\s+|$)`,
    'i',
  ),
  new RegExp(
    String.raw`[\s,:-]+(?:(?:in|as)\s+(?:one|1|a\s+single|a)\s+(?:line|sentence)|in\s+short|(?:the\s+)?${shortVersion}|(?:as\s+)?a\s+one[-\s]?liner)(?=[\s?!.]|$)[?!.]*`,
    'i',
  ),
];
const numbersAsked = [
  /^(?:(?:just|only)\s+)?(?:the\s+)?(?:numbers|stats|figures)(?:\s+(?:only|please|pls))?(?:\s+(?:on|for|about|of)(?=\s)|$)\s*/i,
  /[\s,:-]+(?:(?:just|only)\s+(?:the\s+)?(?:numbers|stats|figures)|(?:numbers|stats|figures)\s+only|in\s+numbers|by\s+the\s+numbers)(?=[\s?!.]|$)[?!.]*/i,
];

/** "pricing in one line", "pricing just numbers": the shape asked, and the question without it. */
function readShape(text: string): { shape?: AnswerShape; rest: string } {
  for (const [shape, forms] of [
    ['line', lineAsked],
    ['numbers', numbersAsked],
  ] as const)
    for (const form of forms)
      if (form.test(text)) return { shape, rest: text.replace(form, ' ').trim() || 'what’s new' };
  return { rest: text };
}

function parseAskIgnoringLanguage(typed: string, now: Date, timeZone: string): AskRequest {
  const { shape, rest } = readShape(withoutShorthand(typed.trim()));
  if (!shape) return parseAskReadingSlips(typed, now, timeZone);
  return { ...parseAskReadingSlips(rest, now, timeZone), question: typed.trim().replace(/\s+/g, ' '), shape };
}

function parseAskReadingSlips(text: string, now: Date, timeZone: string): AskRequest {
  const read = parseAskAsTyped(text, now, timeZone);
  const mended = withFrameSlips(text);
  if (read.overview || mended === text) return read;
  const again = parseAskAsTyped(mended, now, timeZone);
  const words = (request: AskRequest) => request.subjects.join(' ').split(/\s+/).length;
  return again.overview || words(again) < words(read) ? { ...again, question: read.question } : read;
}

function parseAskAsTyped(text: string, now: Date, timeZone: string): AskRequest {
  const found: { event?: EventNamed } = {};
  const read = parseAskReading(text, now, timeZone, found);
  return found.event ? { ...read, event: found.event } : read;
}

function parseAskReading(
  text: string,
  now: Date,
  timeZone: string,
  found: { event?: EventNamed },
): AskRequest {
  const question = text.trim().replace(/\s+/g, ' ');
  const notes: string[] = [];
  // "was sagen Kunden über die Preise": read in English, and said so.
  const translated = fromOtherLanguage(question);
  if (translated) notes.push(`Briefbot reads questions in English; this is “${translated}”.`);
  let rest = withoutDecoration(withLinksRead(translated ?? question, notes))
    .replace(/[?!.]+$/, '')
    .replace(/\s+(?:please|pls|plz|thanks|thx)$/i, '')
    // "whats teh buzz", "what are peple saying": slips in the words around a subject.
    .replace(/\b[a-z]+\b/gi, (word) => questionSlips[word.toLowerCase()] ?? word)
    .replace(/.+/, withoutShorthand)
    // "pricing, outages": a list of subjects, as "pricing and outages" (a window after a comma stays one).
    .replace(/^([\p{L}\p{N}-]+)((?:\s*,\s*[\p{L}\p{N}-]+)+)$/u, (list: string) =>
      listWindowWord.test(list) ? list : list.replace(/\s*,\s*/g, ' and '),
    )
    // "pricing, last 30 days", "pricing (last 30 days)": punctuation between the parts is no word.
    .replace(/[(),;:]+/g, ' ')
    // "last 30 dyas": a slip in a window's unit is no subject word.
    .replace(/\b(\d{1,3})\s*(?:dyas|dasy|dsys|dys|dayz)\b/gi, '$1 days')
    .replace(/\b(\d{1,3})\s*(?:wekes|weks|wk|wks|weesk)\b/gi, '$1 weeks')
    .replace(/\b(\d{1,3})\s*(?:mnths|monhts|montsh|mos)\b/gi, '$1 months')
    // "compliants about acme" ("compliant" alone is a word of its own).
    .replace(/\bcompliants\b/gi, 'complaints')
    .replace(/^(\S+)(?=\s+(?:about|of|on|for|regarding|with)\s)|(\S+)$/, (word) => intentWord(word))
    .replace(
      /\b(last|past|previous)\s+(?:a\s+)?(couple\s+of|couple|few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b/gi,
      (_, last: string, count: string) =>
        `${last} ${numberWords[count.toLowerCase().replace(/\s+/g, ' ')] ?? count}`,
    )
    .replace(/\s+/g, ' ')
    .trim()
    .replace(leadingFiller, '')
    .replace(forAudience, '')
    .replace(mentionAsked, '');
  const beyond = readBeyondReach(rest);
  if (beyond) {
    rest = beyond.rest;
    notes.push(beyond.note);
  }
  rest = asPeriodComparison(rest);
  // Read for its tone: typos and punctuation already mended.
  const mended = rest;
  const { window, remainder } = extractWindow(rest, now, timeZone, notes);
  const windowGiven = remainder !== rest;
  rest = withoutEvent(remainder, window, timeZone, notes, found)
    .replace(leadingFiller, '')
    .replace(forAudience, '');
  let customers = false;
  // Who the question asks about ("customers", "the press"), when its form names them.
  let asker = '';
  // "recap of the week", "summary of the month": the overview of that period, rolling.
  // "summarize the week in 3 bullets": the count is read from the question; the rest is the ask.
  rest = rest.replace(
    /\s+in\s+(?:\d{1,2}|a\s+few|three|five|ten)\s+(?:bullets?|bullet\s+points|points|lines|sentences|stor(?:y|ies))$/i,
    '',
  );
  const recap = recapForm.exec(rest)?.groups;
  if (recap) {
    const unit = (recap.unit ?? recap.of ?? recap.every ?? '')
      .toLowerCase()
      .replace(/^dai/, 'day')
      .replace(/ly$/, '');
    const days = unitDays[unit];
    return overview(
      question,
      // Labelled by its days: "last month" is the calendar month before this one.
      windowGiven || !days ? window : rollingWindow(now, days, days === 1 ? 'last 24 hours' : undefined),
      false,
      undefined,
      notes,
    );
  }
  if (respondForms.some((form) => form.test(rest)))
    return { ...overview(question, window, false, 'negative', notes), respond: true };
  if (worryAsked.test(rest)) return overview(question, window, false, 'negative', notes);
  // "are customers happy", "is the press upset": their words, both sides, as the tone split answers it.
  const feeling = feelingAsked.exec(rest);
  if (feeling)
    return overview(question, window, customerWords.test(feeling[1] ?? ''), undefined, notes, {
      press: pressAsker.test(feeling[1] ?? ''),
    });
  for (const form of overviewForms) {
    const match = form.exec(rest);
    if (match)
      return overview(question, window, customerWords.test(match[1] ?? ''), askedTone(mended, []), notes, {
        // "what is the press saying": the overview, the press first.
        press: pressAsker.test(match[1] ?? ''),
      });
  }
  // Only a time window ("/brief this week"): the overview of that window.
  if (rest === '' && question !== '') return overview(question, window, false, undefined, notes);
  // "only news about pricing": the press; "only reviews of acme": customers' words (read by the forms).
  const onlyPress = /^(?:only|just)\s+(?:the\s+)?(?:news|press|media|articles|journalists)\b/i.test(rest);
  rest = rest.replace(/^(?:only|just)\s+/i, '');
  // "acme vs globex customers only", "… only reviews": who is heard, never part of a side's name.
  const onlyWhom =
    /\s+(?:(?:only|just)\s+(?:the\s+)?(customers?|reviews?|customer\s+(?:voices|reviews|posts)|news|press|media|articles)|(customers?|reviews?|customer\s+(?:voices|reviews|posts)|news|press|media|articles)\s+only)$/i.exec(
      rest,
    );
  const onlyNews = /^(?:news|press|media|articles)$/i.test(onlyWhom?.[1] ?? onlyWhom?.[2] ?? '');
  const onlyCustomers = Boolean(onlyWhom) && !onlyNews;
  if (onlyWhom) rest = rest.slice(0, onlyWhom.index);
  // "what's our share of voice", "is our reputation improving", "is globex gaining on us".
  const metric = readMetric(rest);
  if (metric === 'overview')
    return overview(question, window, customerWords.test(rest), askedTone(mended, []), notes);
  customers = typeof metric === 'object' && metric.customers;
  const priceRace = readPriceRace(rest);
  const race = typeof metric === 'object' ? undefined : readRace(rest);
  const reread =
    (typeof metric === 'object' ? metric.text : undefined) ?? race?.text ?? priceRace ?? readSaidAbout(rest);
  const price = reread !== undefined && reread === priceRace;
  if (reread) rest = reread;
  let formed = Boolean(reread);
  for (const form of reread ? [] : questionForms) {
    const match = form.exec(rest);
    if (match) {
      formed = true;
      // Two groups: who, then the subject, unless the groups are named.
      const who = match.groups ? (match.groups.who ?? '') : match.length > 2 ? match[1] : '';
      // "what is the competitor doing on AI": who, and what about.
      const about = match.groups?.about ? ` ${match.groups.about}` : '';
      const subject = `${match.groups?.subject ?? (match.length > 2 ? match[2] : match[1]) ?? ''}${about}`;
      customers = customerWords.test(who ?? '');
      asker = who ?? '';
      // "customer feedback", "the latest news": about everything, not about a subject.
      if (match.groups && noSubject.test(subject ?? ''))
        return overview(question, window, customers || customerWords.test(subject ?? ''), undefined, notes);
      rest = subject || rest;
      break;
    }
  }
  // "compare acme and globex", "who's winning, acme or globex", "how do we compare to globex":
  // side by side, as "acme vs globex".
  const compared =
    /^(?:compare|comparing|contrast)\s+(.+?)\s+(?:and|with|to|vs\.?|versus|against)\s+(.+)$/i.exec(rest) ??
    /^(?:who(?:'s|’s|\s+is)\s+(?:winning|ahead|leading|doing\s+better)|which\s+is\s+(?:better|winning|ahead))\s+(?:between\s+)?(.+?)\s+(?:or|and)\s+(.+)$/i.exec(
      rest,
    ) ??
    /^how\s+(?:do|does|are|is)\s+(.+?)\s+(?:compare|comparing|stack(?:ing)?\s+up|measure\s+up|doing)\s+(?:to|with|against|versus|vs\.?)\s+(.+)$/i.exec(
      rest,
    );
  if (compared) rest = `${compared[1]} vs ${compared[2]}`;
  // "whats our NPS", "what is the churn rate": the question word is no part of the subject.
  else if (!formed)
    rest = rest.replace(
      /^(?:(?:what(?:'s|’s|s)?|how(?:'s|’s|s)?)(?:\s+(?:is|are|was|were))?|is|are|do|does|did)\s+(?:the\s+)?(?=\S)/i,
      '',
    );
  const press =
    !customers &&
    (onlyPress ||
      onlyNews ||
      pressAsker.test(asker) ||
      /\b(?:in|from|by)\s+the\s+(?:press|media|news)\b|\b(?:press|media|news)\s+coverage\b|\bjournalists\b/i.test(
        mended,
      ));
  rest = rest.replace(/\s+(?:in|from|by)\s+the\s+(?:press|media|news)$/i, '');
  customers ||= onlyCustomers;
  customers ||= /\b(?:from|by|among)\s+(?:our\s+)?customers\b/i.test(rest);
  rest = rest.replace(/\s+(?:from|by|among)\s+(?:our\s+)?customers$/i, '');
  // "what are globex customers saying": globex, in its customers' words.
  const customersOf = /^(?!(?:our|the|my)\s)(\S(?:(?!\s+vs?\b).)*?)['’]?s?\s+customers$/i.exec(rest);
  if (customersOf?.[1] && !press) {
    customers = true;
    rest = customersOf[1];
  }
  const subjects = sharedQualifier(
    rest
      .split(/\s+(?:vs?\.?|versus|compared\s+(?:to|with)|against)\s+/i)
      // "compare our pricing to globex pricing": our side is the company's ("us pricing").
      .map((side, _, sides) =>
        sides.length > 1 ? side.trim().replace(/^(?:our|we)\s+(?=\S)/i, 'us ') : side,
      ),
  )
    .map((subject) =>
      subject
        .trim()
        // "how is globex doing vs acme": each side loses the verb.
        .replace(/\s+(?:doing|going|performing|looking|faring)$/i, '')
        // "globex vs", "vs globex": a side by side with one side missing.
        .replace(/^(?:vs?\.?|versus)\s+|\s+(?:vs?\.?|versus)$/i, '')
        .replace(/^["'“”]+|["'“”?]+$/g, '')
        .replace(/^the\s+/i, '')
        // "our pricing": the company's pricing ("us pricing", titled "acme pricing"), never all pricing.
        .replace(ourSubject, 'us ')
        .replace(/^(?:our|my)\s+/i, '')
        // "acme's pricing" is searched as acme pricing.
        .replace(/(\p{L})['’]s\b/gu, '$1')
        // "who is talking about acme the most".
        .replace(/\s+(?:the\s+)?most$/i, '')
        // "pricing for this week" leaves "pricing for".
        .replace(/\s+(?:for|at|in|on|of|about|with|from|during|over)$/i, '')
        // "the outage story", "the pricing situation": the subject is the outage, pricing.
        .replace(
          /\s+(?:story|stories|saga|situation|thing|stuff|conversation|discussion|backlash|controversy|uproar|outcry|fallout|drama|furore|furor)$/i,
          '',
        )
        .trim(),
    )
    .filter(Boolean)
    // "acme vs acme": one subject.
    .filter((subject, index, all) => {
      const first = all.findIndex((other) => other.toLowerCase() === subject.toLowerCase()) === index;
      if (!first && !notes.some((note) => note.includes('named twice')))
        notes.push(`“${subject}” is named twice, so here it is on its own.`);
      return first;
    });
  if (subjects.length === 1 && /^(?:vs?\.?|versus)\s|\s(?:vs?\.?|versus)$/i.test(rest))
    notes.push(
      `Side by side needs two subjects, e.g. \`/brief ${subjects[0]} vs …\`; here is ${subjects[0]} alone.`,
    );
  // "what do you know", "what's different", "any good news?": no subject, so the overview.
  if (subjects.length === 1 && isFiller(subjects[0] ?? ''))
    return overview(question, window, customers, askedTone(mended, []), notes);
  const tone = askedTone(mended, subjects);
  const count = askedCount(question, notes);
  return {
    question,
    subjects: subjects.slice(0, 2),
    window,
    customers,
    ...(press ? { press } : {}),
    ...(count ? { count } : {}),
    overview: false,
    ...(subjects.length > 2 ? { leftOut: subjects.slice(2) } : {}),
    ...(tone ? { tone } : {}),
    ...(notes.length > 0 ? { notes } : {}),
    ...(price ? { price } : {}),
    ...(race && reread === race.text && subjects.length === 2 ? { race: race.asked } : {}),
  };
}

/** "our pricing", "my NPS": the company's; not "our customers" or "our competitors", who are others. */
const ourSubject =
  /^(?:our|my)\s+(?!(?:customers?|users?|clients?|buyers?|reviewers?|competitors?|competition|rivals?|company|brand|team|own|industry|market|sector|space)\b)(?=\S)/i;

/** "our", "we", "the company's": the company (the topics of kind company), as "us" resolves. */
const ourWords = /^(?:our|ours|my|us|we|the\s+company['’]?s?|my\s+company['’]?s?|our\s+company['’]?s?)$/i;

/** "globex's", "our": whose the metric is, as a subject ("us" for the company). */
function ownerOf(word: string | undefined): string | undefined {
  const owner = word?.trim().replace(/^the\s+(?!company)/i, '');
  if (!owner) return undefined;
  return ourWords.test(owner) ? 'us' : owner.replace(/['’]s?$/, '');
}

/** Words that measure the conversation, never a subject to search for. */
const metricForm = new RegExp(
  [
    "^(?:(?:what|how)(?:'s|’s|s|\\s+is|\\s+are|\\s+has|\\s+have|\\s+big\\s+is|\\s+much\\s+is|\\s+many)?|is|are|has|have|(?:show|give|tell)\\s+me)?\\s*",
    "(?:the\\s+)?(?:(?<owner>our|my|the\\s+company['’]?s?|[\\p{L}\\p{N}-]+['’]s?)\\s+)?(?:overall\\s+|current\\s+)?(?<customers>customers?['’]?\\s+|customer\\s+)?",
    '(?<metric>share\\s+of\\s+(?:the\\s+)?(?:voice|conversation)|sov|mind\\s*share|(?:brand\\s+)?reputation|brand\\s+(?:perception|health|image|sentiment)|public\\s+image|sentiment',
    '|(?:percentage|percent|proportion|fraction|share|ratio|%)\\s+of\\s+(?:the\\s+|all\\s+)?(?:(?<whose>our|my)\\s+)?(?<noun>mentions|coverage|posts|items|stories|articles|conversation|talk|reviews))',
    '(?<tail>(?:\\s.*)?)$',
  ].join(''),
  'iu',
);

/**
 * "what's our share of voice (vs globex)": the company against its competitors (or the side
 * named), side by side; "is our reputation improving": the company, its sentiment and trend;
 * "what percentage of mentions are negative": the overview ('overview'), that side first. The
 * question as "us vs globex", "us", or undefined when it asks for no measure.
 */
function readMetric(text: string): { text: string; customers: boolean } | 'overview' | undefined {
  const match = metricForm.exec(text);
  if (!match?.groups) return undefined;
  const { metric = '', tail = '' } = match.groups;
  const read = readMetricSubjects(match.groups, metric, tail);
  return read === 'overview' || read === undefined
    ? read
    : { text: read, customers: Boolean(match.groups.customers) };
}

function readMetricSubjects(
  groups: Record<string, string | undefined>,
  metric: string,
  tail: string,
): string | 'overview' | undefined {
  const other = /\s(?:vs\.?|versus|against|compared\s+(?:to|with)|relative\s+to|next\s+to)\s+(.+)$/i.exec(
    tail,
  )?.[1];
  const aboutMatch =
    /^\s+(of|for|on|about|around|regarding|towards?)\s+(.+?)(?:\s+(?:are|is|were|was|has|have|do|does|vs\.?|versus|against|compared|improv\w*|worsen\w*|(?:getting|got|gotten|going|gone)\s+\w+|doing|trending|looking|chang\w*|like)\b.*)?$/i.exec(
      tail,
    );
  const about = aboutMatch?.[2];
  const owner = ownerOf(groups.owner ?? groups.whose);
  // "the sentiment", "sentiment trend": the overview forms read these.
  if (/^sentiment$/i.test(metric) && !owner && !about) return undefined;
  if (/^(?:share\s+of|sov|mind)/i.test(metric)) {
    // "our share of voice on pricing": ours and theirs on pricing; "share of voice for globex": globex's.
    // "share of voice on pricing": ours on pricing, as "our share of voice on pricing" (never us vs pricing).
    const theme = !owner && /^(?:on|about|around|regarding)$/i.test(aboutMatch?.[1] ?? '');
    const side = owner ?? (theme ? 'us' : about) ?? 'us';
    const on = (owner || theme) && about ? ` on ${about}` : '';
    if (other) return `${side}${on} vs ${other}`;
    return side === 'us' ? `us${on} vs competitors` : `us vs ${side}`;
  }
  const subject = owner ?? about;
  if (other) return `${subject ?? 'us'} vs ${other}`;
  if (groups.noun) return subject ?? 'overview';
  return subject ?? 'us';
}

/**
 * "is globex gaining on us", "is globex winning", "are we losing to globex": the race, side by
 * side, the company first ("us vs globex"), and which side is asked about (0: the first); undefined
 * for any other question.
 */
function readRace(text: string): { text: string; asked: 0 | 1 } | undefined {
  const race =
    /^(?:ask\s+)?(?:is|are)\s+(?:the\s+)?(.+?)\s+(winning|losing(?:\s+ground)?|ahead|behind|gaining(?:\s+ground)?|catching\s+up|pulling\s+ahead|falling\s+behind|beating(?=\s))(?:\s*(?:on|to|with|against|of)?\s+(.+))?$/i.exec(
      text,
    );
  if (!race) return undefined;
  const [rival = '', versus] = [race[1], race[3]].map((side) => (side ? (ownerOf(side) ?? side) : side));
  // "is the outage behind us": over, not a race.
  if (race[2] === 'behind' && versus === 'us') return { text: rival, asked: 0 };
  if (rival === 'us')
    return { text: `us vs ${versus && versus !== 'us' ? versus : 'competitors'}`, asked: 0 };
  if (!versus || versus === 'us' || /^(?:me|them)$/i.test(versus))
    return { text: `us vs ${rival}`, asked: 1 };
  return { text: `${rival} vs ${versus}`, asked: 0 };
}

/**
 * "is globex cheaper than us", "are we more expensive than globex": the pricing side by side, the
 * company first ("us pricing vs globex pricing"); undefined for any other question.
 */
function readPriceRace(text: string): string | undefined {
  const race =
    /^(?:ask\s+)?(?:is|are)\s+(?:the\s+)?(.+?)\s+(?:cheaper|less\s+expensive|more\s+expensive|pricier|costlier|more\s+affordable|better\s+value|(?:better|lower|higher)[\s-]priced)(?:\s+than\s+(.+))?$/i.exec(
      text,
    ) ??
    /^(?:ask\s+)?(?:who|which)(?:'s|’s|\s+is)\s+(?:cheaper|more\s+expensive|pricier|more\s+affordable|better\s+value)\s+(?:between\s+)?(.+?)\s+(?:or|and|vs\.?)\s+(.+)$/i.exec(
      text,
    );
  // "is globex cheaper": than us; "are we cheaper": than our competitors.
  if (!race?.[1]) return undefined;
  const other = race[2] ?? (ownerOf(race[1]) === 'us' ? 'competitors' : 'us');
  const sides = [race[1], other].map((side) => ownerOf(side) ?? side);
  if (sides[1] === 'us') sides.reverse();
  return sides.map((side) => `${side} pricing`).join(' vs ');
}

/**
 * "what is globex saying about acme", "what has globex said about us": the speaker on the
 * subject ("globex on acme"); never "saying" searched as a word. Undefined for any other question,
 * and for "what are customers saying about …", which the forms read.
 */
function readSaidAbout(text: string): string | undefined {
  const itself = readSaidItself(text);
  if (itself) return itself;
  const said =
    /^(?:ask\s+)?(?:so\s+)?what(?:'s|’s|s|\s+is|\s+are|\s+has|\s+have|\s+did|\s+does|\s+do)\s+(.+?)\s+(?:been\s+)?(?:saying|said|say|posting|posted|writing|wrote|claiming|telling\s+(?:customers|people|the\s+market))\s+(?:about|of|on|regarding)\s+(.+)$/i.exec(
      text,
    );
  if (!said || new RegExp(`^${who}$`, 'i').test(said[1] ?? '')) return undefined;
  return `${said[1]} on ${ownerOf(said[2]) ?? said[2]}`;
}

/**
 * "what is globex saying about itself", "what did globex say themselves", "globex's own posts",
 * "globex staff": what the one says of itself ("globex on itself"), its own posts and staff.
 */
function readSaidItself(text: string): string | undefined {
  const said =
    /^(?:ask\s+)?(?:so\s+)?what(?:'s|’s|s|\s+is|\s+are|\s+has|\s+have|\s+did|\s+does|\s+do)\s+(.+?)\s+(?:been\s+)?(?:saying|said|say|posting|posted|writing|wrote|claiming)\s+(?:(?:about|of|on)\s+)?(?:itself|themselves|themself)$/i.exec(
      text,
    ) ??
    /^(\S+?)(?:'s|’s|s'|’)?\s+(?:own\s+(?:posts?|words|blog(?:\s+posts)?|content|marketing|announcements)|staff|employees|execs|executives)$/i.exec(
      text,
    );
  if (!said?.[1] || new RegExp(`^${who}$`, 'i').test(said[1]) || /^(?:our|my|your|the|their)$/i.test(said[1]))
    return undefined;
  return `${said[1]} on itself`;
}

/**
 * "we vs globex on pricing", "us pricing vs globex": what one side is narrowed to ("on pricing",
 * or the words after "us") narrows the other too, so share of voice compares like with like.
 */
function sharedQualifier(sides: string[]): string[] {
  if (sides.length !== 2) return sides;
  const split = sides.map((side) => {
    const on = /^(.+?)\s+(?:on|about|regarding|over|when\s+it\s+comes\s+to|in\s+terms\s+of)\s+(.+)$/i.exec(
      side.trim(),
    );
    if (on) return { base: on[1] ?? '', qualifier: on[2] ?? '' };
    const ours = /^(?:us|we)\s+(.+)$/i.exec(side.trim());
    return ours ? { base: 'us', qualifier: ours[1] ?? '' } : { base: side.trim(), qualifier: '' };
  });
  const qualifiers = [...new Set(split.map(({ qualifier }) => qualifier.toLowerCase()).filter(Boolean))];
  const [qualifier] = qualifiers;
  if (qualifiers.length !== 1 || !qualifier) return sides;
  const shared = split.find((side) => side.qualifier)?.qualifier ?? qualifier;
  // "globex pricing" already says it: only the side without it gains it.
  return split.map(({ base, qualifier: own }) => {
    const said = new RegExp(`\\b${shared.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(base);
    return own || !said ? `${base === 'we' ? 'us' : base} ${shared}` : base;
  });
}

/** Only joining words and words that carry no subject, at least one of those: "what do you know". */
function isFiller(subject: string): boolean {
  const words = subject
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return (
    words.some((word) => fillerWords.has(word)) &&
    words.every((word) => fillerWords.has(word) || joiningWords.has(word))
  );
}

/** The side a question asks for, from its words outside the subjects ("complaints about acme"). */
function askedTone(question: string, subjects: string[]): AskRequest['tone'] {
  let frame = question;
  for (const subject of subjects) frame = frame.replace(subject, ' ');
  if (negativeAsk.test(frame)) return 'negative';
  if (positiveAsk.test(frame)) return 'positive';
  return undefined;
}

function overview(
  question: string,
  window: AskWindow,
  customers: boolean,
  tone: AskRequest['tone'],
  notes: string[],
  { press = false } = {},
): AskRequest {
  const count = askedCount(question, notes);
  return {
    question,
    subjects: [],
    window,
    customers,
    ...(press ? { press } : {}),
    overview: true,
    ...(tone ? { tone } : {}),
    ...(count ? { count } : {}),
    ...(notes.length > 0 ? { notes } : {}),
  };
}

const maxCount = 10;
/** The page an answer shows when no number is asked for (as `pageSize` in answer.ts). */
const pageSizeDefault = 5;

/** "the biggest story", "the most debated issue this week": one, not a list. */
const singleStory =
  /\b(?:the\s+)?(?:single\s+)?(?:biggest|hottest|top|main|most\s+(?:important|debated|controversial|discussed|talked[-\s]about))\s+(?:story|thing|issue|debate|conversation|headline)\b(?!s)/i;

/** "top 3", "5 bullets", "the three biggest issues": the words that ask for a number of sources. */
const countForm = new RegExp(
  String.raw`\btop\s+(${countWords})\b|\b(${countWords})\s+(?:(?:top|biggest|hottest|main|key|most\s+important)\s+)?(?:bullets?|bullet\s+points|points|takeaways|stor(?:y|ies)|headlines|things|issues|topics|items|developments|complaints|concerns|problems)\b`,
  'i',
);

/** "top 3 stories", "give me 10 bullets on pricing": the number of sources asked for, 1 to 10. */
function askedCount(question: string, notes: string[]): number | undefined {
  // "what's the biggest story": one story, told in full.
  if (singleStory.test(question)) return 1;
  const match = countForm.exec(question);
  const word = (match?.[1] ?? match?.[2] ?? '').toLowerCase();
  const count = numberWords[word] ?? Number(word);
  if (word && count < 1) notes.push(`A page shows at least one source: here are the top ${pageSizeDefault}.`);
  if (count > maxCount)
    notes.push(
      `A page shows at most ${maxCount} sources: here are the top ${maxCount}, and More shows the rest.`,
    );
  return count >= 1 ? Math.min(maxCount, count) : undefined;
}

/** "pricing this week vs last week", "pricing compared to last month": the recent period against the one before. */
const sinceLastPeriod =
  /(?:^(?:this|the\s+last|the\s+past|the\s+current)\s+(?:day|week|month|quarter|year)\s+|\s+(?:(?:this|the\s+last|the\s+past|the\s+current)\s+(?:day|week|month|quarter|year)\s+)?)(?:vs\.?|versus|compared\s+(?:to|with)|against|than|from|relative\s+to)\s+(?:the\s+)?(?:last|previous|prior)\s+(day|week|month|quarter|year)$/i;

const periodsJoin = /\s+(?:vs\.?|v\.?|versus|compared\s+(?:to|with)|against|next\s+to)\s+/gi;

/**
 * "outages in march vs april", "pricing last month vs the month before", "acme yesterday vs last
 * week": two periods named, the later one asked with the earlier `before` it. Null unless both
 * sides read as periods and only the first carries the subject ("acme vs globex last week" is two sides).
 */
function periodsSideBySide(
  text: string,
  now: Date,
  timeZone: string,
  notes: string[],
): { window: AskWindow; remainder: string } | null {
  // "pricing this week vs last week" is the recent period against the one before (below), "pricing
  // yesterday vs last week" two periods.
  const recent = sinceLastPeriod.exec(text);
  const head = recent ? text.slice(0, recent.index).trim() : '';
  if (recent && (!head || extractWindow(head, now, timeZone, []).remainder === head)) return null;
  const joins = [...text.matchAll(periodsJoin)];
  const join = joins[joins.length - 1];
  if (!join || join.index === undefined) return null;
  // "outages: march vs april": a month named alone, on either side, is that month.
  const month = `(?:${monthNames.map((name) => name.slice(0, 3)).join('|')})[a-z]*`;
  const right = text
    .slice(join.index + join[0].length)
    .trim()
    .replace(new RegExp(`^${month}$`, 'i'), 'in $&');
  const left = text
    .slice(0, join.index)
    .trim()
    .replace(new RegExp(`(^|\\s)(${month})$`, 'i'), (bare, space: string, name: string) =>
      right.startsWith('in ') ? `${space}in ${name}` : bare,
    );
  const first = extractWindow(left, now, timeZone, notes);
  if (first.remainder === left || first.window.before) return null;
  // "the month before", "the previous 30 days", "the period before": the period just before the first.
  const same =
    /^(?:the\s+)?(?:(?:one|period|day|week|month|quarter|year|\d{1,3}\s+(?:days|weeks|months))\s+(?:before|prior)(?:\s+(?:that|those|it))?|(?:previous|prior)\s+(?:one|period|day|week|month|quarter|year|\d{1,3}\s+(?:days|weeks|months)))$/i;
  let second: AskWindow;
  if (same.test(right)) second = periodJustBefore(first.window, now, timeZone);
  else {
    const read = extractWindow(right, now, timeZone, []);
    if (read.remainder !== '') return null;
    second = read.window;
  }
  const [later, overlapping] =
    first.window.since >= second.since ? [first.window, second] : [second, first.window];
  // "pricing yesterday vs last week": the longer period, ending where the other begins, never counted twice.
  const earlier =
    overlapping.until > later.since
      ? rollingWindow(later.since, overlapping.days, daysBefore(overlapping.days))
      : overlapping;
  if (earlier !== overlapping)
    notes.push(
      `${overlapping.label.charAt(0).toUpperCase()}${overlapping.label.slice(1)} takes in ${later.label}, so ${later.label} is set against ${daysBefore(overlapping.days)} it.`,
    );
  // The two periods are set side by side as asked: neither widens to another reading of its words.
  const bare = ({ fallbackDays: _f, youngDays: _y, before: _b, ...window }: AskWindow): AskWindow => window;
  return { window: { ...bare(later), before: bare(earlier) }, remainder: first.remainder };
}

/** The period just before a window: the calendar month before a month ("in October": September), else as long. */
function periodJustBefore(window: AskWindow, now: Date, timeZone: string): AskWindow {
  const start = localDate(window.since, timeZone);
  const month = /^in\s+[A-Z][a-z]+(?:\s+\d{4})?$/.test(window.label) && start.day === 1;
  if (month) {
    const [year, index] = start.month === 1 ? [start.year - 1, 12] : [start.year, start.month - 1];
    const since = zonedTime(year, index, 1, 0, 0, timeZone);
    const label = `in ${monthNames[index - 1]}${year === localDate(now, timeZone).year ? '' : ` ${year}`}`;
    return {
      since,
      until: window.since,
      days: Math.round((window.since.getTime() - since.getTime()) / dayMs),
      label,
    };
  }
  const days = Math.max(1, Math.round((window.until.getTime() - window.since.getTime()) / dayMs));
  return rollingWindow(window.since, days, daysBefore(days));
}

/** "the 7 days before", "the day before": a period named by where it ends. */
export function daysBefore(days: number): string {
  return days === 1 ? 'the day before' : `the ${days} days before`;
}

/**
 * A period alone ("last month", "yesterday", "in october"), read as questions read it, for commands
 * that take one (`/brief stats last month`); null when the text is not only a period.
 */
export function parsePeriod(text: string, now: Date, timeZone: string): AskWindow | null {
  if (!text.trim()) return null;
  const { window, remainder } = extractWindow(text.trim(), now, timeZone, []);
  return remainder === '' ? window : null;
}

function extractWindow(
  text: string,
  now: Date,
  timeZone: string,
  notes: string[],
): { window: AskWindow; remainder: string } {
  const until = now;
  const versus = periodsSideBySide(text, now, timeZone, notes);
  if (versus) return versus;
  const patterns: Array<[RegExp, (match: RegExpExecArray) => AskWindow | undefined]> = [
    // "pricing this week vs last week", "pricing compared to last month": the recent period, whose
    // trend is against the period before.
    [
      sinceLastPeriod,
      (match) => {
        const days = unitDays[(match[1] ?? 'week').toLowerCase()] ?? 7;
        const recent = rolling(days, days === 1 ? 'last 24 hours' : `last ${days} days`);
        const before = rollingWindow(recent.since, days, daysBefore(days));
        return { ...recent, before };
      },
    ],
    // "next week", "tomorrow": nothing is written about them yet.
    [
      /(?:^|\s+)(?:(?:in|for|during|over)\s+)?(?:the\s+)?(?:(?:next|coming|upcoming)\s+(?:\d{1,3}\s+)?(?:days?|weeks?|months?|quarters?|years?|weekend)|tomorrow)$/i,
      (match) => {
        throw new UserError(
          'USAGE',
          `${match[0].trim()} is still to come, so nothing is written about it yet: ask about a period that has passed, e.g. “last 7 days” or “this week”.`,
        );
      },
    ],
    // "over the weekend": the latest Saturday and Sunday (this one so far, on a weekend).
    [
      /(?:^|\s+)(?:(?:over|during|at|on|for|in)\s+)?(?:the\s+|this\s+|last\s+|past\s+)?weekend$/i,
      () => {
        const { weekday } = localDate(now, timeZone);
        if (weekday === 6 || weekday === 0) return fromLocalDay(weekday === 6 ? 0 : -1, 'over the weekend');
        const saturday = startOfLocalDay(now, timeZone, -(weekday + 1));
        return between(saturday, startOfLocalDay(now, timeZone, 1 - weekday), 'over the weekend');
      },
    ],
    [
      /(?:^|\s+)(?:ytd|year[\s-]to[\s-]date|so\s+far\s+this\s+year)$/i,
      () => ({ ...sinceLocalDate(1, 1, 'year to date'), fallbackDays: 30, youngDays: 14 }),
    ],
    // "biden in july 2022": that month of that year, searched however long ago; "since march 2022": from it until now.
    [
      /\s*(?:(in|during|for|over|since)\s+)?([a-z]{3,9})\s+((?:19|20)\d{2})$/i,
      (match) => {
        const word = (match[2] ?? '').toLowerCase();
        const month = monthNames.findIndex((name) => name.toLowerCase().startsWith(word)) + 1;
        if (month === 0) return undefined;
        const window = monthOf(month, Number(match[3]));
        if (window.since >= now)
          throw new UserError('USAGE', `${window.label.slice(3)} has not begun: ask about a month that has.`);
        if (/^since$/i.test(match[1] ?? ''))
          return between(window.since, until, `since ${monthNames[month - 1]} ${match[3]}`);
        return window;
      },
    ],
    // "pricing in 2025": that calendar year; "since 2025": from its start until now.
    [
      /(?<!\bq[1-4])(?:^|\s+)(?:(in|during|for|over|of|from|since|throughout)\s+)?((?:19|20)\d{2})$/i,
      (match) => {
        const year = Number(match[2]);
        const since = zonedTime(year, 1, 1, 0, 0, timeZone);
        if (since >= now)
          throw new UserError(
            'USAGE',
            `${year} has not begun: ask about a year that has, e.g. “in ${localDate(now, timeZone).year}”.`,
          );
        if (/^since$/i.test(match[1] ?? '')) return between(since, until, `since ${year}`);
        const next = zonedTime(year + 1, 1, 1, 0, 0, timeZone);
        return between(since, next < until ? next : until, `in ${year}`);
      },
    ],
    // Before "yesterday" and "last week", which end these too.
    [/\s*since\s+yesterday$/i, () => fromLocalDay(-1, 'since yesterday')],
    [
      /\s*since\s+last\s+week$/i,
      () => fromLocalDay(-((localDate(now, timeZone).weekday + 6) % 7) - 7, 'since last week'),
    ],
    [
      /\s*since\s+(?:last\s+)?(sun|mon|tue|tues|wed|thu|thur|thurs|fri|sat)(?:day|nesday|rsday|urday|sday)?$/i,
      (match) => {
        const weekday = dayNames.findIndex((name) =>
          name.toLowerCase().startsWith((match[1] ?? '').toLowerCase()),
        );
        if (weekday === -1) return undefined;
        // The latest such day before today: "since Monday" asked on a Monday is since a week ago.
        const back = (localDate(now, timeZone).weekday - weekday + 7) % 7 || 7;
        return fromLocalDay(-back, `since ${dayNames[weekday]}`);
      },
    ],
    // "last month", "during last quarter" (no "the", no "past"): the calendar period before this one.
    // Empty, it falls back to the rolling window the words are often meant as ("last month": 30 days).
    [
      /(?:^|\s+)(?:(?:in|for|during)\s+)?(?<!\b(?:the|this)\s+)last\s+(month|quarter|year)$/i,
      (match) => {
        const unit = (match[1] ?? 'month').toLowerCase();
        return { ...previousPeriod(unit), fallbackDays: unitDays[unit] ?? 30 };
      },
    ],
    // "the previous week", "the week before": the calendar week (Monday to Sunday) before this one.
    [
      /(?:^|\s+)(?:(?:in|over|for|during)\s+)?(?:the\s+)?(?:(?:previous|prior)\s+week|week\s+(?:before|prior)(?:\s+that)?)$/i,
      () => calendarWeekBefore(),
    ],
    [
      /\s*(?:(?:in|over|for|during|within)\s+)?(?:the\s+)?(?:last|past)\s+fortnight$/i,
      () => rolling(14, 'last 14 days'),
    ],
    [
      /\s*(?:(?:in|over|for|during|within)\s+)?(?:the\s+)?(?:last|past|previous)\s+(\d{1,3})\s+(day|week|month|quarter|year)s?$/i,
      (match) => {
        const unit = (match[2] ?? 'day').toLowerCase();
        const days = Number(match[1]) * (unitDays[unit] ?? 1);
        return rolling(days, `last ${match[1]} ${unit}${Number(match[1]) === 1 ? '' : 's'}`);
      },
    ],
    [
      /\s*(?:(?:in|over|for|during|within)\s+)?(?:the\s+|this\s+)?(?:last|past)\s+(day|week|month|quarter|year)$/i,
      (match) => {
        const unit = (match[1] ?? 'week').toLowerCase();
        // "the past month" is 30 days, labelled so: "last month" names the calendar month before.
        const days = unitDays[unit] ?? 7;
        // "last week" typed is the last 7 days: the calendar week is named too, as a way to ask it.
        if (unit === 'week' && !/\b(?:the|this|past)\s/i.test(match[0]))
          notes.push(
            `“Last week” is read as the last 7 days; for the calendar week before this one, ask “${calendarWeekBefore().label}”.`,
          );
        return rolling(days, unit === 'day' ? 'last 24 hours' : `last ${days} days`);
      },
    ],
    [
      /\s*(?:(?:in|over|for|during|within)\s+)?(?:the\s+)?(?:last|past|previous)\s+(\d{1,3})\s*(?:hours?|hrs?|h)$/i,
      (match) => {
        const hours = Math.min(maxDays * 24, Math.max(1, Number(match[1])));
        const since = new Date(until.getTime() - hours * 3600_000);
        return between(since, until, `last ${hours} hour${hours === 1 ? '' : 's'}`);
      },
    ],
    [
      /\s*(?:in|during|for|over)\s+([a-z]{3,9})$/i,
      (match) => {
        // "in nov", "in sept", "in november"; "in mayhem" is no month.
        const word = (match[1] ?? '').toLowerCase();
        const month = monthNames.findIndex((name) => name.toLowerCase().startsWith(word)) + 1;
        if (month === 0) return undefined;
        const today = localDate(now, timeZone);
        // The latest such month: this year's, or last year's when it has not come yet.
        return monthOf(month, month > today.month ? today.year - 1 : today.year);
      },
    ],
    // "in q3", "q3 2026": the latest such quarter (this year's once it has begun).
    [
      /\s*(?:(?:in|during|for|over)\s+)?(?:the\s+)?q([1-4])(?:\s+(\d{4}))?$/i,
      (match) => {
        const quarter = Number(match[1]);
        const today = localDate(now, timeZone);
        const first = (quarter - 1) * 3 + 1;
        const year = match[2] ? Number(match[2]) : first > today.month ? today.year - 1 : today.year;
        const since = zonedTime(year, first, 1, 0, 0, timeZone);
        if (since >= now)
          throw new UserError('USAGE', `Q${quarter} ${year} has not begun: ask about one that has.`);
        const next =
          quarter === 4
            ? zonedTime(year + 1, 1, 1, 0, 0, timeZone)
            : zonedTime(year, first + 3, 1, 0, 0, timeZone);
        return between(since, next < until ? next : until, `in Q${quarter} ${year}`);
      },
    ],
    // "from nov 1 to nov 15", "between 2026-10-01 and 2026-10-31": the days from one to the other.
    [
      new RegExp(
        `\\s*(?:from|between)\\s+(${dayWords})\\s+(?:to|and|until|till|through|-)\\s+(${dayWords})$`,
        'i',
      ),
      (match) => {
        const from = dayOf(match[1] ?? '');
        // The end is the first such day from the start on ("dec 20 to jan 5" crosses the year).
        const to = dayOf(match[2] ?? '', from);
        if (!from || !to) return undefined;
        if (to < from)
          throw new UserError('USAGE', `${match[2]} comes before ${match[1]}: give the earlier day first.`);
        if (from >= now)
          throw new UserError('USAGE', `${match[1]} is in the future: ask about days that have passed.`);
        const end = new Date(to.getTime() + dayMs);
        // Another year's days say their year: "from 27 Jul 2022 to 29 Jul 2022".
        const thisYear = localDate(now, timeZone).year;
        const year = [from, to].some((day) => localDate(day, timeZone).year !== thisYear)
          ? 'numeric'
          : undefined;
        const format = (date: Date) =>
          date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year, timeZone });
        return between(from, end < until ? end : until, `from ${format(from)} to ${format(to)}`);
      },
    ],
    // "lately", "recently": the default window.
    [/\s*(?:lately|recently|these\s+days|of\s+late)$/i, () => rolling(7, 'last 7 days')],
    [
      /\s*(?:today|this\s+morning|so\s+far\s+today)$/i,
      () => ({ ...fromLocalDay(0, 'today'), fallbackDays: 1 }),
    ],
    [
      // "since nov 1", "since 1st november".
      /\s*since\s+(?:([a-z]{3,9})\s+(\d{1,2})(?:st|nd|rd|th)?|(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9}))$/i,
      (match) => {
        const word = (match[1] ?? match[4] ?? '').toLowerCase();
        const day = Number(match[2] ?? match[3]);
        const month = monthNames.findIndex((name) => name.toLowerCase().startsWith(word)) + 1;
        if (month === 0 || day < 1 || day > 31) return undefined;
        const today = localDate(now, timeZone);
        // The latest such date: this year's, or last year's when it has not come yet.
        const year =
          month > today.month || (month === today.month && day > today.day) ? today.year - 1 : today.year;
        return between(
          zonedTime(year, month, day, 0, 0, timeZone),
          until,
          `since ${day} ${monthNames[month - 1]}`,
        );
      },
    ],
    [
      /\s*yesterday$/i,
      () => {
        const window = fromLocalDay(-1, 'yesterday');
        return { ...window, until: startOfLocalDay(now, timeZone, 0), days: 1 };
      },
    ],
    [
      /\s*this\s+week$/i,
      () => {
        const sinceMonday = (localDate(now, timeZone).weekday + 6) % 7;
        return { ...fromLocalDay(-sinceMonday, 'this week'), fallbackDays: 7, youngDays: 1 };
      },
    ],
    [
      /\s*this\s+month$/i,
      () => {
        return {
          ...fromLocalDay(1 - localDate(now, timeZone).day, 'this month'),
          fallbackDays: 30,
          youngDays: 3,
        };
      },
    ],
    [
      /\s*this\s+quarter$/i,
      () => {
        const { month } = localDate(now, timeZone);
        const quarterStart = month - ((month - 1) % 3);
        return { ...sinceLocalDate(quarterStart, 1, 'this quarter'), fallbackDays: 30, youngDays: 7 };
      },
    ],
    [/\s*this\s+year$/i, () => ({ ...sinceLocalDate(1, 1, 'this year'), fallbackDays: 30, youngDays: 14 })],
    [
      /\s*since\s+(\d{4})-(\d{1,2})-(\d{1,2})$/i,
      (match) => {
        const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
        if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate())
          throw new UserError(
            'USAGE',
            `${match[0].trim().slice(6)} is not a date: give one like 2026-11-01.`,
          );
        const since = zonedTime(year, month, day, 0, 0, timeZone);
        if (Number.isNaN(since.getTime())) return undefined;
        if (since >= now) {
          throw new UserError(
            'USAGE',
            `${match[0].trim().slice(6)} is in the future: ask about a date that has passed.`,
          );
        }
        // The period typed, however long ago: only a rolling "last N days" is cut to a year.
        return between(
          since,
          until,
          `since ${match[1]}-${match[2]?.padStart(2, '0')}-${match[3]?.padStart(2, '0')}`,
        );
      },
    ],
  ];
  for (const [pattern, build] of patterns) {
    const match = pattern.exec(text);
    if (!match) continue;
    const window = build(match);
    if (window) return { window, remainder: text.slice(0, match.index).trim() };
  }
  // "this week pricing", "last 30 days: acme": the window first.
  for (const [pattern, build] of patterns) {
    const leading = new RegExp(`^${pattern.source.replace(/^\\s\*/, '').replace(/\$$/, '')}(?=\\s|$)`, 'i');
    const match = leading.exec(text);
    if (!match) continue;
    const window = build(match);
    if (window) return { window, remainder: text.slice(match[0].length).trim() };
  }
  return { window: rolling(7, 'last 7 days'), remainder: text };

  /** The whole previous calendar month, quarter or year, in the time zone. */
  function previousPeriod(unit: string): AskWindow {
    const today = localDate(now, timeZone);
    if (/^year$/i.test(unit)) {
      const year = today.year - 1;
      return between(
        zonedTime(year, 1, 1, 0, 0, timeZone),
        zonedTime(year + 1, 1, 1, 0, 0, timeZone),
        `in ${year}`,
      );
    }
    const months = /^quarter$/i.test(unit) ? 3 : 1;
    // The first month of this period, then of the one before it (months counted from year 0).
    const current = today.year * 12 + (today.month - 1) - ((today.month - 1) % months);
    const start = current - months;
    const at = (index: number) => zonedTime(Math.floor(index / 12), (index % 12) + 1, 1, 0, 0, timeZone);
    const year = Math.floor(start / 12);
    const suffix = year === today.year ? '' : ` ${year}`;
    const label =
      months === 1
        ? `in ${monthNames[start % 12]}${suffix}`
        : `in Q${Math.floor((start % 12) / 3) + 1}${suffix || ` ${year}`}`;
    return between(at(start), at(current), label);
  }

  /** "nov 1", "1st november", "2026-11-01": the start of that day, the latest such one not ahead. */
  function dayOf(text: string, after?: Date): Date | undefined {
    const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
    if (iso) return zonedTime(Number(iso[1]), Number(iso[2]), Number(iso[3]), 0, 0, timeZone);
    const words =
      /^(?:([a-z]{3,9})\s+(\d{1,2})(?:st|nd|rd|th)?|(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9}))$/i.exec(
        text,
      );
    if (!words) return undefined;
    const word = (words[1] ?? words[4] ?? '').toLowerCase();
    const day = Number(words[2] ?? words[3]);
    const month = monthNames.findIndex((name) => name.toLowerCase().startsWith(word)) + 1;
    if (month === 0 || day < 1 || day > 31) return undefined;
    if (after) {
      const start = localDate(after, timeZone);
      const sameYear = zonedTime(start.year, month, day, 0, 0, timeZone);
      return sameYear >= after ? sameYear : zonedTime(start.year + 1, month, day, 0, 0, timeZone);
    }
    const today = localDate(now, timeZone);
    const year =
      month > today.month || (month === today.month && day > today.day) ? today.year - 1 : today.year;
    return zonedTime(year, month, day, 0, 0, timeZone);
  }

  function rolling(days: number, label: string): AskWindow {
    const capped = Math.min(maxDays, Math.max(1, days));
    if (capped === days) return rollingWindow(until, capped, label);
    // The label says what is searched: "last 900 days" is searched (and shown) as the last 365.
    if (days > maxDays)
      notes.push(
        `Briefbot looks back a year at most, so this covers the last ${maxDays} days, not the ${label}.`,
      );
    return rollingWindow(until, capped);
  }
  /** The calendar week (Monday to Sunday) before this one: "from 16 Nov to 22 Nov". */
  function calendarWeekBefore(): AskWindow {
    const monday = -((localDate(now, timeZone).weekday + 6) % 7);
    const format = (date: Date) =>
      date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone });
    const since = startOfLocalDay(now, timeZone, monday - 7);
    const end = startOfLocalDay(now, timeZone, monday);
    return between(since, end, `from ${format(since)} to ${format(new Date(end.getTime() - dayMs))}`);
  }
  /** A calendar month ("in July", "in July 2022" when not this year), up to now at most. */
  function monthOf(month: number, year: number): AskWindow {
    const since = zonedTime(year, month, 1, 0, 0, timeZone);
    const next = zonedTime(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1, 0, 0, timeZone);
    const label = `in ${monthNames[month - 1]}${year === localDate(now, timeZone).year ? '' : ` ${year}`}`;
    return between(since, next < until ? next : until, label);
  }
  /** From `since` to `end`, counted in whole days (at least one) for the trend. */
  function between(since: Date, end: Date, label: string): AskWindow {
    return {
      since,
      until: end,
      // An hour's slack: a month with the change from summer time is still 31 days.
      days: Math.max(1, Math.ceil((end.getTime() - since.getTime() - 3600_000) / dayMs)),
      label,
    };
  }
  /** Since midnight on a day of this year (month and day as in the calendar). */
  function sinceLocalDate(month: number, day: number, label: string): AskWindow {
    return between(zonedTime(localDate(now, timeZone).year, month, day, 0, 0, timeZone), until, label);
  }
  function fromLocalDay(offset: number, label: string): AskWindow {
    return between(startOfLocalDay(now, timeZone, offset), until, label);
  }
}

/** Words for the company: its topics of kind company. */
export const companyWords = /^(?:we|us|ourselves|company|(?:my|the)\s+company|brand)$/i;

/** "we", "us" as the company's name: a suggested question reads as one ("acme last 30 days"). */
export function namingCompany(subjects: string[], company: string | undefined): string[] {
  return subjects.map((subject) => (company && companyWords.test(subject) ? company : subject));
}

/**
 * What a question that found nothing was about, as answered ("about acme in October", "in the
 * topics Briefbot follows in the last 7 days"): a follow-up's question is Briefbot's rewording of
 * what was typed ("we in October"), so it is described, never quoted. `subjects` as logged, the
 * company named.
 */
export function missedAbout(asked: AskRequest, subjects: string[]): string {
  const about = asked.overview ? 'in the topics Briefbot follows' : `about ${subjects.join(' or ')}`;
  const period = /^(?:last|past)\b/.test(asked.window.label)
    ? `in the ${asked.window.label}`
    : asked.window.label;
  return `${about} ${period}`;
}

/** What a question asks, apart from its words: enough to ask it again with one part changed. */
export type AskFrame = {
  subjects: string[];
  windowLabel: string;
  customers: boolean;
  press?: boolean;
  tone?: AskRequest['tone'];
  /** "3 bullets on pricing", "top 3 stories": how many sources (and whether as bullets). */
  count?: number;
  bullets?: boolean;
  /** "is sentiment on pricing getting worse": how the tone moved is asked. */
  toneChange?: boolean;
  /** "in German": the sources in that language only. */
  language?: string;
  /** "in one line", "just the numbers": the short shape asked, kept by a follow-up. */
  shape?: AnswerShape;
  /** "who is talking about us": who is saying it leads, kept by a follow-up ("and last month?"). */
  who?: boolean;
};

/** A question about how the tone moved: "is sentiment on pricing getting worse", "has it improved". */
export const asksToneChange =
  /\b(?:worse|better|improv\w*|deteriorat\w*|sentiment|mood|tone|reputation|(?:more|less)\s+(?:negative|positive))\b/i;

/** "3 bullets on pricing", "top 3 stories": the count a question asked for, and whether as bullets. */
export function askedFormat(
  request: Pick<AskRequest, 'count' | 'question'>,
): Pick<AskFrame, 'count' | 'bullets'> {
  if (!request.count) return {};
  const bullets = /\b(?:bullets?|bullet\s+points|points|takeaways)\b/i.test(request.question);
  return { count: request.count, ...(bullets ? { bullets } : {}) };
}

/**
 * The question that asks `frame`, as `parseAsk` reads it back: "what are customers complaining
 * about pricing last 30 days". For follow-ups ("same for outages", "just the negative ones").
 */
export function askText(frame: AskFrame): string {
  const { count, windowLabel } = frame;
  const body = askedBody(frame);
  // Before the window, which ends a question: "pricing in 3 bullets last 30 days"; a body that
  // already asks for a number ("top 3 things") is never asked for it twice.
  const format =
    count && !countForm.test(body)
      ? ` in ${count} ${frame.bullets ? (count === 1 ? 'bullet' : 'bullets') : count === 1 ? 'story' : 'stories'}`
      : '';
  // "has sentiment on acme changed in the last 7 days", never "… changed last 7 days".
  const window =
    body.endsWith(' changed') && /^(?:last|past)\b/.test(windowLabel) ? `in the ${windowLabel}` : windowLabel;
  const language = frame.language ? ` in ${languageName(frame.language)}` : '';
  const shape = frame.shape ? (frame.shape === 'line' ? ' in one line' : ' just the numbers') : '';
  return `${body}${format}${language}${shape} ${window}`;
}

function askedBody(frame: AskFrame): string {
  if (!frame.who) return unaskedWho(frame);
  // "who is complaining about acme", "who is saying what about pricing among customers": who first.
  const about = frame.subjects.join(' vs ');
  // "who is saying what about pricing and has sentiment changed": the subject, then how the tone moved.
  if (about && frame.toneChange && !frame.tone && !frame.press)
    return `who is saying what about ${about} and has ${frame.customers ? 'customer ' : ''}sentiment changed`;
  if (!about || frame.press || frame.toneChange) return `who is saying what about ${unaskedWho(frame)}`;
  const asked = !frame.tone
    ? 'saying what about'
    : frame.tone === 'negative'
      ? 'complaining about'
      : 'praising';
  return `who is ${asked} ${about}${frame.customers ? ' among customers' : ''}`;
}

function unaskedWho(frame: AskFrame): string {
  const about = frame.subjects.join(' vs ');
  const { tone } = frame;
  // "is it getting worse": the sentiment's move, for a question about everyone or customers.
  if (about && frame.toneChange && !tone && !frame.press)
    return `has ${frame.customers ? 'customer ' : ''}sentiment on ${about} changed`;
  if (!about) {
    if (frame.press && tone === 'negative') return 'what is the press complaining about';
    // "anything i should worry about", then "just customers": customers' own words, that side first.
    if (frame.customers && tone)
      return tone === 'negative' ? 'what are customers complaining about' : 'any good news from customers';
    const overview = tone
      ? `any ${tone === 'negative' ? 'bad' : 'good'} news`
      : frame.customers
        ? 'what are customers saying'
        : frame.press
          ? 'what is the press saying'
          : 'what’s new';
    return overview;
  }
  if (frame.customers) {
    const asked = !tone
      ? 'what are customers saying about'
      : tone === 'negative'
        ? 'what are customers complaining about'
        : 'what do customers love about';
    return `${asked} ${about}`;
  }
  const side = tone ? `${tone} coverage of ` : '';
  return `${side}${about}${frame.press ? ' in the press' : ''}`;
}
