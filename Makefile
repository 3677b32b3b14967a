# Everything installs itself: a fresh machine needs only Python 3.11+ and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NOW    ?= 2026-11-28T12:00:00Z

.PHONY: demo test bench bench-scale bench-memory bench-micro fuzz docs clean tools review-check realworld-sites realworld fix-check import-measure index-sentences

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The main job on the sample articles. Lint exits 1 on purpose: the seed article has errors.
demo: $(STAMP)
	-$(BIN)/newsctl lint --now $(NOW) articles/
	$(BIN)/newsctl readability articles/
	$(BIN)/newsctl outline articles/ostra-river-floods-velden.md
	$(BIN)/newsctl export articles/ --format html --output-dir out/html --base-url https://example.com/news/ --index --now $(NOW)
	$(BIN)/newsctl export articles/ --format text --output-dir out/text --now $(NOW)
	$(BIN)/newsctl export articles/ --format ninjs --output-dir out/ninjs --now $(NOW)
	$(BIN)/newsctl feed articles/ --format atom --base-url https://example.com/news/ --output out/feed.xml --now $(NOW)
	@echo "Exported pages are in out/ (open out/html/ostra-river-floods-velden.html)."

# The Nu Html Checker (npm package vnu-jar, run with Java) for the HTML export test.
# Optional: without java, npm or the registry this does nothing and the test skips with a reason.
VNU_JAR := .tools/node_modules/vnu-jar/build/dist/vnu.jar

tools:
	-@if [ -f $(VNU_JAR) ]; then :; \
	elif command -v java >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then \
		echo "installing vnu-jar into .tools/ (npm)"; \
		npm install --prefix .tools --no-audit --no-fund --silent vnu-jar >/dev/null 2>&1 \
			|| echo "vnu-jar not installed (npm failed); the Nu checker test will be skipped"; \
	else echo "java or npm missing: the Nu checker test will be skipped"; fi

test: $(STAMP) tools
	$(BIN)/python -m pytest -q

# Speed on a generated corpus (tests/bench/corpus.py, seeded) beside the floor, markdownlint-cli2 and
# pandoc when they are on PATH (or MARKDOWNLINT_CLI2=path); results go in docs/performance.md.
# BENCH_ARTICLES=2000 by default; a few minutes on 2 cores.
bench: $(STAMP)
	$(BIN)/python -m tests.bench.run

# Lint of 10,000 generated articles with the cache on: cold, then warm (target < 1 s whole
# process), and the peak RSS of each report format (target < 150 MB). BENCH_SCALE_ARTICLES=N
# changes the size; about 3 minutes of CPU for the cold run. Results in docs/performance.md.
bench-scale: $(STAMP)
	$(BIN)/python -m tests.bench.scale

# Peak memory (and CPU) of outline, readability and export on BENCH_ARTICLES=10000 generated
# articles, -j 1 and default workers (issue 12: < 150 MB); about 20 minutes of CPU on 2 cores.
bench-memory: $(STAMP)
	$(BIN)/python -m tests.bench.memory

# Micro-benchmarks of parse, lint and readability (pytest-benchmark).
bench-micro: $(STAMP)
	$(BIN)/python -m pytest -q tests/bench --benchmark-enable --benchmark-only
	$(BIN)/python -m tests.bench.growth

# In-process fuzzing of every command and output format for FUZZ_MINUTES minutes; failing
# examples are saved to tests/fuzz/regressions/ (replayed by `make test`). docs/security.md
FUZZ_MINUTES ?= 10
fuzz: $(STAMP)
	FUZZ_MINUTES=$(FUZZ_MINUTES) $(BIN)/python -m tests.fuzz.run

# Every review page in headless Chromium (one browser run each), with a desktop and a phone
# screenshot per sample article and fixture kept in out/review-screenshots/ for a person to look at.
review-check: $(STAMP) tools
	NEWSCTL_REVIEW_ALL=1 NEWSCTL_REVIEW_SCREENSHOTS=$(CURDIR)/out/review-screenshots $(BIN)/python -m pytest -q tests/test_review.py

# Front matter on the two real archives in ../shared/realworld (skips when absent; about a minute)
realworld-sites: $(STAMP)
	NEWSCTL_REALWORLD=1 $(BIN)/python -m pytest -q tests/test_realworld_sites.py

# Precision on real published copy (docs/precision.md): lints the public-domain archives in
# ../shared/realworld/ and prints findings per 100 articles per rule and the share failing CI.
# Skips (exit 0) when the archives are absent. Sample findings to judge with
# `$(BIN)/python scripts/realworld.py --sample CODE --count 20`.
realworld: $(STAMP)
	$(BIN)/python scripts/realworld.py

# Safe fixes on every real article in ../shared/realworld: same rendered HTML, idempotent.
fix-check: $(STAMP)
	NEWSCTL_REALWORLD_ALL=1 $(BIN)/python -m pytest -q tests/test_fix_realworld.py

# `newsctl import` on real copy: the archives in ../shared/realworld/ exported as wire text and
# imported back (headline, headings, words); a few minutes, so not part of `make test`.
import-measure: $(STAMP)
	$(BIN)/python scripts/measure_import.py

# How far textstat's own sentence count (readability --index) is from newsctl's, on articles/
# and the archives in ../shared/realworld/ when present (docs/readability-json.md).
index-sentences: $(STAMP)
	$(BIN)/python scripts/index_sentences.py

docs: $(STAMP)
	$(BIN)/python -m newsctl.docs_gen

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .tools out
