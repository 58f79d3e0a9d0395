#!/usr/bin/env bash
# bench/index_chain_race.sh -- an npidx chain walk paused between two pages
# (under gdb) while VACUUM unlinks pages of the chain and a bulk insert
# reuses them
#
# Usage: scripts/with-server.sh bench/index_chain_race.sh [SCENARIO...]
#   (default: unlinked other same both spurious pending; needs gdb and root or
#   ptrace rights over the server's backends)
# A lookup reads a bucket chain a page at a time, holding only a pin on the
# page before (NpidxProbeChain).  A table of 16,297 rows, one-hash
# fingerprints in two buckets of 16 (rows interleaved, so that no row-list
# page empties), gets a 6-page chain; the rows of chosen pages are deleted,
# a lookup starts and gdb stops it with the page before (P) pinned and the
# next (Q) not yet locked, then runs:
#   unlinked  VACUUM: Q is unlinked (deleted page)
#   other     ... and reused by a bulk insert in another bucket's chain
#   same      ... and reused in the same chain, after the head
#   both      P and Q unlinked: the walk starts again from the head
#   spurious  P and Q unlinked; the lookup goes on, finds Q deleted and is
#             stopped again before it locks P again; a bulk insert reuses
#             Q then P in the same chain (head -> P -> Q): P still links
#             to Q (robust4's walk raised "block Q is not in bucket 0")
#   pending   the same for a pending list (NpidxPendingScanList): a list of
#             one page A, the lookup stopped before it locks A; a merge
#             frees A; stopped again before it locks the metapage again,
#             a new pending list takes A (robust4 raised "block A is not a
#             pending-list page")
# Each prints the chain before and after, the DEBUG2 line of a walk that
# met a page unlinked under it, and the lookup's count against a seq scan's
# (taken before the lookup; VACUUM removes only rows the lookup cannot
# see); exits non-zero when any differs or the lookup fails.
set -uo pipefail
cd "$(dirname "$0")/.."
SRC=src/index/npidx_scan.c
# the lines where a walk is stopped: the interrupt check between two pages,
# and the page before locked again after a page not of the bucket
L1=$(awk '/^NpidxProbeChain\(/ { f = 1 } f && /CHECK_FOR_INTERRUPTS\(\);/ { print NR; exit }' $SRC)
L2=$(awk '/UnlockReleaseBuffer\(nbuf\);/ { getline; print NR; exit }' $SRC)
# the same in the walk of a pending list
PSRC=src/index/npidx_pending.c
L3=$(awk '/^NpidxPendingScanList\(/ { f = 1 } f && /CHECK_FOR_INTERRUPTS\(\);/ { print NR; exit }' $PSRC)
L4=$(awk '/UnlockReleaseBuffer\(nbuf\);/ { getline; print NR; exit }' $PSRC)
W=$(mktemp -d)
chmod 777 "$W"
trap 'rm -rf "$W"' EXIT
export PGOPTIONS='-c search_path=newsprint,public'
cat > "$W/helpers.sql" <<'HELPERS'
CREATE EXTENSION IF NOT EXISTS pageinspect;
CREATE EXTENSION IF NOT EXISTS pg_freespacemap;
CREATE OR REPLACE FUNCTION u16(b bytea, o int) RETURNS int LANGUAGE sql IMMUTABLE
AS $$ SELECT get_byte(b, o) | (get_byte(b, o + 1) << 8) $$;
CREATE OR REPLACE FUNCTION u32(b bytea, o int) RETURNS bigint LANGUAGE sql IMMUTABLE
AS $$ SELECT get_byte(b, o)::bigint | (get_byte(b, o + 1)::bigint << 8) |
             (get_byte(b, o + 2)::bigint << 16) | (get_byte(b, o + 3)::bigint << 24) $$;
-- special space of an npidx page
CREATE OR REPLACE FUNCTION npage(idx regclass, blk bigint,
	OUT next bigint, OUT bucket bigint, OUT flags int, OUT nentries int)
LANGUAGE plpgsql AS $$
DECLARE p bytea := get_raw_page(idx::text, blk::int); sp int; lower int;
BEGIN
	sp := u16(p, 16); lower := u16(p, 12);
	next := u32(p, sp); bucket := u32(p, sp + 4); flags := u16(p, sp + 8);
	nentries := (lower - 24) / (CASE WHEN flags & 16 <> 0 THEN 8 ELSE 6 END);
