#!/usr/bin/env bash
# Fuzz tarikh-core: run each cargo-fuzz target for SECONDS, one after the
# other on one core, and print a Markdown table of the runs.
#
#   scripts/fuzz.sh SECONDS [TARGET...]   fuzz (all targets by default)
#   scripts/fuzz.sh cmin [TARGET...]      minimise the corpora in place
#   FUZZ_SCRATCH=1 scripts/fuzz.sh 5      smoke pass that leaves fuzz/corpus untouched
#
# New inputs go to fuzz/corpus/<target>/ (minimise before committing), crashes
# to fuzz/artifacts/<target>/ (reproduce with
# `cargo +nightly fuzz run -O <target> <file>`). Needs the nightly toolchain;
# installs cargo-fuzz when missing. Logs go to $FUZZ_LOGS (default: a
# temporary directory). The committed corpora are also replayed on stable by
# `cargo test` (crates/tarikh-core/tests/fuzz_corpus.rs).
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

ALL=(normalize matcher dates segment gazetteer_csv gazetteer_jsonl)
mode=${1:?usage: scripts/fuzz.sh SECONDS|cmin [TARGET...]}
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${ALL[@]}")

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
fuzz() { nice cargo +nightly fuzz "$@"; }

if [ "$mode" = cmin ]; then
    for t in "${targets[@]}"; do
        fuzz cmin -O "$t" "corpus/$t" -- -max_len=4096
    done
    exit 0
fi

secs=$mode
logs=${FUZZ_LOGS:-$(mktemp -d)}
mkdir -p "$logs"
fuzz build -O
status=0
echo "| target | seconds | execs | execs/s | coverage (edges) | features | corpus | crashes |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t"
    before=$(find "artifacts/$t" -type f | wc -l)
    log="$logs/$t.log"
    # FUZZ_SCRATCH=1 (the CI smoke pass): new inputs go to a scratch
    # directory, the committed corpus is only read
    dirs=("corpus/$t")
    [ -z "${FUZZ_SCRATCH:-}" ] || dirs=("$(mktemp -d)" "corpus/$t")
    fuzz run -O "$t" "${dirs[@]}" -- -max_total_time="$secs" -max_len=4096 -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1 || status=1
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1 || true)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9A-Za-z]*\).*/\1/p' <<<"$last")
    crashes=$(( $(find "artifacts/$t" -type f | wc -l) - before ))
    echo "| $t | $secs | ${execs:-?} | ${rate:-?} | ${cov:-?} | ${ft:-?} | ${corp:-?} | $crashes |"
done
echo "logs: $logs" >&2
exit $status
