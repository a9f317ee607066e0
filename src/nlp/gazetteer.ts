/**
 * A small curated gazetteer: canonical entities with the aliases news text uses for them
 * (ISIS / ISIL / Daesh / Islamic State → one group), country demonyms, the side an institution
 * acts for (the Pentagon and Washington act for the United States), well-known public figures
 * (so "Lavrov" resolves to Sergei Lavrov), role words that introduce a person's name, and
 * speech verbs. Data apart from logic; extend freely.
 */
import type { EntityType } from '../core/types.js';

export interface GazetteerEntry {
  name: string;
  type: EntityType;
  aliases: string[];
  /** country or body this entity acts for */
  side?: string;
  /** adjectives that refer to it ("Russian") */
  demonyms?: string[];
}

const COUNTRIES: [string, string[], string[]][] = [
  ['United States', ['U.S.', 'US', 'USA', 'U.S.A.', 'United States of America', 'America'], ['American', 'U.S.']],
  ['Russia', ['Russian Federation'], ['Russian']],
  ['Syria', ['Syrian Arab Republic'], ['Syrian']],
  ['Iraq', [], ['Iraqi']],
  ['Iran', ['Islamic Republic of Iran'], ['Iranian']],
  ['China', ["People's Republic of China", 'PRC'], ['Chinese']],
  ['Ukraine', [], ['Ukrainian']],
  ['United Kingdom', ['UK', 'U.K.', 'Britain', 'Great Britain'], ['British']],
  ['France', [], ['French']],
  ['Germany', [], ['German']],
  ['Israel', [], ['Israeli']],
  ['Turkey', ['Türkiye'], ['Turkish']],
  ['Saudi Arabia', [], ['Saudi']],
  ['Afghanistan', [], ['Afghan']],
  ['Pakistan', [], ['Pakistani']],
  ['India', [], ['Indian']],
  ['Japan', [], ['Japanese']],
  ['North Korea', ['DPRK'], ['North Korean']],
  ['South Korea', [], ['South Korean']],
  ['Canada', [], ['Canadian']],
  ['Mexico', [], ['Mexican']],
  ['Brazil', [], ['Brazilian']],
  ['Australia', [], ['Australian']],
  ['Egypt', [], ['Egyptian']],
  ['Libya', [], ['Libyan']],
  ['Yemen', [], ['Yemeni']],
  ['Lebanon', [], ['Lebanese']],
  ['Jordan', [], ['Jordanian']],
  ['Qatar', [], ['Qatari']],
  ['Italy', [], ['Italian']],
  ['Spain', [], ['Spanish']],
  ['Poland', [], ['Polish']],
  ['Greece', ['Hellenic Republic'], ['Greek']],
  ['Venezuela', [], ['Venezuelan']],
  ['Cuba', [], ['Cuban']],
  ['Nigeria', [], ['Nigerian']],
  ['Kenya', [], ['Kenyan']],
  ['South Africa', [], ['South African']],
  ['Belarus', [], ['Belarusian']],
  ['Georgia', [], ['Georgian']],
  ['Palestine', ['Palestinian territories'], ['Palestinian']],
  ['Taiwan', [], ['Taiwanese']],
  ['Vietnam', [], ['Vietnamese']],
  ['Netherlands', ['Holland'], ['Dutch']],
  ['Sweden', [], ['Swedish']],
  ['Norway', [], ['Norwegian']],
  ['Ireland', [], ['Irish']],
];

const PLACES: [string, string[], string?][] = [
  ['Washington', ['Washington, D.C.', 'Washington D.C.'], 'United States'],
  ['Moscow', [], 'Russia'],
  ['Damascus', [], 'Syria'],
  ['Baghdad', [], 'Iraq'],
  ['Tehran', [], 'Iran'],
  ['Beijing', [], 'China'],
  ['Kyiv', ['Kiev'], 'Ukraine'],
  ['London', [], 'United Kingdom'],
  ['Paris', [], 'France'],
  ['Berlin', [], 'Germany'],
  ['Jerusalem', [], undefined],
  ['Ankara', [], 'Turkey'],
  ['Athens', [], 'Greece'],
  ['Istanbul', [], 'Turkey'],
  ['Izmir', [], 'Turkey'],
  ['Aegean Sea', ['Aegean'], undefined],
  ['Brussels', [], undefined],
  ['New York', ['New York City', 'NYC'], undefined],
  ['Aleppo', [], undefined],
  ['Raqqa', [], undefined],
  ['Mosul', [], undefined],
  ['Homs', [], undefined],
  ['Idlib', [], undefined],
  ['Latakia', [], undefined],
  ['Crimea', [], undefined],
  ['Gaza', ['Gaza Strip'], undefined],
  ['West Bank', [], undefined],
  ['Middle East', [], undefined],
  ['Europe', [], undefined],
  ['California', [], 'United States'],
  ['Texas', [], 'United States'],
  ['Florida', [], 'United States'],
];

