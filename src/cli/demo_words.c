/*
 * demo_words: the words and phrases the demo journal is made of.  Slots
 * {X} in a template name the table demo_slots['X' - 'A']; demo_gen.c
 * expands them.  Everything here is invented: places, people, bodies,
 * venues and links; but for the real countries an article compares its
 * invented ones with (demo_countries, named in the forms of the
 * gazetteer, data/gazetteer.tsv, which then finds them).
 *
 * Changing a table changes every journal octavo demo makes from a seed
 * (test_demo_gen pins one seed's records); adding to a table is fine,
 * but say so in the commit.
 */
#include "demo_words.h"

/*
 * Word tables.  Grammar the templates rely on: {A} actors may be singular
 * or plural, so they only take past tenses ({P}) and modals ({M} {V});
 * regions {R}, topics {T}, objects {O} and figures {F} are singular.
 * Adjectives starting with "u" all take "an" ("a {J}" is fixed up).
 */
static const char *const actors[] = {
	"the finance ministry", "provincial governors", "the central bank",
	"the ruling coalition", "opposition parties", "the regional assembly",
	"donor agencies", "state-owned utilities", "port authorities",
	"the electoral commission", "municipal councils",
	"the defense ministry", "trade unions", "exporters", "small farmers",
	"the constitutional court", "parliament", "the energy regulator",
	"customs officials", "development banks", "mayors",
	"the interior ministry", "civil society groups", "foreign investors",
	"the cabinet", "the audit office", "river basin authorities",
	"the competition authority",
};

static const char *const abstracts[] = {
	"politics", "economics", "limits", "price", "promise", "paradox",
	"geography", "arithmetic", "cost", "myth", "logic", "future",
};

static const char *const cities[] = {
	"Port Ambry", "Kelsworth", "Vantry", "Sorrel Bay", "Tarsk",
	"New Halden", "Eskerby", "Mirovan", "Caldera Springs", "Lindgrave",
	"Ostrel", "Brannock", "Velisse", "Dunmorrow", "Corbel", "Haverlock",
	"Quennet", "Talmoor", "Ruskin Ford", "Sévrine", "Løvholm", "Dubrač",
	"Marisca", "Old Tessel", "Greywater",
};

static const char *const news_verbs[] = {
	"delays", "revisits", "approves", "suspends", "extends",
	"renegotiates", "publishes", "scraps", "expands", "audits",
	"tightens", "relaxes", "unveils", "challenges",
};

static const char *const events[] = {
	"election", "budget crisis", "flood season", "court ruling",
	"referendum", "general strike", "drought", "border dispute",
	"bond sell-off", "cabinet reshuffle", "blackout", "ceasefire",
	"fuel protests", "census",
};

static const char *const figures[] = {
	"the budget deficit", "the average electricity tariff",
	"the grain export volume", "voter turnout", "public debt",
	"the trade surplus", "the unemployment rate", "the cost of borrowing",
	"the import bill", "the share of renewables in the grid",
	"port throughput", "the housing backlog", "remittance income",
	"the public wage bill",
};

static const char *const claims[] = {
	"{A} {M} {V} {O}",
	"{A} {M} {V} {O} first",
	"{T} deserves more attention than it gets",
	"{O} needs a serious rethink",
	"{F} will keep rising without changes to {O}",
	"{A} {P} {O} for the wrong reasons",
	"{T} and {T} can no longer be treated separately",
};

static const char *const adjectives[] = {
	"fragile", "quiet", "costly", "uneven", "awkward", "uncomfortable",
	"unexpected", "pragmatic", "modest", "overdue", "cautious",
	"difficult", "narrow", "unfinished", "uneasy", "sober", "practical",
	"durable", "partial", "patient",
};

static const char *const contrib_roles[] = {
	"professor of public policy", "lecturer in political economy",
	"research associate", "economist", "doctoral researcher",
	"visiting scholar", "senior analyst",
	"associate professor of geography", "program director", "fellow",
};

static const char *const staff_roles[] = {
	"senior fellow", "research fellow", "deputy editor",
	"associate editor", "managing editor", "data editor",
	"director of research", "contributing editor", "fellow",
	"assistant editor",
};

static const char *const modals[] = {
	"should", "could", "will have to", "must", "may yet",
	"would do well to", "cannot afford to", "ought to", "can still",
};

