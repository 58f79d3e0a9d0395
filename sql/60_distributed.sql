/* sql/60_distributed.sql -- newsprint install script, part 60: distributed queries */

/*
 * The functions that read a setting (the operators %, <%, %> and the
 * two-argument same_story) get npidx_support as their planner support
 * function too: it rewrites each call into its threshold-taking form with
 * the setting's value as a constant, on the node that plans the query, so
 * that the value travels with the query to postgres_fdw shards and Citus
 * workers (src/distributed.c, doc/scale-out.md).
 */
ALTER FUNCTION fingerprint_similar_op(fingerprint, fingerprint) SUPPORT npidx_support;
ALTER FUNCTION fingerprint_contained_op(fingerprint, fingerprint) SUPPORT npidx_support;
ALTER FUNCTION fingerprint_contains_op(fingerprint, fingerprint) SUPPORT npidx_support;
