# scripts/lib.sh -- shell functions shared by newsprint's scripts
#
# Sourced by test.sh, demo.sh, psql.sh, with-server.sh and memcheck.sh.  What lives here:
#   np_deps              install the Debian packages of scripts/packages.txt
#   np_workdir           make a private temporary directory, removed on exit
#   np_build             copy the source tree there and build it
#   np_tmpinstall        install PostgreSQL + newsprint into a private prefix
#   np_cluster_start     initdb + start a throwaway cluster (unix socket only)
#   np_cluster_stop      stop it (also done by the exit trap)
#   np_as_user CMD...    run a command as the unprivileged user
#
# PostgreSQL refuses to run as root, so when these scripts run as root the
# server, the build and the tests run as the unprivileged account $NP_USER
# (default "postgres", which the Debian packages create).  Everything lives
# in one mktemp directory: concurrent runs by one or several users share
# nothing, the server listens on no TCP port, and the exit trap stops the
# server and removes the directory whatever happened.

NP_TOP=${NP_TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
NP_USER=${NP_USER:-postgres}
NP_PGVERSION=${NP_PGVERSION:-15}
# The server to build against: PostgreSQL $NP_PGVERSION's pg_config, not
# whichever version /usr/bin/pg_config happens to pick.
NP_PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/$NP_PGVERSION/bin/pg_config}
# -Wextra minus the two warnings that PostgreSQL's own idioms trigger everywhere
# (PG_FUNCTION_ARGS unused in most functions; { 0 } initialisers).
NP_CFLAGS=${NP_CFLAGS:--Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Werror}

np_say() { printf '==> %s\n' "$*" >&2; }
np_die() { printf 'error: %s\n' "$*" >&2; exit 1; }

np_is_root() { [ "$(id -u)" -eq 0 ]; }

# Run a command as the unprivileged user (as ourselves when not root).
np_as_user()
{
	if np_is_root; then
		runuser -u "$NP_USER" -- "$@"
	else
		"$@"
	fi
}

# Install whatever scripts/packages.txt lists and the machine lacks.
np_deps()
{
	local pkgs missing p
	pkgs=$(sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' \
		-e "s/@PGVERSION@/$NP_PGVERSION/g" "$NP_TOP/scripts/packages.txt")
	missing=
	for p in $pkgs; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
			missing="$missing $p"
	done
	if np_is_root && ! id "$NP_USER" >/dev/null 2>&1; then
		np_die "user $NP_USER does not exist; set NP_USER to an unprivileged account"
	fi
	[ -z "$missing" ] && return 0
	if ! np_is_root; then
		np_die "missing Debian packages:$missing
run as root (or: sudo apt-get install$missing), then try again"
	fi
	np_say "installing Debian packages:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null || np_die "apt-get update failed"
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >/dev/null ||
		np_die "apt-get install failed for:$missing"
}

# Create $NP_WORK, owned by the unprivileged user, and clean up on exit.
np_workdir()
{
	NP_WORK=$(mktemp -d "${TMPDIR:-/tmp}/newsprint.XXXXXX")
	chmod 755 "$NP_WORK"
	np_is_root && chown "$NP_USER" "$NP_WORK"
	trap np_cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
}

np_cleanup()
{
	local rc=$?
	np_cluster_stop || true
	if [ -n "${NP_KEEP:-}" ]; then
		np_say "kept $NP_WORK (NP_KEEP is set)"
	elif [ -n "${NP_WORK:-}" ] && [ -d "$NP_WORK" ]; then
		rm -rf "$NP_WORK"
	fi
	return $rc
}

# Copy the source tree (without git data and build products) to $NP_WORK/src
# and build it there as the unprivileged user.
np_build()
{
	mkdir -p "$NP_WORK/src"
	tar -C "$NP_TOP" --exclude=.git --exclude='*.o' --exclude='*.so' \
		--exclude='*.bc' --exclude=tmp_check --exclude='test/results' \
		--exclude='bench/out' --exclude='fuzz/bin' -cf - . |
		tar -C "$NP_WORK/src" -xf -
	np_is_root && chown -R "$NP_USER" "$NP_WORK/src"
	np_say "building newsprint (CFLAGS: $NP_CFLAGS)"
	np_as_user make -s -C "$NP_WORK/src" PG_CFLAGS="$NP_CFLAGS" \
		PG_CONFIG="$NP_PG_CONFIG" >"$NP_WORK/build.log" 2>&1 || {
		cat "$NP_WORK/build.log" >&2
		np_die "build failed"
	}
}

# Install a private copy of the PostgreSQL installation into $NP_WORK/inst
# (PostgreSQL finds its files relative to its binaries), then newsprint into
# it.  Nothing outside $NP_WORK is written, so no root and no locking.
np_tmpinstall()
{
	local bindir sharedir libdir
	bindir=$("$NP_PG_CONFIG" --bindir)
	sharedir=$("$NP_PG_CONFIG" --sharedir)
	libdir=$(dirname "$bindir")
	NP_INST=$NP_WORK/inst
	mkdir -p "$NP_INST$(dirname "$libdir")" "$NP_INST$(dirname "$sharedir")"
	cp -a "$libdir" "$NP_INST$(dirname "$libdir")/"
	cp -a "$sharedir" "$NP_INST$(dirname "$sharedir")/"
	np_is_root && chown -R "$NP_USER" "$NP_INST"
	NP_BIN=$NP_INST$bindir
	np_as_user make -s -C "$NP_WORK/src" install DESTDIR="$NP_INST" \
		PG_CONFIG="$NP_PG_CONFIG" >>"$NP_WORK/build.log" 2>&1 || {
		cat "$NP_WORK/build.log" >&2
		np_die "install into the private prefix failed"
	}
	export PATH="$NP_BIN:$PATH"
}

# Install newsprint into the system's PostgreSQL (needs root).
np_sysinstall()
{
	np_is_root || np_die "installing into the system PostgreSQL needs root"
	make -s -C "$NP_WORK/src" install PG_CONFIG="$NP_PG_CONFIG" \
		>>"$NP_WORK/build.log" 2>&1 || {
		cat "$NP_WORK/build.log" >&2
		np_die "make install failed"
	}
	NP_BIN=$("$NP_PG_CONFIG" --bindir)
	export PATH="$NP_BIN:$PATH"
}

# initdb and start a cluster in $NP_WORK/data, listening on a unix socket in
# $NP_WORK/sock only.  Exports PGHOST, PGPORT, PGUSER, PGDATABASE.
np_cluster_start()
{
	local extra=("$@")
	NP_DATA=$NP_WORK/data
	mkdir -p "$NP_WORK/sock"
	np_is_root && chown "$NP_USER" "$NP_WORK/sock"
	np_as_user "$NP_BIN/initdb" -D "$NP_DATA" -A trust -E UTF8 --locale=C.UTF-8 \
		-U postgres >"$NP_WORK/initdb.log" 2>&1 || {
		cat "$NP_WORK/initdb.log" >&2
		np_die "initdb failed"
	}
	# No TCP listener, so the port number only names the socket file: any
	# value is free.  Pick one at random to make logs easy to tell apart.
	PGPORT=$((20000 + RANDOM % 30000))
	np_as_user "$NP_BIN/pg_ctl" -D "$NP_DATA" -l "$NP_WORK/server.log" -w \
		-o "-c listen_addresses= -c unix_socket_directories=$NP_WORK/sock -p $PGPORT ${extra[*]}" \
		start >/dev/null || {
		cat "$NP_WORK/server.log" >&2
		np_die "the throwaway PostgreSQL did not start"
	}
	NP_STARTED=1
	export PGHOST=$NP_WORK/sock PGPORT PGUSER=postgres PGDATABASE=postgres
}

np_cluster_stop()
{
	if [ -n "${NP_STARTED:-}" ]; then
		np_as_user "$NP_BIN/pg_ctl" -D "$NP_DATA" -m immediate -w stop >/dev/null 2>&1 || true
		NP_STARTED=
	fi
}

# pg_regress prints one line per test: "ok", "FAILED" or "failed (ignored)".
np_count_regress()
{
	local log=$1 kind=$2 line name
	while IFS= read -r line; do
		# PG <= 15: "test NAME ... ok" / "     NAME ... FAILED";
		# PG >= 16: "ok 3         - NAME   12 ms" / "not ok 3 ..."
		name=$(sed -E -e 's/^(not )?ok +[0-9]+ +[+-] +//' -e 's/^ *(test +)?//' \
			-e 's/[ .].*//' <<<"$line")
		case "$line" in
			*"... ok"*|"ok "*) NP_PASSED=$((NP_PASSED + 1)) ;;
			*FAILED*|*"failed (ignored)"*|"not ok "*)
				NP_FAILED=$((NP_FAILED + 1)); NP_FAILURES+=("$kind $name") ;;
		esac
	done < <(grep -E '\.\.\. (ok|FAILED|failed)|^(not )?ok [0-9]' "$log" || true)
}