END $$;
-- heap TIDs of the postings of a bucket page
CREATE OR REPLACE FUNCTION npage_tids(idx regclass, blk bigint) RETURNS SETOF tid
LANGUAGE plpgsql AS $$
DECLARE p bytea := get_raw_page(idx::text, blk::int); sp int; lower int; wide bool; sz int; o int; packed bigint;
BEGIN
	sp := u16(p, 16); lower := u16(p, 12); wide := u16(p, sp + 8) & 16 <> 0;
	sz := CASE WHEN wide THEN 8 ELSE 6 END;
	FOR i IN 0 .. (lower - 24) / sz - 1 LOOP
		o := 24 + i * sz;
		IF wide THEN
			RETURN NEXT format('(%s,%s)', (u16(p, o + 2)::bigint << 16) | u16(p, o + 4), u16(p, o + 6) & 2047)::tid;
		ELSE
			packed := ((u16(p, o + 2)::bigint << 16) | u16(p, o + 4)) >> 5;
			RETURN NEXT format('(%s,%s)', packed >> 6, packed & 63)::tid;
		END IF;
	END LOOP;
END $$;
-- the chain of a bucket, in order
CREATE OR REPLACE FUNCTION nchain(idx regclass, b int) RETURNS TABLE (pos int, blk bigint, nentries int)
LANGUAGE plpgsql AS $$
DECLARE cur bigint := b + 1; r record; k int := 0;
BEGIN
	WHILE cur <> 4294967295 LOOP
		r := npage(idx, cur);
		pos := k; blk := cur; nentries := r.nentries; RETURN NEXT;
		cur := r.next; k := k + 1;
		IF k > 10000 THEN RAISE 'loop'; END IF;
	END LOOP;
END $$;
CREATE OR REPLACE FUNCTION chainstr(idx regclass, b int) RETURNS text LANGUAGE sql
AS $$ SELECT string_agg(blk || '(' || nentries || ')', ' -> ' ORDER BY pos) FROM nchain(idx, b) $$;
-- buckets with postings
CREATE OR REPLACE FUNCTION nbuckets_used(idx regclass) RETURNS TABLE (b int, chain text)
LANGUAGE sql AS $$
SELECT b, chainstr(idx, b) FROM generate_series(0, 15) b WHERE (npage(idx, b + 1)).nentries > 0 OR (npage(idx, b + 1)).next <> 4294967295 $$;
HELPERS
fail=0

run()
{
S=$1
D=$W/$S
mkdir -p "$D"; chmod 777 "$D"
H="'v1:w3:k160:n1:0000000a'::fingerprint"		# bucket 0 of 16
G="'v1:w3:k160:n1:0000000b'::fingerprint"		# bucket 4
M="'v1:w3:k160:n4:0000000a0000001c0000002400000052'::fingerprint"	# 4 postings in bucket 0
P() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }
# bulk insert n rows of fp straight into the buckets (no pending-list pages)
bulk() { echo "BEGIN; SET LOCAL newsprint.npidx_defer_inserts = on;
INSERT INTO t (fp, pad) SELECT $1, 'new' FROM generate_series(1, $2);
SELECT npidx_clean_pending_list('t_fp') IS NOT NULL; COMMIT;"; }
pg() { P -c "SELECT blk FROM nchain('t_fp', 0) WHERE pos = $1"; }
delpage() { psql -X -At -c "DELETE FROM t WHERE ctid IN (SELECT npage_tids('t_fp', $1)) AND fp::text <> $G::text"; }
chain() { P -c "SELECT chainstr('t_fp', 0)"; }

P -f "$W/helpers.sql" >/dev/null 2>&1
# H and G rows interleaved (so that no row-list page empties when H rows go),
# 16297 rows: the row list's tail page has room for 1357 more
P <<SQL
DROP TABLE IF EXISTS t;
CREATE TABLE t (id serial, fp fingerprint, pad text);
ALTER TABLE t SET (autovacuum_enabled = off);
INSERT INTO t (fp, pad) SELECT CASE WHEN i % 2 = 1 AND i <= 16296 THEN $H ELSE $G END, repeat('x', 150)
FROM generate_series(1, 16297) i;
CREATE INDEX t_fp ON t USING npidx (fp) WITH (buckets = 16, fillfactor = 100);
SQL
echo "bucket 0: $(chain)"
echo "bucket 4: $(P -c "SELECT chainstr('t_fp', 4)")"

B1=npidx_scan.c:$L1
B2=npidx_scan.c:$L2
stop1=2		# let 2 hits pass: stop with P = chain page 2, next = page 3
ACT2=
case $S in
  unlinked)
    Q=$(pg 3); echo "P=$(pg 2) Q=$Q"; delpage "$Q"
    ACT1="VACUUM (INDEX_CLEANUP ON) t;" ;;
  other)
    Q=$(pg 3); echo "P=$(pg 2) Q=$Q"; delpage "$Q"
    ACT1="VACUUM (INDEX_CLEANUP ON) t;
$(bulk "$G" 1300)" ;;
  same)
    Q=$(pg 3); echo "P=$(pg 2) Q=$Q"; delpage "$Q"
    ACT1="VACUUM (INDEX_CLEANUP ON) t;