const ORGANIZATIONS: [string, string[], string?][] = [
  ['Pentagon', ['Department of Defense', 'Defense Department', 'DoD'], 'United States'],
  ['White House', [], 'United States'],
  ['State Department', ['Department of State'], 'United States'],
  ['Kremlin', [], 'Russia'],
  ['Congress', ['U.S. Congress'], 'United States'],
  ['Senate', ['U.S. Senate'], 'United States'],
  ['House of Representatives', [], 'United States'],
  ['Supreme Court', [], undefined],
  ['FBI', ['Federal Bureau of Investigation'], 'United States'],
  ['CIA', ['Central Intelligence Agency'], 'United States'],
  ['NSA', ['National Security Agency'], 'United States'],
  ['Department of Homeland Security', ['DHS', 'Homeland Security'], 'United States'],
  ['CDC', ['Centers for Disease Control and Prevention', 'Centers for Disease Control'], 'United States'],
  ['FDA', ['Food and Drug Administration'], 'United States'],
  ['EPA', ['Environmental Protection Agency'], 'United States'],
  ['United Nations', ['UN', 'U.N.'], undefined],
  ['UN Security Council', ['Security Council', 'U.N. Security Council'], undefined],
  ['NATO', ['North Atlantic Treaty Organization'], undefined],
  ['European Union', ['EU', 'E.U.'], undefined],
  ['World Health Organization', ['WHO'], undefined],
  ['Red Cross', ['International Committee of the Red Cross', 'ICRC'], undefined],
  ['Free Syrian Army', ['FSA'], 'Syria'],
  ['Hezbollah', ['Hizbollah', 'Hizbullah'], undefined],
  ['Hamas', [], undefined],
  ['Taliban', [], undefined],
  ['al-Nusra Front', ['Nusra Front', 'al-Nusra', 'Jabhat al-Nusra'], undefined],
  ['Democratic Party', ['Democrats', 'DNC'], undefined],
  ['Republican Party', ['Republicans', 'GOP', 'RNC'], undefined],
  ['Reuters', [], undefined],
  ['Associated Press', ['AP', 'The Associated Press'], undefined],
  ['Agence France-Presse', ['AFP'], undefined],
  ['BBC', ['British Broadcasting Corporation'], undefined],
  ['CNN', [], undefined],
  ['Fox News', [], undefined],
  ['The New York Times', ['New York Times', 'NYT'], undefined],
  ['The Washington Post', ['Washington Post'], undefined],
  ['The Wall Street Journal', ['Wall Street Journal', 'WSJ'], undefined],
  ['RT', ['Russia Today'], 'Russia'],
  ['Sputnik', [], 'Russia'],
  ['TASS', [], 'Russia'],
  ['Press TV', [], 'Iran'],
  ['Al Jazeera', [], undefined],
];

const GROUPS: GazetteerEntry[] = [
  {
    name: 'Islamic State',
    type: 'group',
    aliases: [
      'ISIS',
      'ISIL',
      'Daesh',
      "Da'esh",
      'Da’esh',
      'IS',
      'Islamic State of Iraq and Syria',
      'Islamic State of Iraq and the Levant',
      'Islamic State in Iraq and Syria',
    ],
  },
  { name: 'al-Qaeda', type: 'group', aliases: ['al-Qaida', 'Al Qaeda', 'al Qaeda', 'Al-Qaeda'] },
];

/** Well-known public figures, so surnames resolve to full names and sides are known. */
const PEOPLE: [string, string | undefined][] = [
  ['Vladimir Putin', 'Russia'],
  ['Sergei Lavrov', 'Russia'],
  ['Dmitry Medvedev', 'Russia'],
  ['Dmitry Peskov', 'Russia'],
  ['Sergei Shoigu', 'Russia'],
  ['Maria Zakharova', 'Russia'],
  ['Barack Obama', 'United States'],
  ['Joe Biden', 'United States'],
  ['Donald Trump', 'United States'],
  ['Hillary Clinton', 'United States'],
  ['Bill Clinton', 'United States'],
  ['John Kerry', 'United States'],
  ['Ash Carter', 'United States'],
  ['Mike Pence', 'United States'],
  ['Kamala Harris', 'United States'],
  ['Bernie Sanders', 'United States'],
  ['Nancy Pelosi', 'United States'],
  ['Mitch McConnell', 'United States'],
  ['Josh Earnest', 'United States'],
  ['Bashar al-Assad', 'Syria'],
  ['Recep Tayyip Erdogan', 'Turkey'],
  ['Benjamin Netanyahu', 'Israel'],
  ['Angela Merkel', 'Germany'],
  ['Emmanuel Macron', 'France'],
  ['Francois Hollande', 'France'],
  ['David Cameron', 'United Kingdom'],
  ['Theresa May', 'United Kingdom'],
  ['Boris Johnson', 'United Kingdom'],
  ['Xi Jinping', 'China'],
  ['Hassan Rouhani', 'Iran'],
  ['Ali Khamenei', 'Iran'],
  ['Volodymyr Zelensky', 'Ukraine'],
  ['Petro Poroshenko', 'Ukraine'],
  ['Kim Jong Un', 'North Korea'],
  ['Abu Bakr al-Baghdadi', 'Islamic State'],
  ['Ban Ki-moon', 'United Nations'],
  ['Antonio Guterres', 'United Nations'],
  ['Jens Stoltenberg', 'NATO'],
];

