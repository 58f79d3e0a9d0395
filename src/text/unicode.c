/*-------------------------------------------------------------------------
 *
 * unicode.c
 *	  Letter case and decimal digits for the text, fingerprint and entity
 *	  code (the inline classes are in unicode.h).
 *
 * Case comes from one table of ranges of UnicodeData.txt's simple case
 * mappings for the alphabets news is written in: Latin (ASCII, Latin-1,
 * Extended-A, the paired part of Extended-B, IPA, Extended Additional),
 * Greek, Cyrillic, Armenian and fullwidth Latin.  Within a range either
 * every letter is upper case and maps by a fixed offset, or every letter is
 * lower case, or upper and lower case alternate (even upper and odd lower,
 * or the other way round), as the Unicode blocks lay them out.  A code
 * point outside the table has no case.
 *
 * Decimal digits (general category Nd) come from a table of the first code
 * point of every run of ten: Unicode lays each script's digits out as one
 * run, zero to nine, so a digit's value is its distance from its run's
 * zero.
 *
 * src/text/unicode.c
 *
 *-------------------------------------------------------------------------
 */
#include "np_port.h"

#include "text/unicode.h"

/* How the letters of a case range are laid out */
#define CASE_UPPER		0		/* all upper case; lower = c + delta */
#define CASE_LOWER		1		/* all lower case */
#define CASE_EVEN_UPPER 2		/* even upper, odd lower (c + 1) */
#define CASE_ODD_UPPER	3		/* odd upper, even lower (c + 1) */

typedef struct CaseRange
{
	uint32		first;
	uint32		last;
	int32		delta;			/* CASE_UPPER only */
	uint8		kind;
} CaseRange;

/* Sorted by first code point, not overlapping */
static const CaseRange case_ranges[] = {
	{0x0041, 0x005A, 32, CASE_UPPER},
	{0x0061, 0x007A, 0, CASE_LOWER},
	{0x00B5, 0x00B5, 0, CASE_LOWER},	/* micro sign */
	{0x00C0, 0x00D6, 32, CASE_UPPER},
	{0x00D8, 0x00DE, 32, CASE_UPPER},
	{0x00DF, 0x00F6, 0, CASE_LOWER},
	{0x00F8, 0x00FF, 0, CASE_LOWER},
	/* Latin Extended-A */
	{0x0100, 0x012F, 0, CASE_EVEN_UPPER},
	{0x0130, 0x0130, 'i' - 0x0130, CASE_UPPER},	/* dotted capital I */
	{0x0131, 0x0131, 0, CASE_LOWER},	/* dotless i */
	{0x0132, 0x0137, 0, CASE_EVEN_UPPER},
	{0x0138, 0x0138, 0, CASE_LOWER},	/* kra */
	{0x0139, 0x0148, 0, CASE_ODD_UPPER},
	{0x0149, 0x0149, 0, CASE_LOWER},
	{0x014A, 0x0177, 0, CASE_EVEN_UPPER},
	{0x0178, 0x0178, 0x00FF - 0x0178, CASE_UPPER},	/* Y with diaeresis */
	{0x0179, 0x017E, 0, CASE_ODD_UPPER},
	{0x017F, 0x017F, 0, CASE_LOWER},	/* long s */
	/* Latin Extended-B: digraphs, then the paired letters */
	{0x01C4, 0x01C4, 2, CASE_UPPER},
	{0x01C5, 0x01C5, 1, CASE_UPPER},	/* title case */
	{0x01C6, 0x01C6, 0, CASE_LOWER},
	{0x01C7, 0x01C7, 2, CASE_UPPER},
	{0x01C8, 0x01C8, 1, CASE_UPPER},
	{0x01C9, 0x01C9, 0, CASE_LOWER},
	{0x01CA, 0x01CA, 2, CASE_UPPER},
	{0x01CB, 0x01CB, 1, CASE_UPPER},
	{0x01CC, 0x01CC, 0, CASE_LOWER},
	{0x01CD, 0x01DC, 0, CASE_ODD_UPPER},
	{0x01DD, 0x01DD, 0, CASE_LOWER},
	{0x01DE, 0x01EF, 0, CASE_EVEN_UPPER},
	{0x01F0, 0x01F0, 0, CASE_LOWER},
	{0x01F1, 0x01F1, 2, CASE_UPPER},
	{0x01F2, 0x01F2, 1, CASE_UPPER},
	{0x01F3, 0x01F3, 0, CASE_LOWER},
	{0x01F4, 0x01F5, 0, CASE_EVEN_UPPER},
	{0x01F8, 0x021F, 0, CASE_EVEN_UPPER},	/* includes Romanian S and T comma */
	{0x0222, 0x0233, 0, CASE_EVEN_UPPER},
	{0x0250, 0x0293, 0, CASE_LOWER},	/* IPA, but for the glottal stop */
	{0x0295, 0x02AF, 0, CASE_LOWER},
	/* Greek */
	{0x0386, 0x0386, 0x03AC - 0x0386, CASE_UPPER},
	{0x0388, 0x038A, 0x03AD - 0x0388, CASE_UPPER},
	{0x038C, 0x038C, 0x03CC - 0x038C, CASE_UPPER},
	{0x038E, 0x038F, 0x03CD - 0x038E, CASE_UPPER},
	{0x0390, 0x0390, 0, CASE_LOWER},
	{0x0391, 0x03A1, 32, CASE_UPPER},
	{0x03A3, 0x03AB, 32, CASE_UPPER},
	{0x03AC, 0x03CE, 0, CASE_LOWER},
	/* Cyrillic */
	{0x0400, 0x040F, 80, CASE_UPPER},
	{0x0410, 0x042F, 32, CASE_UPPER},
	{0x0430, 0x045F, 0, CASE_LOWER},
	{0x0460, 0x0481, 0, CASE_EVEN_UPPER},
	{0x048A, 0x04BF, 0, CASE_EVEN_UPPER},
	{0x04C0, 0x04C0, 0x04CF - 0x04C0, CASE_UPPER},	/* palochka */
	{0x04C1, 0x04CE, 0, CASE_ODD_UPPER},
	{0x04CF, 0x04CF, 0, CASE_LOWER},
	{0x04D0, 0x052F, 0, CASE_EVEN_UPPER},
	/* Armenian */
	{0x0531, 0x0556, 48, CASE_UPPER},
	{0x0561, 0x0587, 0, CASE_LOWER},
	/* Latin Extended Additional (Vietnamese, Welsh...) */
	{0x1E00, 0x1E95, 0, CASE_EVEN_UPPER},
	{0x1E96, 0x1E9D, 0, CASE_LOWER},
	{0x1E9E, 0x1E9E, 0x00DF - 0x1E9E, CASE_UPPER},	/* capital sharp s */
	{0x1E9F, 0x1E9F, 0, CASE_LOWER},
	{0x1EA0, 0x1EFF, 0, CASE_EVEN_UPPER},
	/* fullwidth Latin */
	{0xFF21, 0xFF3A, 32, CASE_UPPER},
	{0xFF41, 0xFF5A, 0, CASE_LOWER},
};