static const char *const objects[] = {
	"the tariff schedule", "the budget framework", "the new grid code",
	"the transmission plan", "the procurement law",
	"the water-sharing agreement", "the electoral map",
	"the subsidy regime", "the port concession", "the border regime",
	"the transfer formula", "the pension formula", "the rail timetable",
	"the export licensing system", "the emergency decree",
	"the coalition agreement", "the municipal budget",
	"the regulatory sandbox", "the fishing quota", "the housing program",
	"the investment code", "the customs tariff",
	"the public-private partnership", "the anti-corruption strategy",
	"the national adaptation plan", "the medium-term fiscal framework",
};

static const char *const past_verbs[] = {
	"underestimated", "reshaped", "complicated", "postponed", "reopened",
	"redrew", "stalled", "accelerated", "politicized", "quietly rewrote",
	"tested", "delayed", "weakened", "strengthened", "suspended",
	"extended", "challenged", "watered down", "renegotiated", "ignored",
	"defended", "inherited", "announced", "overhauled",
};

static const char *const times[] = {
	"last spring", "over the past decade", "since the last election",
	"this year", "in the past eighteen months", "after the budget crisis",
	"during the last parliament", "over the winter", "in recent years",
	"since the reform began", "two years ago", "before the last census",
};

static const char *const regions[] = {
	"Valdoria", "Tesselia", "Kaldovar", "Ostrelund", "Vireska",
	"Pellandra", "Corvanis", "Brevania", "Quillon", "Nareth", "Lusenne",
	"Dravik", "Montrave", "Calvessa", "Eskarra", "Sorvenia", "Amberlan",
	"Halvenia", "Veldmark", "Zarithia", "Kestria", "Dvorená",
	"the Serin Basin", "the Halden Strait", "the Amaranth Coast",
	"the Tolvar Highlands", "the Isvarin Delta", "the Eastmarch",
	"the Greywater Corridor", "the Varsk Plateau",
};

static const char *const subtitles[] = {
	"{J} Lessons From {R}", "What Comes Next", "A {J} Agenda",
	"Notes on a {J} Compromise", "Who Pays, and Who Decides",
	"The View From {C}", "Between {T} and {T}", "A Reform Agenda for {R}",
	"The Limits of {O}", "Reading the {E}", "A {J} Balance",
	"How the {E} Changed the Debate",
};

static const char *const topics[] = {
	"energy security", "grid reform", "trade policy", "customs reform",
	"border management", "electoral reform", "local government",
	"public procurement", "water management", "port infrastructure",
	"rail investment", "fiscal decentralization", "food security",
	"migration policy", "judicial independence", "defense spending",
	"critical-minerals policy", "digital government", "pension reform",
	"housing supply", "climate adaptation", "fisheries management",
	"sanctions policy", "anti-corruption work", "regional integration",
	"coalition politics", "central bank independence", "grain trade",
	"hydropower", "gas transit", "cybersecurity", "maritime security",
	"public health capacity", "tax administration",
	"civil service reform", "media freedom", "land reform",
	"industrial policy", "youth unemployment", "rural broadband",
	"flood defense", "energy subsidy reform", "urban transport",
	"debt management", "police reform", "school funding", "wind power",
	"cross-border trade",
};

static const char *const verbs[] = {
	"fund", "reform", "regulate", "rethink", "protect", "renegotiate",
	"coordinate", "monitor", "defend", "expand", "revisit", "simplify",
	"stabilize", "publish", "audit", "enforce", "phase out", "reprice",
	"scale back", "streamline", "delay",
};

static const char *const numbers[] = {
	"two", "three", "four", "five", "six", "seven", "ten",
};

static const char *const verdicts[] = {
	"patchy", "mixed", "modest", "hard to measure", "uneven",
	"disappointing",
};

static const char *const fields[] = {
	"Maritime", "Fiscal", "Electoral", "Energy", "Border", "Urban",
	"Agrarian", "Security", "Development", "Constitutional",
};

/*
 * The tags an article gets from the topics {T} and events {E} its title
 * and dek name (demo_gen.c), by the index of each in its table: one or
 * two each.  About fifty tags, "Energy" the largest.
 */