/** Builds the full gazetteer list (countries, places, organizations, groups). */
export function gazetteerEntries(): GazetteerEntry[] {
  const entries: GazetteerEntry[] = [];
  for (const [name, aliases, demonyms] of COUNTRIES) entries.push({ name, type: 'place', aliases, demonyms, side: name });
  for (const [name, aliases, side] of PLACES) entries.push({ name, type: 'place', aliases, side });
  for (const [name, aliases, side] of ORGANIZATIONS) entries.push({ name, type: 'organization', aliases, side });
  for (const g of GROUPS) entries.push({ ...g, side: g.name });
  return entries;
}

/** Public figures: full name → side. */
export const KNOWN_PEOPLE: ReadonlyMap<string, string | undefined> = new Map(PEOPLE);

/**
 * Role words that introduce or follow a person's name ("Defence Secretary Ash Carter",
 * "Putin's spokesman, Dmitry Peskov"). Lower-case.
 */
export const ROLE_WORDS = new Set(
  (
    'president vice prime minister secretary defence defense foreign state interior spokesman spokeswoman spokesperson ' +
    'press chancellor senator sen rep representative governor gov mayor general gen admiral adm colonel col lieutenant lt ' +
    'captain capt sergeant sgt commander chief director ambassador envoy deputy head leader chairman chairwoman chair ' +
    'ceo founder king queen prince princess pope judge justice attorney officer official advisor adviser aide ' +
    'dr mr mrs ms prof professor sheikh ayatollah emir premier analyst expert researcher scientist correspondent reporter ' +
    'editor columnist commissioner inspector sheriff detective counsel coordinator press-secretary first lady'
  ).split(' '),
);

/**
 * Capitalized words that begin sentences or titles but are not names. Lower-case.
 */
export const NOT_NAME_WORDS = new Set(
  (
    'the a an this that these those there here he she it they we i you his her its their our my your ' +
    'but and or if when while after before as since because although though however meanwhile moreover also ' +
    'in on at by for from with without to of into over under about against between during through ' +
    'literally given according some many most several all both each every no not yes so yet still even ' +
    'what who whom which where why how monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow ' +
    'january february march april may june july august september october november december ' +
    'mr mrs ms dr breaking update exclusive watch read fact checked verified report reports news ' +
    'one two three four five six seven eight nine ten first second third last next new other another such ' +
    'then now once just only more less much very well let please thanks thank is are was were be been being do does did ' +
    'has have had will would can could should may might must shall nobody everyone everybody someone somebody anyone anybody nothing everything ' +
    'despite unlike like until unless whether whatever whoever instead perhaps maybe indeed thus hence therefore earlier later ' +
    'already again sometimes often soon where whenever asked speaking writing says said according'
  ).split(' '),
);

/** Speech and attribution verbs (base forms and inflections). Lower-case. */
export const SPEECH_VERBS = new Set(
  (
    'say says said saying tell tells told telling add adds added state states stated warn warns warned warning ' +
    'claim claims claimed insist insists insisted declare declares declared announce announces announced ' +
    'explain explains explained note notes noted ask asks asked reply replies replied respond responds responded ' +
    'write writes wrote tweet tweets tweeted post posted argue argues argued assure assures assured assert asserts asserted ' +
    'confirm confirms confirmed deny denies denied admit admits admitted allege alleges alleged report reports reported ' +
    'suggest suggests suggested stress stresses stressed emphasize emphasized emphasise emphasised continue continues continued ' +
    'threaten threatens threatened vow vows vowed pledge pledged promise promised predict predicted acknowledge acknowledged ' +
    'recall recalled concede conceded maintain maintains maintained mention mentioned reveal revealed disclose disclosed ' +
    'urge urged accuse accused charge charged estimate estimated believe believes believed think thinks thought quip quipped ' +
    'conclude concludes concluded joke jokes joked counter counters countered caution cautions cautioned remark remarked ' +
    'observe observed recount recounted testify testified retort retorted shout shouted exclaim exclaimed boast boasted ' +
    'complain complained lament lamented wonder wondered demand demanded begin began interject interjected scoff scoffed'
  ).split(' '),
);

/** Words that name an unnamed source when they head the subject of a speech verb. Lower-case. */
export const ANONYMOUS_SOURCE_NOUNS = new Set(
  (
    'reports report sources source experts expert officials official analysts analyst critics observers witnesses ' +
    'insiders insider people residents studies study scientists researchers commentators media documents diplomats ' +
    'authorities activists locals someone many some others rumors rumours man woman men women witness neighbor neighbour bystander'
  ).split(' '),
);
