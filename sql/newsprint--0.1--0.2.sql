/* sql/newsprint--0.1--0.2.sql -- update newsprint from version 0.1 to 0.2 */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION newsprint UPDATE TO '0.2'" to load this file. \quit

/*
 * Every change to the SQL surface between 0.1 and 0.2, in blocks, one per
 * area of work, each under its own heading.  After this script the
 * extension's objects must equal those of a fresh 0.2 install (the parts
 * sql/NN_*.sql): test/sql/update.sql compares the two.  Whoever changes a
 * part sql/NN_*.sql changes this script in the same commit.
 */
