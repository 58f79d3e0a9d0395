# mk/fuzz.mk -- the libFuzzer targets of the server-independent core
# (included by the Makefile).  One binary holds every target; see
# doc/testing.md#fuzzing for the targets and the figures of the last runs.
#
#   make fuzz-build                          build $(FUZZ_DIR)/np_fuzz
#   make fuzz FUZZ_TARGET=clean_plain        run one target FUZZ_SECONDS
#   make fuzz FUZZ_TARGET=clean_html FUZZ_SECONDS=3600
#   make fuzz-all                            run every target in turn
#
# Targets: clean_plain clean_html segment headline entities fp_text fp_literal
# shared_passages.  The binary is built by scripts/core_cc.sh --fuzz (clang,
# -fsanitize=fuzzer,address,undefined, -DNP_STANDALONE: no server).
# Everything is written under FUZZ_DIR, never into the source tree: the
# binary, FUZZ_DIR/TARGET/corpus (kept between runs), FUZZ_DIR/TARGET/seeds
# (copied from test/data at each run) and crash artifacts as
# FUZZ_DIR/TARGET/crash-*.  FUZZ_SECONDS=0 runs until interrupted.

FUZZ_DIR ?= /tmp/newsprint-fuzz
FUZZ_SECONDS ?= 600
FUZZ_TARGET ?= clean_plain
FUZZ_CC ?= clang
FUZZ_TARGETS = clean_plain clean_html segment headline entities fp_text fp_literal shared_passages
FUZZ_SRCS = fuzz/fuzz_main.c fuzz/fuzz_text.c fuzz/fuzz_entities.c fuzz/fuzz_fingerprint.c
FUZZ_CORE = $(filter-out %_sql.c %_init.c,$(wildcard src/text/*.c src/fingerprint/*.c src/entities/*.c))

# Seeds of each target (files of the tree; fp_literal's are written below)
FUZZ_SEEDS_clean_plain = test/data/examples/*.txt test/data/clean/*.txt test/data/wire/*.txt
FUZZ_SEEDS_clean_html = test/data/clean/*.html
FUZZ_SEEDS_segment = test/data/examples/*.txt test/data/clean/*.txt test/data/wire/*.txt
FUZZ_SEEDS_headline = test/data/examples/*.txt test/data/clean/*.txt test/data/wire/*.txt test/data/clean/*.html
FUZZ_SEEDS_entities = test/data/examples/*.txt test/data/entities/*.txt
FUZZ_SEEDS_fp_text = test/data/examples/*.txt test/data/fingerprint/stories/*.txt
FUZZ_SEEDS_fp_literal =
FUZZ_SEEDS_shared_passages = test/data/examples/*.txt test/data/fingerprint/stories/*.txt

.PHONY: fuzz fuzz-build fuzz-all

fuzz-build: $(FUZZ_DIR)/np_fuzz

$(FUZZ_DIR)/np_fuzz: $(FUZZ_SRCS) fuzz/fuzz.h $(FUZZ_CORE) $(wildcard src/*.h src/text/*.h src/fingerprint/*.h src/entities/*.h) data/gazetteer.tsv data/lexicon.txt
	mkdir -p $(FUZZ_DIR)
	FUZZ_CC=$(FUZZ_CC) PG_CONFIG=$(PG_CONFIG) scripts/core_cc.sh --fuzz -o $@ $(FUZZ_SRCS)

fuzz: fuzz-build
	@case " $(FUZZ_TARGETS) " in *" $(FUZZ_TARGET) "*) ;; \
		*) echo "FUZZ_TARGET must be one of: $(FUZZ_TARGETS)" >&2; exit 2 ;; esac
	rm -rf $(FUZZ_DIR)/$(FUZZ_TARGET)/seeds
	mkdir -p $(FUZZ_DIR)/$(FUZZ_TARGET)/corpus $(FUZZ_DIR)/$(FUZZ_TARGET)/seeds
	$(if $(FUZZ_SEEDS_$(FUZZ_TARGET)),cp $(FUZZ_SEEDS_$(FUZZ_TARGET)) $(FUZZ_DIR)/$(FUZZ_TARGET)/seeds/)
	if [ $(FUZZ_TARGET) = fp_literal ]; then cd $(FUZZ_DIR)/fp_literal/seeds && \
		printf 'v1:w3:k4:n2:0000000a0000000b' > literal1 && \
		printf 'v1:w3:k2:n9:00000001ffffffff' > literal2 && \
		printf 'v1:w3:k160:n0:' > literal3; fi
	cd $(FUZZ_DIR)/$(FUZZ_TARGET) && NP_FUZZ_TARGET=$(FUZZ_TARGET) ../np_fuzz \
		-max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 \
		-rss_limit_mb=4096 -print_final_stats=1 \
		-artifact_prefix=$(FUZZ_DIR)/$(FUZZ_TARGET)/ corpus seeds

fuzz-all: fuzz-build
	for t in $(FUZZ_TARGETS); do $(MAKE) --no-print-directory fuzz FUZZ_TARGET=$$t || exit 1; done