$(bulk "$M" 339)" ;;
  both)
    Q=$(pg 3); PP=$(pg 2); echo "P=$PP Q=$Q"; delpage "$Q"; delpage "$PP"
    ACT1="VACUUM (INDEX_CLEANUP ON) t;" ;;
  spurious)
    Q=$(pg 3); delpage "$Q"; P -c "VACUUM (INDEX_CLEANUP ON) t"; bulk "$M" 339 | P >/dev/null
    echo "bucket 0 now: $(chain)"
    PP=$(pg 1); Q=$(pg 2); echo "P=$PP Q=$Q"; delpage "$Q"; delpage "$PP"
    stop1=1
    ACT1="VACUUM (INDEX_CLEANUP ON) t;"
    ACT2=$(bulk "$M" 678) ;;
  pending)
    # a pending list of one page, A; the lookup stops before it locks A
    # (the metapage pinned), a merge frees A, the lookup finds it freed
    # and stops again before it locks the metapage again; a new pending
    # list takes A: the metapage links to A again
    P -c "TRUNCATE t"
    P -c "INSERT INTO t (fp, pad) SELECT $H, repeat('x', 150) FROM generate_series(1, 100)"
    P -c "REINDEX INDEX t_fp"
    P -c "INSERT INTO t (fp, pad) SELECT $H, 'p' FROM generate_series(1, 5)"
    echo "pending list head: $(P -c "SELECT u32(get_raw_page('t_fp', 0), 60)")"
    B1=npidx_pending.c:$L3
    B2=npidx_pending.c:$L4
    stop1=0
    ACT1="SELECT npidx_clean_pending_list('t_fp');"
    ACT2="INSERT INTO t (fp, pad) SELECT $H, 'q';
SELECT 'pending list head', u32(get_raw_page('t_fp', 0), 60);" ;;
esac
EXPECT=$(P -c "SET enable_indexscan=off; SET enable_bitmapscan=off; SELECT count(*) FROM t WHERE fp % $H")

for k in 1 2; do
  if [ $k = 1 ]; then A=$ACT1; else A=$ACT2; fi
  cat > "$D/act$k.sh" <<X
#!/usr/bin/env bash
echo "--- reader paused (stop $k); bucket 0: \$(psql -X -At -c "SELECT chainstr('t_fp', 0)")" >> $D/log
psql -X -At >> $D/log 2>&1 <<'Q'
$A
Q
echo "--- after: bucket 0: \$(psql -X -At -c "SELECT chainstr('t_fp', 0)")" >> $D/log
echo "--- after: bucket 4: \$(psql -X -At -c "SELECT chainstr('t_fp', 4)")" >> $D/log
echo "--- free space map: \$(psql -X -At -c "SELECT string_agg(blkno::text, ' ') FROM pg_freespace('t_fp') WHERE avail > 0")" >> $D/log
X
  chmod +x "$D/act$k.sh"
done

if [ -n "$ACT2" ]; then
  BP="break $B2
disable 2
commands 1
  shell $D/act1.sh
  disable 1
  enable 2
  continue
end
commands 2
  shell $D/act2.sh
  detach
  quit
end"
else
  BP="commands 1
  shell $D/act1.sh
  detach
  quit
end"
fi

mkfifo "$D/in"
psql -X -At < "$D/in" > "$D/out" 2>&1 &
RPID=$!
exec 3>"$D/in"
echo "SELECT pg_backend_pid(); SET enable_seqscan = off; SET client_min_messages = debug2; SELECT $H % $H;" >&3
for i in $(seq 50); do [ "$(wc -l < "$D/out")" -ge 2 ] && break; sleep 0.2; done
BPID=$(head -1 "$D/out")
cat > "$D/gdb.cmd" <<GDB
set pagination off
set breakpoint pending on
break $B1
ignore 1 $stop1
$BP
shell touch $D/gdb.ready
continue
GDB
gdb -p "$BPID" -batch -x "$D/gdb.cmd" > "$D/gdb.log" 2>&1 &
GPID=$!
for i in $(seq 100); do [ -e "$D/gdb.ready" ] && break; sleep 0.2; done
echo "SELECT 'count', count(*) FROM t WHERE fp % $H;" >&3
wait $GPID
exec 3>&-
wait $RPID
cat "$D/log"
echo "--- reader (the index scan, paused):"; grep -v "^SET\|^t$\|^[0-9]*$" "$D/out" | grep -v "DEBUG:  \(StartTransaction\|CommitTransaction\|name: \|  \)" | head -20
echo "expected (seq scan, before the reader started): $EXPECT"
GOT=$(sed -n 's/^count|//p' "$D/out")
if [ "$GOT" = "$EXPECT" ]; then echo "$S: ok"; else echo "$S: FAILED (got '$GOT')"; fail=1; fi
}

for s in ${@:-unlinked other same both spurious pending}; do
	echo "===== $s"
	run "$s"
done
exit $fail
