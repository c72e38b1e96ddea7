#!/usr/bin/env bash
# Every command on a server project gives what it gives on the project file (issue #18 "Every
# CLI command works on a URI exactly as on a file", "agreement, clusters, standards and export
# tests give identical results on both"): the README's headless loop, run on a demo file and on
# the same project pushed to the server, with every machine-readable output compared.
# Usage (CTest, concord_server_test sets PGHOST/PGPORT/PGUSER): cli_parity.sh CONCORD_CLI
set -euo pipefail

cli=$1
work=$(mktemp -d)
db="parity_$$_$RANDOM"
cleanup() {
  rm -rf "$work"
  dropdb --if-exists "$db" >/dev/null 2>&1 || true
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

file="$work/demo.concord"
server="host=$PGHOST port=$PGPORT dbname=$db"
"$cli" demo "$file" --images 150 >/dev/null
createdb "$db"
"$cli" push "$file" "$server" >/dev/null

# run NAME ARGS… (PROJECT stands for the project): the same command on both, outputs kept.
run() {
  local name=$1
  shift
  local on
  for on in file server; do
    local project=$file
    [ "$on" = server ] && project=$server
    local args=()
    for a in "$@"; do
      if [ "$a" = PROJECT ]; then args+=("$project"); else args+=("${a//OUTDIR/$work/$on-$name}"); fi
    done
    "$cli" "${args[@]}" >"$work/$on-$name.out" 2>"$work/$on-$name.err" ||
      fail "$name on the $on: $(cat "$work/$on-$name.err")"
  done
}
# same NAME: both outputs are identical, except the times at which each side made a row (the
# two runs happen one after the other): JSON keys created_at, updated_at, at, date_created.
same() {
  cmp -s "$work/file-$1.out" "$work/server-$1.out" && return 0
  python3 - "$work/file-$1.out" "$work/server-$1.out" <<'PY' ||
import json, sys
def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if k not in ('created_at', 'updated_at', 'at', 'date_created')}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v
try:
    a, b = (json.load(open(f)) for f in sys.argv[1:])
except ValueError:
    sys.exit(1)
sys.exit(0 if strip(a) == strip(b) else 1)
PY
    fail "$1 differs between the file and the server: $(diff "$work/file-$1.out" "$work/server-$1.out" | head -20)"
}

run info info PROJECT --json && same info
run agreement agreement PROJECT --json && same agreement
run self agreement PROJECT --self --json && same self
run objects agreement PROJECT --objects --json && same objects
run consensus consensus PROJECT --method dawid-skene && same consensus
run attributes attributes PROJECT --compute && same attributes
run clusters clusters PROJECT --json && same clusters
run add standard add PROJECT --title "Scratch length" --body "A scratch of 1.5 mm or longer is a defect." \
  --rule 'when label in {ok, scratch} and length_mm is known: scratch if length_mm >= 1.5 else ok' && same add
run list standard list PROJECT --json && same list
run preview standard preview PROJECT 1 --json && same preview
run apply standard apply PROJECT 1 --json && same apply
run after agreement PROJECT --json && same after
run conflicts conflicts PROJECT --json && same conflicts
run undo standard undo PROJECT && same undo
run undone agreement PROJECT --json && same undone
run reapply standard apply PROJECT 1 --json && same reapply
image=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["path"])' "$work/file-conflicts.out")
run adjudicate adjudicate PROJECT "$image" scratch && same adjudicate
run decided agreement PROJECT --json && same decided
run export export PROJECT OUTDIR --format csv
for f in $(cd "$work/file-export" && find . -type f ! -name provenance.json | sort); do
  cmp -s "$work/file-export/$f" "$work/server-export/$f" || fail "exported $f differs between the file and the server"
done
run coco export PROJECT OUTDIR --format coco
python3 - "$work/file-coco" "$work/server-coco" <<'EOF' || fail "the COCO exports differ beyond their export time"
import json, os, sys
# The time of each export and of the rows each side's apply wrote, and where each read its
# project from, differ by nature.
def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if k not in ('created_at', 'updated_at', 'at', 'date_created', 'project_file')}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v
def diff(a, b, path=''):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            diff(a.get(k), b.get(k), path + '/' + k)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            diff(x, y, path + '/' + str(i))
    elif a != b:
        print(path, repr(a)[:80], repr(b)[:80], file=sys.stderr)
def load(d):
    out = {}
    for root, _, files in os.walk(d):
        for f in files:
            p = os.path.join(root, f)
            rel = os.path.relpath(p, d)
            if f.endswith('.json'):
                out[rel] = strip(json.load(open(p)))
            else:
                out[rel] = open(p, 'rb').read()
    return out
a, b = load(sys.argv[1]), load(sys.argv[2])
if a != b:
    diff(a, b)
    sys.exit(1)
EOF
echo "cli parity: $(find "$work" -maxdepth 1 -name "file-*.out" | wc -l) commands gave the same on the file and the server"
