# Makefile for newsprint (PGXS)
#
# The install script of the current version, newsprint--$(EXTVERSION).sql,
# is assembled from the parts sql/NN_*.sql in name order, one part per
# module.  Earlier versions' install scripts are kept frozen in sql/ (as
# shipped), with one update script sql/newsprint--X--Y.sql per release, so
# that ALTER EXTENSION newsprint UPDATE works from every released version.

EXTENSION = newsprint
EXTVERSION = 0.2

MODULE_big = newsprint
SRCS = $(sort $(wildcard src/*.c src/text/*.c src/fingerprint/*.c src/entities/*.c src/index/*.c src/stories/*.c))
OBJS = $(SRCS:.c=.o)

SQL_PARTS = $(sort $(wildcard sql/[0-9]*.sql))
DATA_built = $(EXTENSION)--$(EXTVERSION).sql
# the frozen install scripts of earlier versions and every update script
DATA = $(wildcard sql/$(EXTENSION)--*.sql)
EXTRA_CLEAN = $(EXTENSION)--$(EXTVERSION).sql

# Regression tests: every file in test/sql, in name order.
REGRESS = $(sort $(basename $(notdir $(wildcard test/sql/*.sql))))
REGRESS_OPTS = --inputdir=test --outputdir=test --load-extension=$(EXTENSION)

TAP_TESTS = 1
PROVE_TESTS = $(sort $(wildcard test/t/*.pl))

# -isystem: warnings are for our code, not the server's headers.
PG_CPPFLAGS = -I$(srcdir)/src -isystem $(includedir_server) $(shell xml2-config --cflags)
SHLIB_LINK = $(shell xml2-config --libs)

PG_CONFIG ?= pg_config
# JIT bitcode would need a clang matching the server's LLVM; not worth a
# build dependency for these functions.
override with_llvm = no

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# The TAP tests share test/t/NpidxTest.pm, so that make prove_installcheck
# works alone.  PG_PROVE_FLAGS rather than PROVE_FLAGS, which is the user's
# (make prove_installcheck PROVE_FLAGS=--verbose); after the include, which
# sets both.
PG_PROVE_FLAGS += -I $(srcdir)/test/t

$(EXTENSION)--$(EXTVERSION).sql: $(SQL_PARTS)
	cat $^ > $@

# Per-area rules (fuzz harnesses, data generation) live in mk/*.mk.
-include $(sort $(wildcard mk/*.mk))

.PHONY: demo test memcheck
demo:
	scripts/demo.sh
test:
	scripts/test.sh
memcheck:
	scripts/memcheck.sh
