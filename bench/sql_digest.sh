#!/usr/bin/env bash
# bench/sql_digest.sh -- what the SQL text functions return, one digest per
# input, to compare two builds through the server (text reading, NFC and
# the result conversion included, which bench/core_identity.sh does not see)
#
# Usage: scripts/with-server.sh bench/sql_digest.sh INPUTS.tsv > OUT.tsv
#
# INPUTS.tsv is COPY text format: id, body (valid UTF-8).  In the server's
# UTF-8 database, prints one line per body:
#   id, md5 of clean(body), of fingerprint(body), of fingerprint(body,
#   false), of the version 1 fingerprint(body, true, 160, 1), of the rows
#   of entities(body) and of paragraphs(body)
# An input that raises an error prints its SQLSTATE in place of the
# digests.  Run it on two trees (a checkout of main and the working tree)
# and compare the outputs: a change meant only to make the code faster must
# leave every line as it was.
set -euo pipefail
cd "$(dirname "$0")/.."
inputs=$(realpath "$1")

psql -X -q -At -v ON_ERROR_STOP=1 <<SQL
SET search_path = newsprint, public;
SET client_min_messages = warning;
CREATE TEMP TABLE inputs (id int, body text);
\copy inputs FROM '$inputs'
CREATE FUNCTION pg_temp.digests(body text) RETURNS text
LANGUAGE plpgsql AS \$\$
BEGIN
	RETURN concat_ws(E'\t',
		md5(clean(body)),
		md5(fingerprint(body)::text),
		md5(fingerprint(body, false)::text),
		md5(fingerprint(body, true, 160, 1)::text),
		(SELECT md5(coalesce(string_agg(e::text, '|' ORDER BY e::text), ''))
		   FROM entities(body) e),
		(SELECT md5(coalesce(string_agg(p::text, '|' ORDER BY p.ordinal), ''))
		   FROM paragraphs(body) p));
EXCEPTION WHEN OTHERS THEN
	RETURN 'error ' || SQLSTATE;
END \$\$;
SELECT id || E'\t' || pg_temp.digests(body) FROM inputs ORDER BY id;
SQL
