/*
 * demo_words: the word and phrase tables of the demo journal (see
 * demo_words.c), apart from the generator that picks from them.
 */
#ifndef OCTAVO_DEMO_WORDS_H
#define OCTAVO_DEMO_WORDS_H

#include "util/util.h"

#define DEMO_NSECTIONS		5
#define DEMO_NPUB_TYPES		4
#define DEMO_NLINKS		8
#define DEMO_SENTENCES_MAX	64	/* body sentences, a bit each */
#define DEMO_NCOUNTRIES		36

struct demo_words {
	const char *const	*v;
	size_t			 n;
};

struct demo_section {
	const char		*slug;
	const char		*name;
	const char		*description;
	unsigned		 weight;	/* share of articles */
	int			 staff_only;	/* written by staff */
	struct demo_words	 titles;
	struct demo_words	 deks;
};

struct demo_pub_type {
	const char		*slug;
	const char		*name;
	unsigned		 weight;	/* share of publications */
	struct demo_words	 titles;
	struct demo_words	 sums;
	struct demo_words	 venues;
};

struct demo_country {
	const char	*name;		/* "Ukraine" */
	const char	*adjective;	/* "Ukrainian" */
	unsigned	 weight;	/* share of the sentences naming one */
};

struct demo_link {
	const char	*name;
	const char	*url;
	const char	*description;
};

/* demo_words.c */
/* Slot tables by letter ('A' - 'A' ...); unused letters are empty. */
extern const struct demo_words		demo_slots[26];
/* Of DEMO_NSECTIONS, DEMO_NPUB_TYPES and DEMO_NLINKS entries. */
extern const struct demo_section	demo_sections[];
extern const struct demo_pub_type	demo_pub_types[];
extern const struct demo_link		demo_links[];
extern const struct demo_words		demo_sentences;
extern const struct demo_words		demo_link_sentences;
extern const struct demo_words		demo_headings;
extern const struct demo_words		demo_list_leads;
extern const struct demo_words		demo_list_items;
extern const struct demo_words		demo_themes;
extern const struct demo_words		demo_site_names;
extern const struct demo_words		demo_taglines;
extern const struct demo_words		demo_about;
extern const struct demo_words		demo_first_names;
extern const struct demo_words		demo_surname_heads;
extern const struct demo_words		demo_surname_tails;
extern const struct demo_words		demo_affiliations;
extern const struct demo_words		demo_bio_staff;
extern const struct demo_words		demo_bio_staff_more;
extern const struct demo_words		demo_bio_contrib;
extern const struct demo_words		demo_bio_contrib_more;
extern const struct demo_words		demo_event_titles;
extern const struct demo_words		demo_event_places;
extern const struct demo_words		demo_event_more;
/* Of DEMO_NCOUNTRIES entries; sentences with {H} for a name, an adjective. */
extern const struct demo_country	demo_countries[];
extern const struct demo_words		demo_country_names;
extern const struct demo_words		demo_country_adjectives;
/* Tags (one or two, else NULL) of each entry of the {T} and {E} tables. */
extern const char *const		demo_topic_tags[][2];
extern const char *const		demo_event_tags[][2];

#endif
