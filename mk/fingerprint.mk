# mk/fingerprint.mk -- fingerprint tables and fuzz harnesses
#
#   (built automatically)   src/fingerprint/phrases_data.inc: the stop words
#                           and common phrases of format version 2, from
#                           data/ (needs awk)
#   make phrases            regenerate data/phrases.txt from the Wikinews
#                           articles and data/hand/formulas.txt (python3; see
#                           data/NOTICE; changes format version 2)
#
#   make fuzz-fingerprint FUZZ_DIR=/tmp/npfuzz FUZZ_SECONDS=600
#
# builds fuzz/fingerprint_fuzz.c three times with clang's libFuzzer (the
# fingerprint core on two texts, the literal parser, and the whole pipeline
# of fingerprint(body) and shared_passages() with the text module's cleaner;
# -DNP_STANDALONE, ASan + UBSan) into FUZZ_DIR and runs each for FUZZ_SECONDS
# with seeds from test/data.  Nothing is written in the tree.

src/fingerprint/phrases_data.inc: data/stopwords.txt data/phrases.txt scripts/phrases_inc.sh
	sh scripts/phrases_inc.sh data/stopwords.txt data/phrases.txt > $@.tmp && mv $@.tmp $@

src/fingerprint/fp_evidence.o: src/fingerprint/phrases_data.inc

EXTRA_CLEAN += src/fingerprint/phrases_data.inc src/fingerprint/phrases_data.inc.tmp

.PHONY: phrases
phrases:
	python3 scripts/build_phrases.py

FUZZ_DIR ?= /tmp/newsprint-fuzz
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ_BUILD = FUZZ_CC=$(FUZZ_CC) PG_CONFIG=$(PG_CONFIG) scripts/core_cc.sh --fuzz

.PHONY: fuzz-fingerprint fuzz-fingerprint-build
fuzz-fingerprint-build:
	mkdir -p $(FUZZ_DIR)/text-corpus $(FUZZ_DIR)/literal-corpus
	$(FUZZ_BUILD) -o $(FUZZ_DIR)/fp_fuzz_text fuzz/fingerprint_fuzz.c -DFP_FUZZ_TEXT
	$(FUZZ_BUILD) -o $(FUZZ_DIR)/fp_fuzz_literal fuzz/fingerprint_fuzz.c -DFP_FUZZ_LITERAL
	$(FUZZ_BUILD) -o $(FUZZ_DIR)/fp_fuzz_pipeline fuzz/fingerprint_fuzz.c -DFP_FUZZ_PIPELINE
	cp test/data/examples/*.txt test/data/fingerprint/stories/*.txt $(FUZZ_DIR)/text-corpus/
	printf 'v1:w3:k4:n2:0000000a0000000b' > $(FUZZ_DIR)/literal-corpus/seed1
	printf 'v1:w3:k2:n9:00000001ffffffff' > $(FUZZ_DIR)/literal-corpus/seed2
	printf 'v1:w3:k160:n0:' > $(FUZZ_DIR)/literal-corpus/seed3
	printf 'v2:w3:k4:n2:0000000a0000000b:02' > $(FUZZ_DIR)/literal-corpus/seed4

fuzz-fingerprint: fuzz-fingerprint-build
	cd $(FUZZ_DIR) && ./fp_fuzz_text -max_total_time=$(FUZZ_SECONDS) -max_len=65536 text-corpus
	cd $(FUZZ_DIR) && ./fp_fuzz_literal -max_total_time=$(FUZZ_SECONDS) literal-corpus
	mkdir -p $(FUZZ_DIR)/pipeline-corpus && cp $(FUZZ_DIR)/text-corpus/* $(FUZZ_DIR)/pipeline-corpus/
	cd $(FUZZ_DIR) && ./fp_fuzz_pipeline -max_total_time=$(FUZZ_SECONDS) -max_len=65536 pipeline-corpus
