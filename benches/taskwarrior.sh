#!/usr/bin/env bash
# `zhenggai list` against taskwarrior's `task list` on the same tasks (issue 16), whole processes.
#
#   benches/taskwarrior.sh [SIZE]          # default 10000; needs `task` (apt: taskwarrior)
#
# Makes (once) a synthetic ledger of SIZE tasks with genledger in $LEDGERS (default
# /tmp/zhenggai-bench), and from it a taskwarrior database of the same tasks: each task pending,
# its measure as the description, its unit as the project, its deadline as due, and each of
# its progress entries as an annotation of that day (what `list` shows the latest of). The two
# lists then run one after the other, $RUNS times (default 11), output to /dev/null; wall time
# is taken around each process (date +%s%N) and the medians compared.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
ledgers=${LEDGERS:-/tmp/zhenggai-bench}
runs=${RUNS:-11}
size=${1:-10000}
day=2019-12-26

command -v task >/dev/null || { echo "taskwarrior.sh: needs taskwarrior (task)" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "taskwarrior.sh: needs the sqlite3 shell" >&2; exit 2; }
(cd "$root" && cargo build --release --quiet --bin zhenggai --example genledger)
zhenggai=$root/target/release/zhenggai
mkdir -p "$ledgers"
db=$ledgers/$size.db
[ -f "$db" ] || "$root/target/release/examples/genledger" --tasks "$size" --out "$db" 2>/dev/null
# opened once, so that a ledger of an older schema is migrated before it is timed
"$zhenggai" --db "$db" --today "$day" list --problem G1 > /dev/null

tw=$ledgers/taskwarrior-$size
export TASKRC=$tw/taskrc
if [ ! -f "$tw/done" ]; then
    rm -rf "$tw" && mkdir -p "$tw/data"
    printf 'data.location=%s\nconfirmation=off\n' "$tw/data" > "$TASKRC"
    sqlite3 -json "$db" "
        SELECT t.uuid, t.measure, replace(u.name, ' ', '') AS unit, t.deadline,
               (SELECT json_group_array(json_object('date', p.date, 'text', p.text))
                FROM progress p WHERE p.task_id = t.id) AS entries
        FROM task t JOIN unit u ON u.id = t.unit_id ORDER BY t.seq" |
        python3 -c '
import json, sys
tasks = []
for row in json.load(sys.stdin):
    stamp = lambda day: day.replace("-", "") + "T000000Z"
    task = {"uuid": row["uuid"], "status": "pending", "entry": "20191201T000000Z",
            "description": row["measure"], "project": row["unit"]}
    if row["deadline"]:
        task["due"] = stamp(row["deadline"])
    notes = [{"entry": stamp(e["date"]), "description": e["text"]}
             for e in json.loads(row["entries"])]
    if notes:
        task["annotations"] = notes
    tasks.append(task)
json.dump(tasks, sys.stdout, ensure_ascii=False)' > "$tw/import.json"
    task import "$tw/import.json" > /dev/null 2>&1
    touch "$tw/done"
fi

ms() {
    local start end
    start=$(date +%s%N)
    "$@" > /dev/null 2>&1
    end=$(date +%s%N)
    echo $(( (end - start) / 1000 ))
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

ours=() theirs=()
for ((i = 0; i < runs; i++)); do
    ours+=("$(ms "$zhenggai" --db "$db" --today "$day" list)")
    theirs+=("$(ms task list)")
done
z=$(printf '%s\n' "${ours[@]}" | median)
t=$(printf '%s\n' "${theirs[@]}" | median)
echo "| tasks | zhenggai list | task list | ratio |"
echo "|---|---|---|---|"
printf '| %s | %.1f ms | %.1f ms | %s× |\n' "$size" "$(awk -v a="$z" 'BEGIN{print a/1000}')" \
    "$(awk -v a="$t" 'BEGIN{print a/1000}')" "$(awk -v a="$t" -v b="$z" 'BEGIN { printf "%.1f", a / b }')"
