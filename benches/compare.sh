#!/usr/bin/env bash
# Whole-process comparison of zhenggai with the sqlite3 shell on the same ledger file.
#
#   benches/compare.sh [SIZE...]          # default: 10000 100000 300000
#
# For each size it makes (once) a synthetic ledger with genledger in $LEDGERS (default
# /tmp/zhenggai-bench), then times each command as a whole process, paired with the sqlite3
# shell running the query of benches/sql/ that does the same reading: the two run one after the
# other, $RUNS times (default 5), and the medians are compared. Wall time is taken around the
# process (date +%s%N); peak memory is the largest resident set /usr/bin/time -v reports over
# the runs. Output goes to /dev/null, so what is timed is reading and writing, not a terminal.
# The file is read once before timing so that every run finds it in the page cache.
#
# Prints a Markdown table: zhenggai's median and peak, the floor's, and the two ratios.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
ledgers=${LEDGERS:-/tmp/zhenggai-bench}
runs=${RUNS:-5}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 300000)
day=2019-12-26

command -v sqlite3 >/dev/null || { echo "compare.sh: needs the sqlite3 shell" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "compare.sh: needs /usr/bin/time (GNU time)" >&2; exit 2; }
(cd "$root" && cargo build --release --quiet --bin zhenggai --example genledger)
zhenggai=$root/target/release/zhenggai
genledger=$root/target/release/examples/genledger
mkdir -p "$ledgers"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# one run: prints "<milliseconds> <peak KiB>"
measure() {
    local start end
    start=$(date +%s%N)
    /usr/bin/time -f %M -o "$scratch/rss" "$@" > /dev/null 2> "$scratch/err" || {
        echo "compare.sh: failed: $*" >&2
        cat "$scratch/err" >&2
        exit 1
    }
    end=$(date +%s%N)
    echo "$(( (end - start) / 1000000 )) $(tail -n 1 "$scratch/rss")"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
largest() { sort -n | tail -n 1; }

# compare NAME SQL-FILE-OR-"-" ZHENGGAI-ARGS...
compare() {
    local name=$1 sql=$2
    shift 2
    local ours=() floor=() ours_rss=() floor_rss=() i one
    for ((i = 0; i < runs; i++)); do
        one=$(measure "$zhenggai" --db "$db" --today "$day" "$@")
        ours+=("${one% *}")
        ours_rss+=("${one#* }")
        if [ "$sql" != - ]; then
            one=$(measure sh -c "sqlite3 '$db' < '$here/sql/$sql'")
            floor+=("${one% *}")
            floor_rss+=("${one#* }")
        fi
    done
    local t m
    t=$(printf '%s\n' "${ours[@]}" | median)
    m=$(printf '%s\n' "${ours_rss[@]}" | largest)
    if [ "$sql" = - ]; then
        printf '| %s | %s | %d ms | %d MiB | — | — | — | — |\n' "$size" "$name" "$t" $((m / 1024))
        return
    fi
    local ft fm
    ft=$(printf '%s\n' "${floor[@]}" | median)
    fm=$(printf '%s\n' "${floor_rss[@]}" | largest)
    printf '| %s | %s | %d ms | %d MiB | %d ms | %d MiB | %s× | %s× |\n' \
        "$size" "$name" "$t" $((m / 1024)) "$ft" $((fm / 1024)) \
        "$(awk -v a="$t" -v b="$ft" 'BEGIN { printf "%.2f", a / (b > 0 ? b : 1) }')" \
        "$(awk -v a="$m" -v b="$fm" 'BEGIN { printf "%.1f", a / (b > 0 ? b : 1) }')"
}

echo "| tasks | command | zhenggai | peak | sqlite3 | peak | time ratio | memory ratio |"
echo "|---|---|---|---|---|---|---|---|"
for size in "${sizes[@]}"; do
    db=$ledgers/$size.db
    [ -f "$db" ] || "$genledger" --tasks "$size" --out "$db" 2>/dev/null
    cat "$db" > /dev/null
    compare "list --open --json" list_open.sql list --open --json
    compare "list --overdue --json" list_overdue.sql list --overdue --json
    compare "list --search 培训 --json" list_search.sql list --search 培训 --json
    compare "export --format csv" export_csv.sql export --format csv -o -
    compare "export --format json" export_json.sql export --format json -o -
    compare "export --format xlsx" - export --format xlsx -o "$scratch/ledger.xlsx" --force
    compare "check" check.sql check
done
