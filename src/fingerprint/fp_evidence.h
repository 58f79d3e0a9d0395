/*-------------------------------------------------------------------------
 *
 * fp_evidence.h
 *	  Fingerprint format version 2: the shingles that are evidence of
 *	  copying.
 *
 * Version 2 keeps the layout, the tokenizer, the shingle hash and the
 * estimators of version 1, but samples another set: an article's evidence
 * shingles.  Each 3-word shingle of the article falls in one class:
 *
 *	 common		a shingle of function words only, or a phrase of the common
 *				phrase table (data/phrases.txt: frequent Wikinews 3-grams and
 *				agency formulas).  Never evidence.
 *	 fact		every word is a name (capitalised), a number or a function
 *				word: "Gareth Mellor, 41", "of Harpers Lane", score lines.
 *	 quoted		any of its words is inside quotation marks ("...", curly
 *				quotes, typewriter ``...'', UK single quotes).
 *	 narrative	everything else: the article's own running text.
 *
 * The evidence of an article is its narrative shingles; an article without
 * any (all quotes, a table of names and figures) falls back to its quoted
 * shingles, then to its fact shingles, so that copies of it can still be
 * found.  A shingle that occurs several times takes its best class.
 *
 * Independent reports of one event share names, numbers, formulas and the
 * quotes both reporters heard; a rewrite of the wire also shares the wire's
 * running text, which is what the evidence holds.  The design and its
 * evaluation are in fp_evidence.c and doc/fingerprint.md.
 *
 * Like fp_core.c this code sees the server only through np_port.h.
 *
 * src/fingerprint/fp_evidence.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef NP_FP_EVIDENCE_H
#define NP_FP_EVIDENCE_H

#include "fingerprint/fp_core.h"

#define NP_FP_V2_VERSION			2
#define NP_FP_V2_DEFAULT_SKETCH_SIZE 256

/*
 * Minimum evidence: a version 2 containment predicate (same_story, <%, %>,
 * is_contained) holds only if the samples share at least this many
 * evidence hashes below their common threshold.  A five-word phrase is not
 * "contained" in every article that repeats it.
 */
#define NP_FP_MIN_EVIDENCE	5

/*
 * A text with fewer evidence shingles than this takes its fact shingles as
 * evidence too (counted in nshingles), with the name bit, less those whose
 * capitalised words only continue a name begun before them.  Such a text
 * could match nothing, not even an exact copy of itself (minimum
 * evidence): a one-line notice whose company name sits in fact shingles
 * ("Dufy Corp said", "Corp said it") and whose running text is the
 * formula every company's notice shares.  So sampled, a re-send shares
 * all of it, while two companies' notices share the formula and no name:
 * "Corp said it", in every Corp's notice, is left out, and "Dufy Corp
 * said" differs (names in a brief, below).  Quoted shingles stay out while
 * the text has running text.  At NP_FP_MIN_EVIDENCE the change only adds
 * pairs to the containment predicates and same_story: every pair of two
 * other texts is decided as before.  doc/fingerprint.md, "Notices under
 * minimum evidence".
 */
#define NP_FP_FACTS_BELOW	NP_FP_MIN_EVIDENCE

/*
 * A text that has fewer evidence shingles than this even with those facts
 * (a by-election card or an earnings table: names and figures whose facts
 * mostly continue a name, little running text) takes all its other
 * shingles as well: the facts that continue a name and the quoted ones,
 * and, if it is still short, the common ones (function words only, the
 * phrase table).  Each keeps its own name bit (the facts that begin a name
 * carry it as above), and while the text has running text its quoted
 * shingles are hashed apart, so that they meet the quoted shingles of
 * another such text and not the same words in running text (two reports
 * of one statement share them).  So every text of at least
 * NP_FP_MIN_EVIDENCE distinct shingles, of whatever class, finds itself
 * (same_story, <%, %>, is_contained on (fp, fp)), while two cards or
 * tables in one formula differ where their names and figures do, and a
 * pair with a brief needs NP_FP_BRIEF_SHARE of it and names that agree.
 * Again only texts that matched nothing change.  doc/fingerprint.md,
 * "A second floor".
 */
#define NP_FP_EVERY_BELOW	NP_FP_MIN_EVIDENCE

