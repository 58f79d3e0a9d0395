# mk/fingerprint.mk -- the common-phrase tables of fingerprint format 2
#
#   (built automatically)   src/fingerprint/phrases_data.inc: the stop words
#                           and common phrases of format version 2, from
#                           data/ (needs awk)
#   make phrases            regenerate data/phrases.txt from the Wikinews
#                           articles and data/hand/formulas.txt (python3; see
#                           data/NOTICE; changes format version 2)
#
# The fuzz targets of the fingerprint module are built by mk/fuzz.mk.

src/fingerprint/phrases_data.inc: data/stopwords.txt data/phrases.txt scripts/phrases_inc.sh
	sh scripts/phrases_inc.sh data/stopwords.txt data/phrases.txt > $@.tmp && mv $@.tmp $@

src/fingerprint/fp_evidence.o: src/fingerprint/phrases_data.inc

EXTRA_CLEAN += src/fingerprint/phrases_data.inc src/fingerprint/phrases_data.inc.tmp

.PHONY: phrases
phrases:
	python3 scripts/build_phrases.py