# Run the pg_regress tests of test/sql whose names match GLOB against the
# running cluster; add to NP_PASSED / NP_FAILED / NP_FAILURES.
np_run_regress()
{
	local glob=${1:-*} src=$NP_WORK/src pgxs rc before tests
	pgxs=$(dirname "$(dirname "$(dirname "$("$NP_BIN/pg_config" --pgxs)")")")
	NP_PGXS=$pgxs
	# GLOB may list several patterns separated by commas ('index,clean*')
	mapfile -t tests < <(cd "$src/test/sql" 2>/dev/null &&
		IFS=, read -ra globs <<< "$glob" &&
		for g in "${globs[@]}"; do
			for f in $g.sql; do [ -e "$f" ] && echo "${f%.sql}"; done
		done | sort -u)
	if [ ${#tests[@]} -gt 0 ]; then
		np_say "pg_regress: ${#tests[@]} tests"
		set +e
		(cd "$src" && np_as_user "$pgxs/src/test/regress/pg_regress" \
			--inputdir=test --outputdir=test --bindir="$NP_BIN" \
			--load-extension=newsprint --dbname=contrib_regression \
			"${tests[@]}") 2>&1 | tee "$NP_WORK/regress.log"
		rc=${PIPESTATUS[0]}
		set -e
		before=$NP_FAILED
		np_count_regress "$NP_WORK/regress.log" regress
		if [ "$rc" -ne 0 ] && [ "$NP_FAILED" -eq "$before" ]; then
			NP_FAILED=$((NP_FAILED + 1)); NP_FAILURES+=("regress (pg_regress exited with status $rc)")
		fi
		# Results go back to the tree (git ignores them) so that a new test's
		# output can be read and, once checked line by line, made its expected file.
		rm -rf "$NP_TOP/test/results"
		cp -r "$src/test/results" "$NP_TOP/test/results" 2>/dev/null || true
		rm -f "$NP_TOP/test/regression.diffs"
		if [ -f "$src/test/regression.diffs" ]; then
			cp "$src/test/regression.diffs" "$NP_TOP/test/regression.diffs" 2>/dev/null || true
			np_say "differences: test/regression.diffs"
		fi
	else
		np_say "pg_regress: no test matches '$glob'"
	fi
}