/*
 * Briefs and strong evidence (version 2 containment predicates and
 * same_story; doc/fingerprint.md has the figures they were chosen on).  A
 * brief (a text with fewer than NP_FP_BRIEF_SHINGLES evidence shingles: a
 * one-paragraph notice, a short table) is mostly formula, so a pair that
 * holds a brief needs a share of at least NP_FP_BRIEF_SHARE, whatever
 * threshold is asked ("a brief is in another text only if most of it is
 * there").  And any side needs NP_FP_FULL_EVIDENCE shared hashes, or
 * NP_FP_BRIEF_SHARE of its compared hashes when it has too few for that:
 * a few shared formula sentences are not a copy.  One shared formula
 * sentence is about ten hashes, which 10 let through; 12 since 6 December
 * 2026 (doc/fingerprint.md, "Briefs and full evidence": 14 and 16 lose
 * more rewrites than the rule of that choice allowed).
 */
#define NP_FP_BRIEF_SHINGLES	40
#define NP_FP_BRIEF_SHARE		0.7
#define NP_FP_FULL_EVIDENCE		12

/*
 * Names in a brief (version 2 containment predicates and same_story): a
 * pair that holds a brief needs its names to agree as well.  Of the
 * compared hashes that carry the name bit (NP_FP_NAME_BIT below: the
 * shingle holds a name or a figure), the side with fewer must find at
 * least NP_FP_BRIEF_NAMES_SHARE of them, and at least one, in the other;
 * a side with none agrees with a side with none, and with a side that is
 * not a brief.  Two companies' notices in one formula share the formula,
 * not the company nor the figures; a copy keeps them, and a correction
 * changes one figure.  doc/fingerprint.md, "Names in a brief".
 */
#define NP_FP_BRIEF_NAMES_SHARE	0.25

/*
 * The subject (fp_evidence.c, "The subject"): the first name of a text's
 * lead, after a dateline or an agency's flag ("LONDON, March 10 -",
 * "URGENT:"), is in the sample as up to NP_FP_SUBJECT_KEYS subject hashes,
 * with the name bit: the words of its first run of capitalised words (at
 * most three, the last left out when there are two or three, so that
 * "Dufy Corp" gives "dufy" and "Hobart Corp" "hobart"; a source's run,
 * "(Fitch) Fitch Ratings has affirmed Dufy Corp", gives way to the next
 * run).  A subject hash
 * is below NP_FP_SUBJECT_LIMIT and every other hash of a version 2 sample
 * is at or above it, so the subject hashes are always the first of the
 * sample, and always compared.  Two companies' notices in one house
 * formula ("Dufy Corp said it has agreed in principle to sell ...") then
 * differ in their samples, where their names before "said" were no
 * evidence; a re-send, a correction or a copy keeps the lead's name.
 * doc/fingerprint.md, "The subject".
 */
#define NP_FP_SUBJECT_BITS		20
#define NP_FP_SUBJECT_LIMIT		((np_uint32) 1 << NP_FP_SUBJECT_BITS)
#define NP_FP_SUBJECT_KEYS		4
/*
 * A subject takes at most one hash in this many of a sample's capacity: in
 * a sample of 4 hashes, a subject of 4 would be all of it, and two texts
 * whose leads open with names of the same initials and lengths would be
 * similar at 1.0.  The default capacity (256) keeps all 4; under 8, none.
 */
#define NP_FP_SUBJECT_SHARE		8
/* subjects part a pair whose longer side has at most this many times the
 * shorter's evidence (a brief inside a long story is an excerpt) */
#define NP_FP_SUBJECT_RATIO		3

/*
 * The names a text holds (fp_evidence.c, "The names a text holds"): a
 * version 2 text with a subject, or that holds a name or a figure, keeps
 * a bitmap of NP_FP_NAMES_WORDS 32-bit words (fp_core.h), with the bits
 * of every name word it holds anywhere, the bits of a word being those of
 * its subject hash (its first character and its length).  Each word
 * sets two bits, from two separate runs of the hash's bits
 * (NP_FP_NAMES_BIT_OF(h, 0) and (h, 1)), and a word is named
 * only when both are set: in a company's item of five name words, a word
 * it does not hold is "maybe named" by chance once in about 180 lookups,
 * where one bit a word gave once in 26 (Orrell's and Zennor's buybacks,
 * word for word the same, kept their link so).
 */
#define NP_FP_NAMES_BITS		(NP_FP_NAMES_WORDS * 32)
/* log2 of NP_FP_NAMES_BITS: the width of the run of hash bits a probe reads */
#define NP_FP_NAMES_BIT_WIDTH	7
#define NP_FP_NAMES_PROBES		2
/*
 * Probe k reads bits 1 + k * NP_FP_NAMES_BIT_WIDTH and up of the subject
 * hash: bit 0 is NP_FP_NAME_BIT, the same in every subject hash, and the
 * runs of the probes do not overlap (bits 1-7 and 8-14).  Stored names
 * depend on these bits; fp_evidence.c checks at compile time that the
 * runs fit in the hash's NP_FP_SUBJECT_BITS.
 */