const char *const demo_topic_tags[][2] = {
	{ "Energy", "Security" }, { "Energy", "Infrastructure" },
	{ "Trade", NULL }, { "Trade", "Customs" }, { "Borders", NULL },
	{ "Elections", NULL }, { "Local Government", NULL },
	{ "Procurement", NULL }, { "Water", NULL },
	{ "Ports", "Infrastructure" }, { "Transport", "Infrastructure" },
	{ "Fiscal Policy", "Local Government" },
	{ "Food Security", "Agriculture" }, { "Migration", NULL },
	{ "Courts", "Rule of Law" }, { "Defense", "Security" },
	{ "Mining", NULL }, { "Digital Policy", NULL }, { "Pensions", NULL },
	{ "Housing", NULL }, { "Climate", NULL }, { "Fisheries", NULL },
	{ "Sanctions", NULL }, { "Corruption", "Rule of Law" },
	{ "Regional Integration", NULL }, { "Parties and Coalitions", NULL },
	{ "Monetary Policy", NULL }, { "Agriculture", "Trade" },
	{ "Energy", "Water" }, { "Energy", "Gas" }, { "Cybersecurity", NULL },
	{ "Maritime", "Security" }, { "Health", NULL }, { "Taxation", NULL },
	{ "Public Administration", NULL }, { "Media", NULL }, { "Land", NULL },
	{ "Industrial Policy", NULL }, { "Labor", NULL },
	{ "Digital Policy", "Rural Development" }, { "Climate", "Water" },
	{ "Energy", "Subsidies" }, { "Transport", "Cities" },
	{ "Public Debt", NULL }, { "Policing", NULL }, { "Education", NULL },
	{ "Energy", "Renewables" }, { "Trade", "Borders" },
};
const char *const demo_event_tags[][2] = {
	{ "Elections", NULL }, { "Budgets", NULL }, { "Climate", NULL },
	{ "Courts", NULL }, { "Elections", NULL }, { "Labor", "Protest" },
	{ "Climate", "Water" }, { "Borders", "Conflict" },
	{ "Public Debt", NULL }, { "Government", NULL }, { "Energy", NULL },
	{ "Conflict", NULL }, { "Protest", "Energy" }, { "Statistics", NULL },
};
_Static_assert(nitems(demo_topic_tags) == nitems(topics), "a topic's tags");
_Static_assert(nitems(demo_event_tags) == nitems(events), "an event's tags");

/*
 * The real countries the bodies compare with, and how often: a
 * sentence of demo_country_names names one ({H} is its name), one of
 * demo_country_adjectives describes ({H} is its adjective).  Each form
 * is one the gazetteer knows (test_demo_gen).  Kazakhstan and
 * Tajikistan are left out on purpose: the tests give them to articles
 * of their own.
 */
const struct demo_country demo_countries[] = {
	{ "Ukraine", "Ukrainian", 30 }, { "Türkiye", "Turkish", 26 },
	{ "India", "Indian", 22 }, { "Germany", "German", 20 },
	{ "Kenya", "Kenyan", 18 }, { "Poland", "Polish", 16 },
	{ "Nigeria", "Nigerian", 15 }, { "Indonesia", "Indonesian", 14 },
	{ "Brazil", "Brazilian", 13 }, { "Egypt", "Egyptian", 12 },
	{ "Uzbekistan", "Uzbek", 11 }, { "Vietnam", "Vietnamese", 10 },
	{ "South Africa", "South African", 10 },
	{ "Norway", "Norwegian", 9 }, { "Mexico", "Mexican", 9 },
	{ "Ethiopia", "Ethiopian", 8 }, { "Pakistan", "Pakistani", 8 },
	{ "Morocco", "Moroccan", 7 }, { "Chile", "Chilean", 7 },
	{ "Japan", "Japanese", 7 }, { "Bangladesh", "Bangladeshi", 6 },
	{ "Colombia", "Colombian", 6 }, { "Azerbaijan", "Azerbaijani", 6 },
	{ "Finland", "Finnish", 5 }, { "Kyrgyzstan", "Kyrgyz", 5 },
	{ "Ghana", "Ghanaian", 5 }, { "Estonia", "Estonian", 4 },
	{ "Moldova", "Moldovan", 4 }, { "Serbia", "Serbian", 4 },
	{ "Philippines", "Filipino", 4 }, { "Senegal", "Senegalese", 3 },
	{ "Tanzania", "Tanzanian", 3 }, { "Mongolia", "Mongolian", 3 },
	{ "Sri Lanka", "Sri Lankan", 3 }, { "Armenia", "Armenian", 3 },
	{ "Denmark", "Danish", 3 },
};
_Static_assert(nitems(demo_countries) == DEMO_NCOUNTRIES, "DEMO_NCOUNTRIES");

