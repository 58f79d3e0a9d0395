/*-------------------------------------------------------------------------
 *
 * unicode.h
 *	  The one UTF-8 decoder and the one set of Unicode character classes
 *	  (letters, case, spaces, punctuation) and foldings that the text,
 *	  fingerprint and entity code share.  Server-independent (np_port.h).
 *
 * Inputs are UTF-8 that the SQL layer has verified and normalised to NFC
 * (see textio.h); the decoder still never reads past its input and turns an
 * invalid byte into U+FFFD, so that the standalone harnesses can feed it
 * anything.
 *
 * The classes are exact where news text needs them (case of the Latin,
 * Greek, Cyrillic and Armenian alphabets, from UnicodeData.txt's simple
 * case mappings) and approximate elsewhere: any code point outside the
 * punctuation, symbol and emoji blocks counts as a letter, so that words of
 * uncased scripts stay words.
 *
 * src/text/unicode.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef NP_UNICODE_H
#define NP_UNICODE_H

#include "np_port.h"

/*
 * Locale-independent ASCII classes of a byte (bytes >= 0x80 are never
 * matched), for the cleaner's and the fingerprint's scans of words that
 * are ASCII by definition (wire codes, month names, "MAY").
 */
#define A_DIGIT(c)	((c) >= '0' && (c) <= '9')
#define A_ALPHA(c)	(((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z'))
#define A_ALNUM(c)	(A_ALPHA(c) || A_DIGIT(c))
#define A_UPPER(c)	((c) >= 'A' && (c) <= 'Z')
#define A_LOWER(c)	((c) >= 'a' && (c) <= 'z')

/*
 * Decode one UTF-8 sequence at s (len > 0 bytes available) into *cp and
 * return the bytes it takes.  An invalid, overlong, surrogate or truncated
 * sequence decodes as U+FFFD and takes one byte.
 */