#define NP_FP_NAMES_BIT_OF(h, k) \
	(((h) >> (1 + (k) * NP_FP_NAMES_BIT_WIDTH)) % NP_FP_NAMES_BITS)
/* names part a pair (no brief of comparable length) sharing this of each side */
#define NP_FP_NAMES_SHARE		0.3
/*
 * or sharing this of each side, when the side with fewer compared figures
 * holds NP_FP_FIGURES_MIN and shares under NP_FP_NAMES_FIGURES of them
 */
#define NP_FP_NAMES_LOW			0.2
#define NP_FP_NAMES_FIGURES		0.6

/*
 * The figures a text holds (fp_evidence.c, "The figures a text holds"): a
 * version 2 text that keeps its names also keeps the figures it holds
 * (fp_core.h, NP_FP_FIGURES_TAG): a number of its text, scaled by the word
 * after it ("2.4 billion", "2,400 mln" and "2.4bn" are one figure), as a
 * 16-bit hash, the NP_FP_FIGURES_KEEP smallest.  Years, days of a month,
 * times of day and whole numbers under NP_FP_FIGURES_SMALL are no figures.
 * A pair sharing under NP_FP_FIGURES_LOW of each side's compared hashes,
 * whose side with fewer compared figures (both samples of figures cut at
 * their common threshold) holds at least NP_FP_FIGURES_MIN and shares
 * under NP_FP_FIGURES_SHARE of them with the other, is two items: a
 * version keeps its story's figures, another day's report or another
 * company's item in the formula has others.
 */
#define NP_FP_FIGURES_SMALL		10
#define NP_FP_FIGURES_LOW		0.35
#define NP_FP_FIGURES_MIN		5
#define NP_FP_FIGURES_SHARE		0.25

/*
 * Where a hash stands (fp_evidence.c, "Where a hash stands"): a version 2
 * text that keeps its names also keeps, for each hash of its sample, its
 * place (fp_core.h, NP_FP_PLACE_BITS): 0 when the shingle's first
 * occurrence is in the lead, the text's first paragraph (with the short
 * lines before it: at least NP_FP_LEAD_WORDS words, a line break ending
 * it, and at most NP_FP_PARAGRAPH_WORDS), else 1 to 7 for the later
 * paragraphs in turn (paragraph p at 1 + (p - 1) % 7; a line break ends
 * one, and NP_FP_PARAGRAPH_WORDS words without one).
 */
#define NP_FP_LEAD_WORDS		15
#define NP_FP_PARAGRAPH_WORDS	80

/*
 * Follow-ups (version 2; asked only by the story rule, story_rule.c, not by
 * same_story or the containment predicates): a later story that repeats an
 * earlier one's background paragraph word for word (the sentencing after a
 * verdict, the target's reply to a bid) shares that paragraph and no lead,
 * where an update, a trimmed copy and a rewrite share a lead or most of the
 * body.  A pair whose two fingerprints keep their places is two items when
 * it shares under NP_FP_FOLLOW_SHARE of each side's compared hashes, each
 * lead has at least NP_FP_LEAD_KNOWN compared hashes (so that a shared lead
 * would show) and shares fewer than NP_FP_LEAD_SHARED, or a phrase with the
 * other's lead (under NP_FP_LEAD_PHRASE of its hashes, at least
 * NP_FP_FOLLOW_CONCENTRATION of them in the other's lead: a reaction's own
 * lead that names the story's event again, "after the Court of Session
 * ruled that ..."), and on each side at least NP_FP_FOLLOW_CONCENTRATION of
 * the shared hashes (the subject hashes aside) lie in
 * NP_FP_FOLLOW_PARAGRAPHS places or fewer, the lead among them.
 */
#define NP_FP_FOLLOW_SHARE			0.5
#define NP_FP_LEAD_KNOWN			4
#define NP_FP_LEAD_SHARED			3
#define NP_FP_LEAD_PHRASE			(1.0 / 3.0)
#define NP_FP_FOLLOW_PARAGRAPHS		2
#define NP_FP_FOLLOW_CONCENTRATION	0.875