static const char *const country_names[] = {
	"{H} faced a similar choice a decade ago, and its answer is still "
	    "debated.",
	"Officials often cite {H} as a model, although the parallel is "
	    "looser than it looks.",
	"Negotiators from {H} have followed the debate closely.",
	"A delegation that recently returned from {H} came back more "
	    "cautious.",
	"The experience of {H} suggests that sequencing matters more than "
	    "speed.",
	"Lenders point to {H}, where a similar reform took the better part "
	    "of a decade.",
	"Trade with {H} has grown quietly, and with it the stakes.",
};

static const char *const country_adjectives[] = {
	"{H} officials, asked about the plan, declined to comment.",
	"Several {H} firms have already bid for the contracts.",
	"{H} economists have made a similar argument for years.",
	"The {H} government has watched the debate with interest.",
};

/*
 * Slot letters.  H (a country, demo_gen.c's), I (the current person's
 * surname), N (a percentage), U (a number for a URL) and Z (the site
 * name) are computed, not picked.
 */
#define WORDS(a)	{ (a), nitems(a) }
const struct demo_words demo_slots[26] = {
	['A' - 'A'] = WORDS(actors),
	['B' - 'A'] = WORDS(abstracts),
	['C' - 'A'] = WORDS(cities),
	['D' - 'A'] = WORDS(news_verbs),
	['E' - 'A'] = WORDS(events),
	['F' - 'A'] = WORDS(figures),
	['G' - 'A'] = WORDS(claims),
	['J' - 'A'] = WORDS(adjectives),
	['K' - 'A'] = WORDS(contrib_roles),
	['L' - 'A'] = WORDS(staff_roles),
	['M' - 'A'] = WORDS(modals),
	['O' - 'A'] = WORDS(objects),
	['P' - 'A'] = WORDS(past_verbs),
	['Q' - 'A'] = WORDS(times),
	['R' - 'A'] = WORDS(regions),
	['S' - 'A'] = WORDS(subtitles),
	['T' - 'A'] = WORDS(topics),
	['V' - 'A'] = WORDS(verbs),
	['W' - 'A'] = WORDS(numbers),
	['X' - 'A'] = WORDS(fields),
	['Y' - 'A'] = WORDS(verdicts),
};

/* Body sentences: at most ~45 words each, so a paragraph stays in range. */
static const char *const sentences[] = {
	"{A} {P} {O} {Q}, and the consequences for {T} are still "
	    "unfolding.",
	"In {R}, {T} has become a test of whether {A} can deliver on {O}.",
	"The overlooked part of the story is that {T} was never only a "
	    "technical question.",
	"Officials in {C} describe {T} as a priority, but the budget "
	    "figures tell a different story.",
	"{Q}, {A} {P} {O}.",
	"{F} rose by {N} percent {Q}, a figure that few analysts expected.",
	"Critics argue that {G}.",
	"Supporters of the approach reply that {G}, and that the "
	    "alternatives are worse.",
	"None of this means that {T} is doomed in {R}.",
	"What {R} lacks is not money but a credible framework for {T}.",
	"The comparison with {R} is instructive.",
	"There, {A} {P} {O}, and {F} fell by {N} percent within {W} years.",
	"A careful reading of the evidence suggests that {G}.",
	"Interviews in {C} and {C} point to the same problem: nobody owns "
	    "{T}.",
	"It is tempting to blame {A}, but the deeper cause lies in {O}.",
	"The {E} changed the arithmetic of {T} almost overnight.",
	"For {A}, the lesson of the {E} is that {T} cannot be postponed "
	    "indefinitely.",
	"Much depends on whether {A} can {V} {O} without reopening the "
	    "debate on {T}.",
	"Budget documents show that spending on {T} fell by {N} percent "
	    "{Q}.",
	"Few observers in {C} expected {T} to dominate the campaign.",
	"The {J} truth is that {T} in {R} depends on {O} more than on any "
	    "single law.",
	"A senior official in {C}, speaking on background, put it bluntly: "
	    "{O} was never designed for {T}.",
	"{R} offers a {J} counterexample.",
	"Donors have spent heavily on {T}, yet the results remain {Y}.",
	"Any serious plan will have to reconcile {T} with {T}.",
	"This is where {T} and {T} meet, and where {A} {M} {V} {O}.",
	"Local observers see {T} less as a policy than as a bargaining chip "
	    "between {A} and {A}.",
	"Were {A} to {V} {O}, {R} could become a model for its neighbors.",
	"The risk is that {T} becomes hostage to the next {E}.",
	"Meanwhile, {A} {P} {O}, which complicated matters further.",
	"That matters because {T} shapes everything from {T} to {T}.",
	"In practice, {O} is where {T} succeeds or fails.",
	"The record of the past {W} years is {Y} at best.",
	"Residents of {C} have heard promises about {T} before.",
	"For now, {A} {M} {V} {O} and hope that {F} stabilizes.",
	"The debate over {T} in {R} is, at bottom, a debate about who "
	    "decides.",
	"Without reliable data on {T}, even {J} reforms risk being judged "
	    "too early.",
	"The {E} exposed how thin the margin for error had become.",
	"{R} and {R} took different paths after the {E}.",
	"Nobody in {C} disputes that {O} needs work; the argument is about "
	    "sequencing.",
	"Part of the answer lies in {T}, which rarely makes headlines.",
	"As one economist in {C} noted, {F} is a political number as much "
	    "as an economic one.",
	"Reformers in {R} have learned to move quietly, one small step at a "
	    "time.",
	"The {E} also revealed gaps in {T}.",
	"Seen from {C}, the national debate about {T} looks abstract.",
};

