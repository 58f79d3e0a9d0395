# mk/entities.mk -- extra rules for entity extraction (included by the Makefile)
#
#   (built automatically)   src/entities/gazetteer_data.inc, the gazetteer and
#                           lexicon of data/ as C string constants (needs awk)
#   make gazetteer          regenerate data/gazetteer.tsv and data/lexicon.txt
#                           from Debian's iso-codes, wordnet-base, wamerican
#                           and data/hand/ (python3; see data/NOTICE)
#   make score-entities     precision/recall/F1 on test/data/entities
#
# The scoring tool is built under ENTITIES_DIR (default /tmp/entities),
# never in the source tree.  The fuzz target "entities" is in mk/fuzz.mk.

ENTITIES_DIR ?= /tmp/entities

src/entities/gazetteer_data.inc: data/gazetteer.tsv data/lexicon.txt scripts/gazetteer_inc.sh
	sh scripts/gazetteer_inc.sh data/gazetteer.tsv data/lexicon.txt > $@.tmp && mv $@.tmp $@

src/entities/gazetteer.o: src/entities/gazetteer_data.inc

EXTRA_CLEAN += src/entities/gazetteer_data.inc src/entities/gazetteer_data.inc.tmp

.PHONY: gazetteer score-entities

gazetteer:
	python3 scripts/build_gazetteer.py .

score-entities: src/entities/gazetteer_data.inc
	bench/entities_score.sh