/*
 * A lead quoted (version 2 same_story): a round-up quotes a story's lead as
 * one paragraph among the others it summarises, and a follow-up may repeat
 * it as its background, where a version of the story shares more than its
 * lead.  A pair whose two fingerprints keep their places is two items when
 * it shares under NP_FP_FOLLOW_SHARE of each side's compared hashes, at
 * least NP_FP_FOLLOW_CONCENTRATION of the shared hashes (the subject hashes
 * aside) lie in one side's lead, that side has compared hashes after its
 * lead (a brief or an URGENT of the lead is all lead, and is the story's),
 * as many lie in one place of the other, and the other's compared hashes
 * stand in NP_FP_QUOTE_PLACES places or more: the quoted paragraph among
 * others that share nothing.
 */
#define NP_FP_QUOTE_PLACES			3

/*
 * Subjects that differ (version 2 containment predicates and same_story):
 * a pair that holds a brief and whose two samples each hold a subject
 * hash, none shared, is two items, whatever else they share: two
 * companies' notices in one formula with the same figures.  The minimum
 * evidence (NP_FP_MIN_EVIDENCE shared hashes) counts no subject hash, and
 * the names tests (NP_FP_BRIEF_NAMES_SHARE, the story rule's, npidx's
 * named keys) leave them out: a shared subject is one name, not running
 * text nor a shared particular.  A text under NP_FP_FACTS_BELOW (before
 * the floors) has no subject.
 */

/*
 * Build the version 2 sketch of text into *sk: the sketch_size smallest
 * distinct hashes of its evidence shingles (sk->hashes np_alloc'ed, NULL
 * when there is no evidence; nshingles is the number of evidence shingles).
 */
extern void NpFpBuildSketchV2(const char *text, size_t len, int shingle_words,
							  int sketch_size, NpSketch *sk);

/*
 * Words with their evidence flags, for shared_passages(): each word the
 * tokenizer reports, marked quoted, name-like or function word.
 */
#define NP_FP_WORD_QUOTED	0x01	/* inside quotation marks */
#define NP_FP_WORD_NAME		0x02	/* capitalised, or a number */
#define NP_FP_WORD_STOP		0x04	/* function word, or a single letter */
#define NP_FP_WORD_NUMBER	0x08	/* a number: begins and ends with a digit */
#define NP_FP_WORD_PROPER	0x10	/* a name or a figure: see NP_FP_NAME_BIT */

/*
 * The name bit of a version 2 sample hash.  Each hash's lowest bit says
 * whether its shingle holds a name or a figure: a word that starts with a
 * capital letter and does not open a sentence (the text, or after ".", "!"
 * or "?", except after a short capitalised word: "Mr.", "U.S."), or a word
 * that starts with a digit; not a function word (so not a single digit),
 * a month or a weekday.  The other 31 bits are the shingle's hash.  A
 * shingle that occurs several times has the bit when any occurrence has
 * it.  The story rule asks a low link to share a few hashes with the bit
 * (stories.h), the containment predicates and same_story ask the names of
 * a pair with a brief to agree (NP_FP_BRIEF_NAMES_SHARE above), and npidx
 * reads it in its query's keys.  doc/fingerprint.md, "Names in the
 * sample".
 */
#define NP_FP_NAME_BIT		0x1u

typedef struct NpFpWord
{
	np_uint64	hash;			/* word hash, as NpFpTokenize gives it */
	np_uint32	start;			/* first byte in the text (texts are under
								 * 4 GB: at most 128 MB before NFC) */
	unsigned char flags;		/* NP_FP_WORD_* */
} NpFpWord;

/* The words of text with their flags; returns the count, *words np_alloc'ed */
extern size_t NpFpEvidenceWords(const char *text, size_t len, NpFpWord **words);

/*
 * Is the shingle of these m words (hashes and flags, in text order) evidence
 * in running text, i.e. neither common nor fact nor quoted?
 */
extern bool NpFpIsNarrativeShingle(const np_uint64 *words,
								   const unsigned char *flags, int m);

/*
 * Keep the sentence pairs of shared_passages() that carry evidence: rescore
 * each match by the share of its a-sentence's narrative word pairs (not
 * both inside quotation marks, not both names, numbers or function words)
 * found in its b-sentence, and keep those with at least two such pairs and
 * a share of at least min_score.  A text with no narrative word pair at all
 * (quotes or names only) counts all its word pairs.  matches are rescored
 * and compacted in place; returns how many are kept.  Time: linear in the
 * two texts plus the matched sentences (each b-sentence is read once).
 */
extern int	NpFpFilterPassages(const char *a, size_t alen,
							   const char *b, size_t blen,
							   NpPassageMatch *matches, int nmatches,
							   double min_score);

#endif							/* NP_FP_EVIDENCE_H */