#define NUM_CASE_RANGES (sizeof(case_ranges) / sizeof(case_ranges[0]))

/*
 * Look c up in the case table: return 1 for an upper-case (or title-case)
 * letter, -1 for a lower-case letter, 0 for anything else, and set *lower
 * to its lower-case form (c itself unless it is upper case).
 */
int
NpUniCaseOf(uint32 c, uint32 *lower)
{
	size_t		lo = 0;
	size_t		hi = NUM_CASE_RANGES;

	*lower = c;
	while (lo < hi)
	{
		size_t		mid = (lo + hi) / 2;
		const CaseRange *r = &case_ranges[mid];

		if (c < r->first)
			hi = mid;
		else if (c > r->last)
			lo = mid + 1;
		else
		{
			bool		upper;

			if (r->kind == CASE_UPPER)
			{
				*lower = (uint32) ((int32) c + r->delta);
				return 1;
			}
			if (r->kind == CASE_LOWER)
				return -1;
			upper = (c & 1) == (r->kind == CASE_EVEN_UPPER ? 0 : 1);
			if (upper)
				*lower = c + 1;
			return upper ? 1 : -1;
		}
	}
	return 0;
}

/*
 * The zero of every run of decimal digits (general category Nd) beyond
 * ASCII, ascending: Unicode 14.0, PostgreSQL 15's version (Python's
 * unicodedata: every code point of category Nd whose decimal value is 0).
 */
static const uint32 digit_zeros[] = {
	0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6,
	0x0C66, 0x0CE6, 0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090,
	0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40,
	0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
	0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450,
	0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50,
	0x11DA0, 0x16A60, 0x16AC0, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC,
	0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0
};

#define NUM_DIGIT_ZEROS (sizeof(digit_zeros) / sizeof(digit_zeros[0]))

/*
 * The value of decimal digit c (general category Nd) beyond ASCII, 0 to 9,
 * or -1 if c is none.
 */
int
NpUniDigitValueOf(uint32 c)
{
	size_t		lo = 0;
	size_t		hi = NUM_DIGIT_ZEROS;

	/* the last zero at or below c */
	while (lo < hi)
	{
		size_t		mid = (lo + hi) / 2;

		if (digit_zeros[mid] <= c)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0 || c - digit_zeros[lo - 1] > 9)
		return -1;
	return (int) (c - digit_zeros[lo - 1]);
}