_Static_assert(nitems(sentences) <= DEMO_SENTENCES_MAX,
    "a bit per sentence in demo_gen.c's g->used");

static const char *const link_sentences[] = {
	"A recent [briefing on {T}](https://example.org/briefings/{U}) sets "
	    "out the numbers in detail.",
	"The [full data set](https://example.org/data/{U}) is published "
	    "alongside this article.",
	"An earlier [report from {C}](https://example.org/reports/{U}) "
	    "reached a similar conclusion.",
	"Readers can compare the figures with the [regional dashboard]"
	    "(https://example.org/dashboards/{U}).",
};

static const char *const headings[] = {
	"The {J} {B}", "What {R} Can Teach", "Where the Money Goes",
	"{T} After the {E}", "The View From {C}", "Open Questions",
	"Risks and Trade-Offs", "The Case of {R}", "Who Pays?", "Beyond {T}",
	"The Road Ahead", "Lessons From {C}", "A Note on the Data",
	"What Has Changed", "The Politics of Delay",
};

static const char *const list_leads[] = {
	"Several priorities stand out:", "A workable package would include:",
	"At a minimum, reform would need:",
	"The evidence points to a short list:",
};

static const char *const list_items[] = {
	"a clear timetable for {T}", "independent audits of {O}",
	"stable funding for {T} in {R}",
	"regular consultation with {A}", "transparent rules for {T}",
	"quarterly reporting on {F}",
	"a sunset clause for {O}", "better data on {T} in {C}",
	"a single agency accountable for {T}",
	"a review of {O} after {W} years",
};

static const char *const titles_analysis[] = {
	"The {B} of {T}", "The {B} of {T} in {R}", "{T} in {R}: {S}",
	"Why {R} Needs a New Approach to {T}",
	"What {R} Gets Wrong About {T}", "The {J} Politics of {T}",
	"After the {E}: {R} and {T}", "Rethinking {T} in {R}",
	"Can {R} Afford {T}?", "Beyond {T}: {S}", "A {J} Consensus on {T}",
	"{T}, {T} and the Next {E}", "{W} Lessons From {R}'s {T} Debate",
	"How {A} Can Fix {T}", "Who Decides {T} in {R}?",
	"The {J} Return of {T}", "{R} Between {T} and {T}",
	"Is {T} in {R} Running Out of Time?",
	"The Hidden Cost of {O} in {R}",
};

static const char *const titles_field[] = {
	"Letter From {C}: {S}", "Dispatch From {C}: {T} on the Ground",
	"{C} Notebook: {S}", "On the Road in {R}: {S}",
	"In {C}, {T} Waits for the {E}", "In {C}, {T} Meets the {E}",
	"Field Notes From {R}: {T} and the {E}",
	"Along {R}'s Border, {T} Takes Shape",
	"Inside {C}'s Fight Over {O}",
};

static const char *const titles_brief[] = {
	"Policy Brief: {T} in {R}", "Options for {T} in {R}",
	"A {W}-Point Plan for {T} in {R}",
	"Financing {T}: {W} Options for {R}",
	"Designing {O}: A Brief for {A}", "Getting {T} Right in {R}",
	"{T}: What {A} Should Do Now",
};

static const char *const titles_comment[] = {
	"The Trouble With {T} in {R}", "In Defense of {O}: {S}",
	"{T} in {R} Deserves a Better Debate",
	"Stop Pretending {T} in {R} Is Cheap", "A Reply on {T}: {S}",
	"{R} Is Getting {T} Wrong", "The {J} Case Against {O} in {R}",
	"Why I Changed My Mind on {T} in {R}",
	"{T} Is Not a Luxury for {R}",
};

