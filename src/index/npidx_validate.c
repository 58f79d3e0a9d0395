/*-------------------------------------------------------------------------
 *
 * npidx_validate.c
 *	  amvalidate for npidx: check an operator class's operators.
 *
 * src/index/npidx_validate.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/amvalidate.h"
#include "catalog/pg_amop.h"
#include "catalog/pg_amproc.h"
#include "catalog/pg_opclass.h"
#include "catalog/pg_opfamily.h"
#include "catalog/pg_type.h"
#include "utils/lsyscache.h"
#include "utils/regproc.h"
#include "utils/builtins.h"
#include "utils/syscache.h"

#include "index/npidx.h"

/* Is typid newsprint's fingerprint type (a varlena base type of that name)? */
static bool
NpidxIsFingerprintType(Oid typid)
{
	HeapTuple	tup = SearchSysCache1(TYPEOID, ObjectIdGetDatum(typid));
	bool		ok;

	if (!HeapTupleIsValid(tup))
		return false;
	ok = ((Form_pg_type) GETSTRUCT(tup))->typtype == TYPTYPE_BASE &&
		((Form_pg_type) GETSTRUCT(tup))->typlen == -1 &&
		strcmp(NameStr(((Form_pg_type) GETSTRUCT(tup))->typname), "fingerprint") == 0;
	ReleaseSysCache(tup);
	return ok;
}

/*
 * Validate an npidx operator class: strategy numbers, purposes and
 * signatures of its operators; npidx uses no support functions.  Problems
 * are reported as INFO messages and make the result false.
 */
bool
npidxvalidate(Oid opclassoid)
{
	bool		result = true;
	HeapTuple	classtup;
	Form_pg_opclass classform;
	Oid			opfamilyoid;
	Oid			opcintype;
	char	   *opclassname;
	HeapTuple	familytup;
	Form_pg_opfamily familyform;
	char	   *opfamilyname;
	CatCList   *proclist,
			   *oprlist;
	bool		seen[NPIDX_NSTRATEGIES + 1];
	int			i;

	classtup = SearchSysCache1(CLAOID, ObjectIdGetDatum(opclassoid));
	if (!HeapTupleIsValid(classtup))
		elog(ERROR, "cache lookup failed for operator class %u", opclassoid);
	classform = (Form_pg_opclass) GETSTRUCT(classtup);
	opfamilyoid = classform->opcfamily;
	opcintype = classform->opcintype;
	opclassname = NameStr(classform->opcname);

	familytup = SearchSysCache1(OPFAMILYOID, ObjectIdGetDatum(opfamilyoid));
	if (!HeapTupleIsValid(familytup))
		elog(ERROR, "cache lookup failed for operator family %u", opfamilyoid);
	familyform = (Form_pg_opfamily) GETSTRUCT(familytup);
	opfamilyname = NameStr(familyform->opfname);

	/* the indexed type must be the fingerprint type */
	if (!NpidxIsFingerprintType(opcintype))
	{
		ereport(INFO,
				(errcode(ERRCODE_INVALID_OBJECT_DEFINITION),
				 errmsg("operator class \"%s\" of access method %s does not index the fingerprint type but %s",
						opclassname, "npidx", format_type_be(opcintype))));
		result = false;
	}

	oprlist = SearchSysCacheList1(AMOPSTRATEGY, ObjectIdGetDatum(opfamilyoid));
	proclist = SearchSysCacheList1(AMPROCNUM, ObjectIdGetDatum(opfamilyoid));

	/* npidx has no support functions */
	for (i = 0; i < proclist->n_members; i++)
	{
		HeapTuple	proctup = &proclist->members[i]->tuple;
		Form_pg_amproc procform = (Form_pg_amproc) GETSTRUCT(proctup);

		ereport(INFO,
				(errcode(ERRCODE_INVALID_OBJECT_DEFINITION),
				 errmsg("operator family \"%s\" of access method %s contains function %s with invalid support number %d",
						opfamilyname, "npidx",
						format_procedure(procform->amproc),
						procform->amprocnum)));
		result = false;
	}

	memset(seen, 0, sizeof(seen));
	for (i = 0; i < oprlist->n_members; i++)
	{
		HeapTuple	oprtup = &oprlist->members[i]->tuple;
		Form_pg_amop oprform = (Form_pg_amop) GETSTRUCT(oprtup);
		int			s = oprform->amopstrategy;
		bool		ordering = (s == NPIDX_DISTANCE_STRATEGY ||
								s == NPIDX_CONTAINS_DIST_STRATEGY);
		bool		sigok;

		if (s < 1 || s > NPIDX_NSTRATEGIES)
		{
			ereport(INFO,
					(errcode(ERRCODE_INVALID_OBJECT_DEFINITION),
					 errmsg("operator family \"%s\" of access method %s contains operator %s with invalid strategy number %d",
							opfamilyname, "npidx",
							format_operator(oprform->amopopr), s)));
			result = false;
			continue;
		}

		/* ordering strategies must be ORDER BY float8, the others search */
		if (ordering != (oprform->amoppurpose == AMOP_ORDER) ||
			(ordering && !opfamily_can_sort_type(oprform->amopsortfamily,
												 FLOAT8OID)))
		{
			ereport(INFO,
					(errcode(ERRCODE_INVALID_OBJECT_DEFINITION),
					 errmsg("operator family \"%s\" of access method %s contains invalid ORDER BY specification for operator %s",
							opfamilyname, "npidx",
							format_operator(oprform->amopopr))));
			result = false;
		}

		/* left: the fingerprint; right: a fingerprint or (fingerprint, threshold) */
		if (s >= NPIDX_SIMILAR_Q_STRATEGY && s <= NPIDX_SAME_STORY_Q_STRATEGY)
			sigok = get_typtype(oprform->amoprighttype) == TYPTYPE_COMPOSITE &&
				check_amop_signature(oprform->amopopr, BOOLOID,
									 opcintype, oprform->amoprighttype);
		else
			sigok = check_amop_signature(oprform->amopopr,
										 ordering ? FLOAT8OID : BOOLOID,
										 opcintype, opcintype);
		if (!sigok)
		{
			ereport(INFO,
					(errcode(ERRCODE_INVALID_OBJECT_DEFINITION),
					 errmsg("operator family \"%s\" of access method %s contains operator %s with wrong signature",
							opfamilyname, "npidx",
							format_operator(oprform->amopopr))));
			result = false;
		}
		seen[s] = true;
	}

	/* an operator class needs at least one search operator */
	for (i = 1; i <= NPIDX_NSTRATEGIES; i++)
	{
		if (seen[i] && i != NPIDX_DISTANCE_STRATEGY &&
			i != NPIDX_CONTAINS_DIST_STRATEGY)
			break;
	}
	if (i > NPIDX_NSTRATEGIES)
	{
		ereport(INFO,
				(errcode(ERRCODE_INVALID_OBJECT_DEFINITION),
				 errmsg("operator class \"%s\" of access method %s has no search operator",
						opclassname, "npidx")));
		result = false;
	}

	ReleaseCatCacheList(proclist);
	ReleaseCatCacheList(oprlist);
	ReleaseSysCache(familytup);
	ReleaseSysCache(classtup);

	return result;
}