static inline size_t
NpUtf8Decode(const unsigned char *s, size_t len, uint32 *cp)
{
	unsigned char c = s[0];
	size_t		n;
	uint32		v;
	size_t		i;

	if (c < 0x80)
	{
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
	{
		n = 2;
		v = c & 0x1F;
	}
	else if (c >= 0xE0 && c <= 0xEF)
	{
		n = 3;
		v = c & 0x0F;
	}
	else if (c >= 0xF0 && c <= 0xF4)
	{
		n = 4;
		v = c & 0x07;
	}
	else
	{
		*cp = 0xFFFD;
		return 1;
	}
	if (n > len)
	{
		*cp = 0xFFFD;
		return 1;
	}
	for (i = 1; i < n; i++)
	{
		if ((s[i] & 0xC0) != 0x80)
		{
			*cp = 0xFFFD;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
		(v >= 0xD800 && v <= 0xDFFF))
	{
		*cp = 0xFFFD;
		return 1;
	}
	*cp = v;
	return n;
}

/*
 * Decode the code point that ends just before s[end] (end > start, the
 * character starting at or after start) and set *cpstart to its first byte.
 */
static inline uint32
NpUtf8DecodeLast(const char *s, size_t start, size_t end, size_t *cpstart)
{
	size_t		p = end - 1;
	uint32		c;

	while (p > start && ((unsigned char) s[p] & 0xC0) == 0x80 && end - p < 4)
		p--;
	NpUtf8Decode((const unsigned char *) s + p, end - p, &c);
	if (cpstart)
		*cpstart = p;
	return c;
}

/*
 * Count the characters of UTF-8 text s[0, len): the bytes that are not
 * continuation bytes.
 */
static inline size_t
NpUtf8Chars(const char *s, size_t len)
{
	size_t		n = 0;
	size_t		i;

	for (i = 0; i < len; i++)
		n += ((unsigned char) s[i] & 0xC0) != 0x80;
	return n;
}

/* Letter case beyond ASCII (unicode.c); use the NpUniIs... wrappers */
extern int	NpUniCaseOf(uint32 c, uint32 *lower);

/* Is c an upper-case (or title-case) letter? */
static inline bool
NpUniIsUpper(uint32 c)
{
	uint32		l;

	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	return NpUniCaseOf(c, &l) > 0;
}

/* Is c a lower-case letter? */
static inline bool
NpUniIsLower(uint32 c)
{
	uint32		l;

	if (c < 0x80)
		return c >= 'a' && c <= 'z';
	return NpUniCaseOf(c, &l) < 0;
}

/* The lower-case form of c (c itself if it has none) */
static inline uint32
NpUniToLower(uint32 c)
{
	uint32		l;

	if (c < 0x80)
		return (c >= 'A' && c <= 'Z') ? c + 32 : c;
	(void) NpUniCaseOf(c, &l);
	return l;
}

/*
 * Is c a letter?  Approximate: ASCII letters, the Latin-1 ordinal
 * indicators and micro sign, and any code point from U+00C0 up that is not
 * in a punctuation, symbol, arrow, CJK punctuation, fullwidth punctuation
 * or emoji block (combining marks count, so that a word with one stays one
 * word).
 */
static inline bool
NpUniIsLetter(uint32 c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	if (c < 0xC0)
		return c == 0xAA || c == 0xB5 || c == 0xBA;
	if (c == 0xD7 || c == 0xF7 || c == 0xFFFD)
		return false;
	if (c >= 0x2000 && c < 0x2C00)
		return false;			/* punctuation, symbols, arrows */
	if (c >= 0x2E00 && c < 0x3040)
		return false;			/* supplemental and CJK punctuation */
	if (c >= 0xFE00 && c < 0xFE70)
		return false;			/* variation selectors, small forms */
	if (c >= 0xFF00 && c < 0xFF21)
		return false;			/* fullwidth punctuation and digits */
	if (c >= 0x1F000)
		return false;			/* emoji and the like */
	return true;
}

/*
 * Is c white space: controls, the Unicode space separators, no-break
 * spaces, and the line and paragraph separators?
 */
static inline bool
NpUniIsSpace(uint32 c)
{
	if (c <= 0x20 || c == 0x7F)
		return true;
	if (c < 0x80)
		return false;
	return c <= 0xA0 ||			/* C1 controls, no-break space */
		c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
		c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
		c == 0x3000;
}

/*
 * Is c invisible and meaningless in running text (soft hyphen, zero-width
 * space, word joiner, byte order mark)?
 */
static inline bool
NpUniIsIgnorable(uint32 c)
{
	return c == 0xAD || c == 0x200B || c == 0x2060 || c == 0xFEFF;
}

/* Is c an ASCII digit? */
static inline bool
NpUniIsDigit(uint32 c)
{
	return c >= '0' && c <= '9';
}

/* Decimal digits beyond ASCII (unicode.c); use NpUniDigitValue */
extern int	NpUniDigitValueOf(uint32 c);

/*
 * The value of c if it is a decimal digit of any script (general category
 * Nd: ASCII, Arabic-Indic, Devanagari, fullwidth...), 0 to 9; -1 if not.
 */
static inline int
NpUniDigitValue(uint32 c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') ? (int) (c - '0') : -1;
	if (c < 0x660)
		return -1;
	return NpUniDigitValueOf(c);
}

/* Is c an apostrophe (straight, typographic or modifier letter)? */
static inline bool
NpUniIsApostrophe(uint32 c)
{
	return c == '\'' || c == 0x2019 || c == 0x2BC;
}

/* Does c end a sentence (. ! ? and the ellipsis)? */
static inline bool
NpUniIsSentenceEnd(uint32 c)
{
	return c == '.' || c == '!' || c == '?' || c == 0x2026;
}

/* Is c an opening quotation mark or bracket? */
static inline bool
NpUniIsOpeningPunct(uint32 c)
{
	return c == '"' || c == '\'' || c == '(' || c == '[' || c == 0x201C ||
		c == 0x2018 || c == 0xAB || c == 0x201E || c == 0x2039;
}

/* Is c a closing quotation mark or bracket? */
static inline bool
NpUniIsClosingPunct(uint32 c)
{
	return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D ||
		c == 0x2019 || c == 0xBB || c == 0x203A;
}

/*
 * Fingerprint format version 1: the folding that decides which words are
 * the same word.
 *
 * FROZEN: every stored fingerprint depends on the exact output of this
 * function for every code point.  Never change it; a different folding
 * (NpUniToLower's full case mapping, say) needs a new function and a new
 * fingerprint format version.  bench/core_identity.sh and the regression
 * test fingerprint.sql ("format version 1 is frozen") check it.
 *
 * Classify cp for the tokenizer and fold it: ASCII and Latin-1 letters lose
 * case and accents, Latin Extended-A, basic Greek and basic Cyrillic
 * letters lose case, Arabic-Indic digits become ASCII digits, fullwidth
 * ASCII becomes ASCII; apostrophes join words, combining marks are dropped,
 * punctuation, symbols and emoji separate words, and every other code point
 * is part of a word as it is.
 */
typedef enum NpFoldClass
{
	NP_FOLD_SEP = 0,			/* separates words */
	NP_FOLD_WORD,				/* part of a word */
	NP_FOLD_APOS,				/* apostrophe: dropped inside a word */
	NP_FOLD_SKIP				/* combining mark: dropped */
} NpFoldClass;

static inline NpFoldClass
NpUniFoldV1(uint32 cp, uint32 *folded)
{
	*folded = cp;
	if (cp < 0x80)
	{
		if (cp >= 'A' && cp <= 'Z')
		{
			*folded = cp + 32;
			return NP_FOLD_WORD;
		}
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
			return NP_FOLD_WORD;
		if (cp == '\'')
			return NP_FOLD_APOS;
		return NP_FOLD_SEP;
	}
	if (cp < 0xC0)
		return NP_FOLD_SEP;		/* C1 controls, Latin-1 punctuation, symbols */
	if (cp <= 0xFF)
	{
		/* Latin-1 letters: fold case, then drop the accent */
		static const char base[64] =
			"aaaaaaaceeeeiiiidnooooo\0ouuuuyts"
			"aaaaaaaceeeeiiiidnooooo\0ouuuuyty";

		if (cp == 0xD7 || cp == 0xF7)
			return NP_FOLD_SEP;
		if (cp == 0xC6 || cp == 0xE6)
			*folded = 0xE6;		/* ae ligature stays one letter */
		else if (cp == 0xDF)
			*folded = 0xDF;		/* sharp s */
		else if (cp == 0xDE || cp == 0xFE)
			*folded = 0xFE;		/* thorn */
		else
			*folded = (uint32) (unsigned char) base[cp - 0xC0];
		return NP_FOLD_WORD;
	}
	if (cp <= 0x17F)
	{
		/* Latin Extended-A: pairs of upper and lower case */
		if ((cp <= 0x137 || (cp >= 0x14A && cp <= 0x177)) && (cp & 1) == 0)
			*folded = cp + 1;
		else if (((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) &&
				 (cp & 1) == 1)
			*folded = cp + 1;
		else if (cp == 0x178)
			*folded = 0xFF;
		return NP_FOLD_WORD;
	}
	if (cp == 0x2BC)
		return NP_FOLD_APOS;	/* modifier letter apostrophe */
	if (cp >= 0x300 && cp <= 0x36F)
		return NP_FOLD_SKIP;	/* combining diacritical marks */
	if (cp >= 0x391 && cp <= 0x3A9)
	{
		*folded = cp + 0x20;
		return NP_FOLD_WORD;
	}
	if (cp == 0x3C2)
	{
		*folded = 0x3C3;		/* final sigma */
		return NP_FOLD_WORD;
	}
	if (cp >= 0x400 && cp <= 0x40F)
	{
		*folded = cp + 0x50;
		return NP_FOLD_WORD;
	}
	if (cp >= 0x410 && cp <= 0x42F)
	{
		*folded = cp + 0x20;
		return NP_FOLD_WORD;
	}
	if (cp == 0x37E || cp == 0x387 || (cp >= 0x55A && cp <= 0x55F) ||
		cp == 0x589 || cp == 0x5BE || cp == 0x5C0 || cp == 0x5C3 ||
		cp == 0x5F3 || cp == 0x5F4 || (cp >= 0x60C && cp <= 0x60D) ||
		cp == 0x61B || cp == 0x61F || (cp >= 0x66A && cp <= 0x66D) ||
		cp == 0x6D4)
		return NP_FOLD_SEP;		/* Greek, Armenian, Hebrew, Arabic punctuation */
	if (cp >= 0x660 && cp <= 0x669)
	{
		*folded = '0' + (cp - 0x660);
		return NP_FOLD_WORD;
	}
	if (cp >= 0x6F0 && cp <= 0x6F9)
	{
		*folded = '0' + (cp - 0x6F0);
		return NP_FOLD_WORD;
	}
	if (cp == 0x2019)
		return NP_FOLD_APOS;	/* right single quotation mark */
	if ((cp >= 0x2000 && cp <= 0x2BFF) ||	/* punctuation, symbols, arrows */
		(cp >= 0x2E00 && cp <= 0x2E7F) ||	/* supplemental punctuation */
		(cp >= 0x3000 && cp <= 0x303F) ||	/* CJK punctuation */
		(cp >= 0xFE10 && cp <= 0xFE1F) ||
		(cp >= 0xFE30 && cp <= 0xFE6F) ||
		cp == 0xFEFF || cp == 0xFFFD ||
		(cp >= 0x1F000 && cp <= 0x1FAFF))	/* emoji and pictographs */
		return NP_FOLD_SEP;
	if (cp >= 0xFF01 && cp <= 0xFF5E)
	{
		/* fullwidth ASCII: fold to ASCII and classify that */
		return NpUniFoldV1(cp - 0xFEE0, folded);
	}
	if (cp >= 0xFF5F && cp <= 0xFF65)
		return NP_FOLD_SEP;
	return NP_FOLD_WORD;
}

#endif							/* NP_UNICODE_H */