static const char *const titles_digest[] = {
	"{R} {D} {O}", "Digest: {R} {D} {O}",
	"The Fortnight in {T}: {R} {D} {O}",
	"Briefing: {T} in {R} After the {E}", "In Brief: {R}, {R} and {T}",
};

static const char *const deks[] = {
	"{A} {P} {O}; the harder question is who pays for {T}.",
	"A close look at {T} in {R} suggests that {G}.",
	"{W} years after the {E}, {R} is still arguing about {T}.",
	"{R}'s experience with {T} holds {J} lessons for its neighbors.",
	"Why the fight over {O} in {R} is really about {T}.",
	"The {E} exposed the limits of {T}, and {A} {M} {V} {O}.",
	"What {C} can teach {R} about {T}.",
	"On {T}, the gap between promise and delivery in {R} is widening.",
	"Reform of {O} looks {J} on paper; in {C}, it looks different.",
	"An argument for treating {T} as a question of {T}.",
	"{T} in {R} is less {J} than it looks, and more {J} than critics say.",
};

static const char *const deks_digest[] = {
	"Also in this digest: {R} {D} {O}, and {A} {P} {O}.",
	"The fortnight in brief, from {C} to {C}.",
	"Short notes on {T}, {T} and the {E}.",
};

static const char *const themes[] = {
	"{T} and the {J} State", "The Politics of {T}", "{R} at a Crossroads",
	"Power, Water and {T}", "Borders and Budgets", "{T} Under Pressure",
	"The {J} Decade", "After the {E}", "Cities, Ports and {T}",
	"Money, Votes and {T}", "The Long Road to {T}", "{T} Reconsidered",
};

const struct demo_section demo_sections[] = {
	{ "analytical-articles", "Analytical Articles",
	    "Long-form analysis of policy choices, with the evidence behind "
	    "them.", 30, 0, WORDS(titles_analysis), WORDS(deks) },
	{ "field-reports", "Field Reports",
	    "Dispatches from correspondents and researchers on the ground.",
	    20, 0, WORDS(titles_field), WORDS(deks) },
	{ "policy-briefs", "Policy Briefs",
	    "Short, practical options papers for decision makers.", 15, 0,
	    WORDS(titles_brief), WORDS(deks) },
	{ "commentary", "Commentary",
	    "Argument and opinion from staff and contributors.", 20, 0,
	    WORDS(titles_comment), WORDS(deks) },
	{ "news-digest", "News Digest",
	    "The fortnight's developments in brief.", 15, 1,
	    WORDS(titles_digest), WORDS(deks_digest) },
};

static const char *const site_names[] = {
	"The Meridian Policy Review", "The Lantern Review",
	"The Keystone Policy Review", "The Northgate Review of Public Affairs",
	"The Causeway Review", "The Quayside Policy Journal",
};

static const char *const taglines[] = {
	"Independent analysis of energy, trade, security and governance, "
	    "every other Wednesday.",
	"Evidence-first writing on the policies that shape {R} and its "
	    "neighbors.",
	"Field reports and analysis on {T}, {T} and the business of "
	    "government.",
	"Long reads and short briefs for people who make, study and "
	    "question public policy.",
};

static const char *const about[] = {
	"{Z} is an independent journal of policy analysis, published every "
	    "other Wednesday. It covers {T}, {T} and {T} in {R}, {R} and the "
	    "wider region, and it prefers evidence to slogans: each article "
	    "is edited for clarity and checked against public data.",
	"Every issue brings together **analytical articles**, *field "
	    "reports* from correspondents in places such as {C} and {C}, "
	    "short policy briefs and a digest of the fortnight's news. "
	    "Contributors write in a personal capacity. {Z} is fictional: it "
	    "was generated for demonstrations, and any resemblance to real "
	    "places, people or publications is coincidental.",
};

static const char *const first_names[] = {
	"Alia", "Tomas", "Ines", "Mara", "Jonah", "Leila", "Ravi", "Nadia",
	"Elias", "Sofia", "Idris", "Hana", "Marek", "Amara", "Theo", "Lucia",
	"Kofi", "Yara", "Anton", "Mirela", "Dario", "Esme", "Farid", "Greta",
	"Hugo", "Ilse", "Joaquim", "Katya", "Lionel", "Noor", "Oskar",
	"Priya", "Rosa", "Samir", "Talia", "Viktor", "Wen", "Zoë", "Renée",
	"Søren", "Aurélie", "Tomáš", "Ayşe", "Niamh", "Emeka", "Mateo",
	"Ingrid", "Pavel", "Chiara", "Dmitri",
};

