/*-------------------------------------------------------------------------
 *
 * fuzz_entities.c
 *	  libFuzzer target "entities": the entity extractor on arbitrary bytes,
 *	  raw and through the cleaner, with and without a small user
 *	  dictionary; checks the result's invariants.
 *
 * fuzz/fuzz_entities.c
 *
 *-------------------------------------------------------------------------
 */
#include "np_port.h"

#include "entities/entities.h"
#include "fuzz.h"
#include "text/clean.h"

static NpGazTable user;
static bool user_ready = false;

/*
 * Build a small user dictionary once.
 */
static void
setup_user(void)
{
	static const char *const keys[] = {"Acme", "Acme Widgets", "U.S.", "Foo Bar Baz", "x"};
	static const NpEntityKind kinds[] = {NP_KIND_ORG, NP_KIND_ORG, NP_KIND_LOC, NP_KIND_PER, NP_KIND_MISC};
	NpGazKeyList list = {0};
	int			i;

	for (i = 0; i < 5; i++)
		NpGazKeyListAdd(&list, keys[i], strlen(keys[i]), keys[i], strlen(keys[i]), kinds[i]);
	NpGazTableBuildUser(&user, &list, "user");
	user_ready = true;
}

/*
 * Check the invariants of one result.
 */
static void
check(const char *text, size_t len, const NpEntityResult *r)
{
	int			i;
	int		   *count = np_alloc0(sizeof(int) * (size_t) (r->nentities + 1));

	for (i = 0; i < r->nmentions; i++)
	{
		const NpMention *m = &r->mentions[i];

		if (m->start >= m->end || m->end > len)
			abort();
		if (m->entity < 0 || m->entity >= r->nentities)
			abort();
		if (i > 0 && m->start < r->mentions[i - 1].end)
			abort();			/* mentions are ordered and disjoint */
		count[m->entity]++;
	}
	for (i = 0; i < r->nentities; i++)
	{
		const NpEntity *e = &r->entities[i];

		if (e->name == NULL || e->name[0] == '\0')
			abort();
		if (e->kind < NP_KIND_PER || e->kind > NP_KIND_MISC)
			abort();
		if (e->mentions != count[i] || e->mentions <= 0 || e->first >= len)
			abort();
	}
	(void) text;
	np_free(count);
}

/*
 * Run the extractor on one input in every mode.
 */
int
NpFuzzEntities(const uint8_t *data, size_t size)
{
	NpEntityResult r;
	NpCleanOptions opts;
	char	   *cleaned;
	size_t		clen;

	if (!user_ready)
		setup_user();

	NpExtractEntities((const char *) data, size, NULL, &r);
	check((const char *) data, size, &r);
	NpEntityResultFree(&r);

	NpExtractEntities((const char *) data, size, &user, &r);
	check((const char *) data, size, &r);
	NpEntityResultFree(&r);

	NpCleanOptionsInit(&opts);
	cleaned = NpCleanText((const char *) data, size, &opts, &clen);
	NpExtractEntities(cleaned, clen, &user, &r);
	check(cleaned, clen, &r);
	NpEntityResultFree(&r);
	np_free(cleaned);
	return 0;
}
