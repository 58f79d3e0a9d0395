/*-------------------------------------------------------------------------
 *
 * fp_tokenize.h
 *	  The fingerprint tokenizer as an inline function, so that a caller
 *	  with a fixed word callback (the version 2 sketch) gets one loop with
 *	  the callback inlined instead of a call per word.  NpFpTokenize()
 *	  (fp_core.c) is this function with a callback pointer.
 *
 * What it computes is part of every fingerprint format (see fp_core.c):
 * the words, their hashes (64-bit FNV-1a over the folded code points,
 * finished with the splitmix64 finaliser) and their byte ranges must stay
 * exactly as they are.  Runs of ASCII letters and digits, nearly all of
 * the bytes of news text, take a table look-up and a multiply per byte;
 * everything else goes through NpUniFoldV1() one code point at a time.
 *
 * Private to src/fingerprint.
 *
 * src/fingerprint/fp_tokenize.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef NP_FP_TOKENIZE_H
#define NP_FP_TOKENIZE_H

#include "np_port.h"

#include "fingerprint/fp_core.h"
#include "text/unicode.h"

/* Bytes tokenized between two checks for interrupts */
#define FP_CHECK_EVERY		((size_t) 1 << 16)

#define FP_FNV_BASIS		UINT64_C(0xCBF29CE484222325)
#define FP_FNV_PRIME		UINT64_C(0x100000001B3)

/*
 * ASCII letters and digits folded as NpUniFoldV1() folds them (upper case
 * to lower case); 0 for every other byte.
 */
