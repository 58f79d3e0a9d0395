# mk/clean.mk -- extra rules for article cleaning (included by the Makefile)
#
#   make fuzz-clean          build the libFuzzer harness and run it
#                            (FUZZ_SECONDS=600 by default, 0 = forever)
#   make fuzz-clean-build    only build it
#
# The harness links the server-independent core (html_feed.c included),
# compiled with -DNP_STANDALONE by scripts/core_cc.sh: no server is needed.
# Everything is written under CLEAN_FUZZ_DIR (default /tmp/clean/fuzz),
# never into the source tree.  The seed corpus is test/data/clean and the
# two examples.

CLEAN_FUZZ_DIR ?= /tmp/clean/fuzz
FUZZ_SECONDS ?= 600
FUZZ_CC ?= clang
CLEAN_CORE_SRCS = $(filter-out %_sql.c %_init.c,$(wildcard src/text/*.c src/fingerprint/*.c src/entities/*.c))

.PHONY: fuzz-clean fuzz-clean-build

fuzz-clean-build: $(CLEAN_FUZZ_DIR)/clean_fuzz

$(CLEAN_FUZZ_DIR)/clean_fuzz: fuzz/clean_fuzz.c $(CLEAN_CORE_SRCS) $(wildcard src/text/*.h) src/np_port.h
	mkdir -p $(CLEAN_FUZZ_DIR)
	FUZZ_CC=$(FUZZ_CC) PG_CONFIG=$(PG_CONFIG) scripts/core_cc.sh --fuzz -o $@ fuzz/clean_fuzz.c

fuzz-clean: fuzz-clean-build
	mkdir -p $(CLEAN_FUZZ_DIR)/corpus $(CLEAN_FUZZ_DIR)/seeds
	cp test/data/examples/*.txt $(CLEAN_FUZZ_DIR)/seeds/
	-cp test/data/clean/*.txt test/data/clean/*.html $(CLEAN_FUZZ_DIR)/seeds/ 2>/dev/null
	cd $(CLEAN_FUZZ_DIR) && ./clean_fuzz -max_total_time=$(FUZZ_SECONDS) \
		-max_len=65536 -timeout=10 -rss_limit_mb=4096 \
		-artifact_prefix=$(CLEAN_FUZZ_DIR)/ corpus seeds