static const char *const surname_heads[] = {
	"Var", "Hal", "Mor", "Kess", "Lind", "Ost", "Bran", "Cal", "Dov",
	"Esk", "Fen", "Gal", "Hart", "Iver", "Jar", "Kal", "Lom", "Mar",
	"Nor", "Orl", "Pell", "Quar", "Rav", "Sel", "Tor", "Ulm", "Vel",
	"Wex", "Zan",
};

static const char *const surname_tails[] = {
	"enko", "vorsen", "ados", "ström", "ović", "anu", "etti", "mann",
	"ski", "ida", "ley", "court", "ier", "avi", "ova", "oux", "berg",
	"ard", "ton", "ez", "ak", "elli", "by", "quist",
};

static const char *const affiliations[] = {
	"the University of {C}", "the {C} School of Government",
	"the Institute of Public Affairs in {C}",
	"the Center for {X} Studies in {C}", "the Policy Institute of {R}",
	"the {X} Research Unit at the University of {C}",
};

static const char *const bio_staff[] = {
	" and writes on {T} and {T}.", ", covering {T} in {R} and {R}.",
	" and edits the journal's coverage of {T}.",
};

static const char *const bio_staff_more[] = {
	"{I} previously reported from {C} for {W} years.",
	"Before joining the journal, {I} worked on {O} for {A}.",
	"{I} is writing a book about {T} in {R}.",
};

static const char *const bio_contrib[] = {
	", working on {T} in {R}.", " who writes on {T}.",
	" who studies {T} and {T}.",
};

static const char *const bio_contrib_more[] = {
	"{I} has advised {A} on {O}.",
	"{I} has done fieldwork in {C} and {C}.",
	"{I}'s recent work compares {T} in {R} and {R}.",
};

static const char *const pub_titles_research[] = {
	"{T} and {T}: Evidence From {R}", "Measuring {T} in {R}",
	"The Effect of {O} on {T}", "Who Benefits From {T}? Evidence From {C}",
	"{T} and Political Trust in {R}",
	"Institutions and {T}: A Comparative Study",
};
static const char *const pub_titles_analysis[] = {
	"What the {E} Means for {T}", "{R}'s {T} Gamble",
	"A Closer Look at {O}", "{T} in {R}: {W} Scenarios",
	"Reading the {E} in {R}",
};
static const char *const pub_titles_oped[] = {
	"{R} Should Stop Ignoring {T}", "The {E} Is a Warning About {T}",
	"It Is Time to Rethink {O}", "Give {C} a Say on {T}",
	"{T} Needs Patience, Not Slogans",
};
static const char *const pub_titles_book[] = {
	"{T}: A History", "The {J} Republic: {T} in {R}",
	"Borderlands: {T} and the State in {R}",
	"Grids and Governments: {T} in {R}", "The Price of {T}",
	"After the {E}: Politics and Policy in {R}",
};

static const char *const pub_sums_research[] = {
	"Uses new data from {C} to show that {G}.",
	"Estimates how {O} affected {T} across {R}.",
	"A comparative study of {T} in {R} and {R}.",
};
static const char *const pub_sums_analysis[] = {
	"Argues that {G}.",
	"Sets out what the {E} changes for {T} in {R}.",
};
static const char *const pub_sums_oped[] = {
	"Makes the case that {G}.",
	"Argues that {A} {M} {V} {O} before the next {E}.",
};
static const char *const pub_sums_book[] = {
	"A history of {T} in {R}, from the {E} to the present.",
	"Traces how {A} shaped {T} in {R} over {W} decades.",
};

static const char *const venues_research[] = {
	"The Serin Journal of Political Economy",
	"Quarterly Review of Basin Studies",
	"Tesselian Review of Public Administration",
	"Journal of Littoral Governance", "Halden Papers in Economics",
};
static const char *const venues_analysis[] = {
	"The Harbor Brief", "Northfield Monitor", "Policy Lantern",
	"The Eastmarch Observer", "Causeway Analysis",
};
static const char *const venues_oped[] = {
	"The Port Ambry Chronicle", "Valdoria Daily Ledger",
	"The Kelsworth Gazette", "Tarsk Evening Post",
	"The Amaranth Coast Herald",
};
static const char *const venues_book[] = {
	"Harrowgate University Press", "Linden & Vale", "Stonebridge Books",
	"Kelsworth University Press", "Quayside Editions",
};

