#!/usr/bin/env bash
# The TUI's first screen as a person sees it: launched in a real terminal (tmux, 120×40), the
# time until its table shows a task row, and until the ledger is counted (the header's counts
# replace "…"); then, once the search index is built, a search keystroke: from `tmux send-keys`
# of 检 (or of Backspace) until the filter line shows the search (or no longer does), ten of
# each a run; then the peak resident memory of the whole run (/usr/bin/time), the TUI quit
# with q.
#
#   benches/tui_first_frame.sh LEDGER [RUNS]      # default 11 runs; prints the medians
#
# Each run starts a new tmux session and polls `tmux capture-pane` (about 2 ms a look), so a
# figure includes starting the process and tmux drawing what it wrote; it is never less than
# what the terminal shows. The ledger is read once before, so that it is in the page cache.
set -euo pipefail

db=${1:?usage: tui_first_frame.sh LEDGER [RUNS]}
runs=${2:-11}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
(cd "$root" && cargo build --release --quiet --bin zhenggai)
zhenggai=$root/target/release/zhenggai
command -v tmux >/dev/null || { echo "tui_first_frame.sh: needs tmux" >&2; exit 2; }
scratch=$(mktemp -d)
session=zhenggai-first-frame-$$
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$scratch"' EXIT
cat "$db" > /dev/null

now() { date +%s%N; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

shown=() counted=() peaks=() keystrokes=()
# the time from now until line 2 of the screen matches (or, with -v, stops matching) $1
until_line2() {
    local t0 flag=${2:-}
    t0=$(now)
    while :; do
        line=$(tmux capture-pane -t "$session" -p 2>/dev/null | sed -n 2p)
        if [ -z "$flag" ] && grep -q "$1" <<<"$line"; then break; fi
        if [ -n "$flag" ] && ! grep -q "$1" <<<"$line"; then break; fi
    done
    echo $(( ($(now) - t0) / 1000 ))
}
for ((i = 0; i < runs; i++)); do
    start=$(now)
    tmux new-session -d -s "$session" -x 120 -y 40 \
        "/usr/bin/time -f %M -o $scratch/rss $zhenggai --db $db --today 2019-12-26"
    first=""
    while :; do
        screen=$(tmux capture-pane -t "$session" -p 2>/dev/null || true)
        if [ -z "$first" ] && grep -qE '^│.{0,8} +#[0-9]+ ' <<<"$screen"; then
            first=$(now)
        fi
        if [ -n "$first" ] && head -n 1 <<<"$screen" | grep -q '未销号 [0-9]'; then
            break
        fi
        if (( ($(now) - start) / 1000000 > 30000 )); then
            echo "tui_first_frame.sh: no table after 30 s" >&2
            exit 1
        fi
    done
    done_at=$(now)
    shown+=($(( (first - start) / 1000000 )))
    counted+=($(( (done_at - start) / 1000000 )))
    # let the search index finish, then search; the peak is the whole run's
    sleep 2
    tmux send-keys -t "$session" /
    sleep 0.2
    for ((k = 0; k < 10; k++)); do
        tmux send-keys -t "$session" 检
        keystrokes+=($(until_line2 '搜索“检”'))
        tmux send-keys -t "$session" BSpace
        keystrokes+=($(until_line2 '搜索“' -v))
    done
    tmux send-keys -t "$session" Escape q
    while tmux has-session -t "$session" 2>/dev/null; do sleep 0.05; done
    peaks+=($(( $(cat "$scratch/rss") / 1024 )))
done
echo "$(basename "$db"): first task row $(printf '%s\n' "${shown[@]}" | median) ms," \
    "counted $(printf '%s\n' "${counted[@]}" | median) ms," \
    "search keystroke $(printf '%s\n' "${keystrokes[@]}" | median | awk '{ printf "%.1f", $1 / 1000 }') ms," \
    "peak $(printf '%s\n' "${peaks[@]}" | median) MiB (medians of $runs runs in tmux 120×40)"