static const unsigned char np_fp_ascii_word[256] = {
	['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
	['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
	['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd', ['E'] = 'e',
	['F'] = 'f', ['G'] = 'g', ['H'] = 'h', ['I'] = 'i', ['J'] = 'j',
	['K'] = 'k', ['L'] = 'l', ['M'] = 'm', ['N'] = 'n', ['O'] = 'o',
	['P'] = 'p', ['Q'] = 'q', ['R'] = 'r', ['S'] = 's', ['T'] = 't',
	['U'] = 'u', ['V'] = 'v', ['W'] = 'w', ['X'] = 'x', ['Y'] = 'y',
	['Z'] = 'z',
	['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd', ['e'] = 'e',
	['f'] = 'f', ['g'] = 'g', ['h'] = 'h', ['i'] = 'i', ['j'] = 'j',
	['k'] = 'k', ['l'] = 'l', ['m'] = 'm', ['n'] = 'n', ['o'] = 'o',
	['p'] = 'p', ['q'] = 'q', ['r'] = 'r', ['s'] = 's', ['t'] = 't',
	['u'] = 'u', ['v'] = 'v', ['w'] = 'w', ['x'] = 'x', ['y'] = 'y',
	['z'] = 'z',
};

/*
 * Mix a 64-bit value (the splitmix64 finaliser).
 */
static inline np_uint64
np_fp_mix64(np_uint64 x)
{
	x += UINT64_C(0x9E3779B97F4A7C15);
	x = (x ^ (x >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	x = (x ^ (x >> 27)) * UINT64_C(0x94D049BB133111EB);
	return x ^ (x >> 31);
}

/*
 * Go on hashing (64-bit FNV-1a, into *h) the run of ASCII letters and digits
 * from s[i] to at most s[stop - 1], and return where it ends.  Four bytes
 * a round while four are left before stop, with no bound test between
 * them; the values are those of the byte-by-byte loop.
 */
static pg_attribute_always_inline size_t
np_fp_ascii_run(const unsigned char *s, size_t i, size_t stop, np_uint64 *h)
{
	np_uint64	x = *h;
	np_uint32	f;

	while (stop - i >= 4)
	{
		if ((f = np_fp_ascii_word[s[i]]) == 0)
			goto done;
		x = (x ^ f) * FP_FNV_PRIME;
		if ((f = np_fp_ascii_word[s[i + 1]]) == 0)
		{
			i += 1;
			goto done;
		}
		x = (x ^ f) * FP_FNV_PRIME;
		if ((f = np_fp_ascii_word[s[i + 2]]) == 0)
		{
			i += 2;
			goto done;
		}
		x = (x ^ f) * FP_FNV_PRIME;
		if ((f = np_fp_ascii_word[s[i + 3]]) == 0)
		{
			i += 3;
			goto done;
		}
		x = (x ^ f) * FP_FNV_PRIME;
		i += 4;
	}
	while (i < stop && (f = np_fp_ascii_word[s[i]]) != 0)
	{
		x = (x ^ f) * FP_FNV_PRIME;
		i++;
	}
done:
	*h = x;
	return i;
}

/*
 * Hash a shingle given as word hashes in text order (NpFpShingleHash()).
 */
static inline np_uint32
np_fp_shingle_hash(const np_uint64 *words, int m)
{
	np_uint64	h = UINT64_C(0x6A09E667F3BCC908) ^ (np_uint64) m;
	int			j;

	for (j = 0; j < m; j++)
		h = np_fp_mix64(h ^ words[j]);
	return (np_uint32) (h >> 32);
}

/*
 * Call fn(hash, start, end, arg) for each normalised word of text[0, len)
 * and return the number of words.  A word is a run of word characters
 * (NP_FOLD_WORD) and the combining marks after them; an apostrophe between
 * word characters, or a '.' or ',' between a digit and a digit, is dropped
 * and the word goes on.
 */
static pg_attribute_always_inline size_t
np_fp_tokenize_inline(const char *text, size_t len, NpWordCallback fn, void *arg)
{
	const unsigned char *s = (const unsigned char *) text;
	size_t		i = 0;
	size_t		nwords = 0;
	bool		inword = false;
	bool		lastdigit = false;
	np_uint64	h = 0;
	size_t		start = 0;
	size_t		end = 0;

	/* the text in slices of FP_CHECK_EVERY bytes, with a check before each */
	while (i < len)
	{
		size_t		stop = len - i > FP_CHECK_EVERY ? i + FP_CHECK_EVERY : len;

		NP_CHECK_FOR_INTERRUPTS();
		while (i < stop)
		{
			size_t		at = i;
			np_uint32	cp;
			np_uint32	f;
			int			cls;

			if (s[i] < 0x80)
			{
				f = np_fp_ascii_word[s[i]];
				if (f != 0)
				{
					/* a run of ASCII letters and digits, to the end of the slice */
					if (!inword)
					{
						inword = true;
						h = FP_FNV_BASIS;
						start = i;
					}
					h = (h ^ f) * FP_FNV_PRIME;
					i = np_fp_ascii_run(s, i + 1, stop, &h);
					if (i < stop && s[i] == ' ')
					{
						/*
						 * A space after it, the most common end of a word:
						 * as the separator's round below would end it.
						 */
						fn(np_fp_mix64(h), start, i, arg);
						nwords++;
						inword = false;
						i++;
						continue;
					}
					lastdigit = (s[i - 1] >= '0' && s[i - 1] <= '9');
					end = i;
					continue;
				}
				cp = s[i++];
				cls = (cp == '\'') ? NP_FOLD_APOS : NP_FOLD_SEP;
			}
			else
			{
				i += NpUtf8Decode(s + i, len - i, &cp);
				cls = NpUniFoldV1(cp, &f);
				if (cls == NP_FOLD_WORD)
				{
					if (!inword)
					{
						inword = true;
						h = FP_FNV_BASIS;
						start = at;
					}
					h = (h ^ f) * FP_FNV_PRIME;
					lastdigit = (f >= '0' && f <= '9');
					end = i;
					continue;
				}
				if (cls == NP_FOLD_SKIP)
				{
					if (inword)
						end = i;
					continue;
				}
			}

			/* a separator or an apostrophe */
			if (!inword)
				continue;
			if (i < len &&
				(cls == NP_FOLD_APOS || (lastdigit && (cp == '.' || cp == ','))))
			{
				np_uint32	nf;
				np_uint32	ncp;
				int			ncls;

				NpUtf8Decode(s + i, len - i, &ncp);
				ncls = NpUniFoldV1(ncp, &nf);
				if (ncls == NP_FOLD_WORD &&
					(cls == NP_FOLD_APOS || (nf >= '0' && nf <= '9')))
					continue;		/* joined: the word goes on */
			}
			fn(np_fp_mix64(h), start, end, arg);
			nwords++;
			inword = false;
		}
	}
	if (inword)
	{
		fn(np_fp_mix64(h), start, end, arg);
		nwords++;
	}
	return nwords;
}

#endif							/* NP_FP_TOKENIZE_H */