const struct demo_pub_type demo_pub_types[] = {
	{ "research-paper", "Research Paper", 30, WORDS(pub_titles_research),
	    WORDS(pub_sums_research), WORDS(venues_research) },
	{ "analysis", "Analysis", 30, WORDS(pub_titles_analysis),
	    WORDS(pub_sums_analysis), WORDS(venues_analysis) },
	{ "op-ed", "Op-ed", 25, WORDS(pub_titles_oped), WORDS(pub_sums_oped),
	    WORDS(venues_oped) },
	{ "book", "Book", 15, WORDS(pub_titles_book), WORDS(pub_sums_book),
	    WORDS(venues_book) },
};

const struct demo_link demo_links[] = {
	{ "Open Budget Data Portal", "https://example.org/data/budgets",
	    "Line-item budget data for central and provincial government, "
	    "updated quarterly." },
	{ "Regional Electricity Statistics",
	    "https://example.net/energy/statistics",
	    "Generation, tariffs and outages by province." },
	{ "Archive of Parliamentary Records",
	    "https://example.com/parliament/archive",
	    "Searchable transcripts of debates and committee hearings." },
	{ "Trade Flows Explorer", "https://example.org/trade/explorer",
	    "Monthly imports and exports by partner and product." },
	{ "Election Results Atlas", "https://example.net/elections/atlas",
	    "Results at polling-station level since the first multiparty "
	    "vote." },
	{ "Ports and Shipping Monitor", "https://example.com/ports",
	    "Throughput, berth occupancy and concession documents." },
	{ "Water Basin Observatory", "https://example.org/water/basins",
	    "River flows, reservoir levels and drought alerts." },
	{ "Public Procurement Register", "https://example.net/procurement",
	    "Tenders, awards and contract amendments." },
};

static const char *const event_titles[] = {
	"Roundtable: {T} in {R}", "Panel: {T} After the {E}",
	"Seminar: Measuring {T}", "Workshop: Data for {T}",
	"Public Lecture: The {B} of {T}", "Book Talk: The {J} Republic",
	"Webinar: {R} and the Future of {T}", "Launch: {W} Ideas for {T}",
};

static const char *const event_places[] = {
	"Online", "Online", "Harbor Hall, {C}", "The Old Customs House, {C}",
	"{C} School of Government, Room 4", "Public Library, {C}",
	"Council Chamber, {C}", "Lindgrave Conference Center",
};

static const char *const event_more[] = {
	"Registration is free and opens four weeks before the event.",
	"A recording will be published afterwards.",
	"Seats are limited; please register in advance.",
};

_Static_assert(nitems(demo_sections) == DEMO_NSECTIONS, "DEMO_NSECTIONS");
_Static_assert(nitems(demo_pub_types) == DEMO_NPUB_TYPES, "DEMO_NPUB_TYPES");
_Static_assert(nitems(demo_links) == DEMO_NLINKS, "DEMO_NLINKS");

/* The lists demo_gen.c picks from by name. */
const struct demo_words demo_sentences = WORDS(sentences);
const struct demo_words demo_link_sentences = WORDS(link_sentences);
const struct demo_words demo_headings = WORDS(headings);
const struct demo_words demo_list_leads = WORDS(list_leads);
const struct demo_words demo_list_items = WORDS(list_items);
const struct demo_words demo_themes = WORDS(themes);
const struct demo_words demo_site_names = WORDS(site_names);
const struct demo_words demo_taglines = WORDS(taglines);
const struct demo_words demo_about = WORDS(about);
const struct demo_words demo_first_names = WORDS(first_names);
const struct demo_words demo_surname_heads = WORDS(surname_heads);
const struct demo_words demo_surname_tails = WORDS(surname_tails);
const struct demo_words demo_affiliations = WORDS(affiliations);
const struct demo_words demo_bio_staff = WORDS(bio_staff);
const struct demo_words demo_bio_staff_more = WORDS(bio_staff_more);
const struct demo_words demo_bio_contrib = WORDS(bio_contrib);
const struct demo_words demo_bio_contrib_more = WORDS(bio_contrib_more);
const struct demo_words demo_event_titles = WORDS(event_titles);
const struct demo_words demo_event_places = WORDS(event_places);
const struct demo_words demo_event_more = WORDS(event_more);
const struct demo_words demo_country_names = WORDS(country_names);
const struct demo_words demo_country_adjectives = WORDS(country_adjectives);
