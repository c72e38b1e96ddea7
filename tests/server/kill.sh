#!/usr/bin/env bash
# Killing a client mid-save loses nothing committed (issue #18 "Concurrency and faults"): a
# labeler saves label after label through concord-cli, each save logged only after the command
# said it committed; the whole loop, the command in flight included, is killed with SIGKILL at a
# random moment. Every logged save must be on the server (or the one in flight, if it committed
# before the kill), and the next save must go through at once (no lock left behind).
# Usage (CTest, concord_server_test sets PGHOST/PGPORT/PGUSER): kill.sh CONCORD_CLI IMAGE_DIR
set -euo pipefail

cli=$1
images=$2
tag="k$$_$RANDOM"
db="kill_$tag"
ana="ana_$tag"
work=$(mktemp -d)
cleanup() {
  rm -rf "$work"
  dropdb --if-exists "$db" >/dev/null 2>&1 || true
  for r in "$ana" "concord_${db}_lead" "concord_${db}_labeler"; do
    psql -X -q -c "DROP ROLE IF EXISTS \"$r\"" >/dev/null 2>&1 || true
  done
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

lead="host=$PGHOST port=$PGPORT dbname=$db"
createdb "$db"
"$cli" server init "$lead" --classes ok,scratch,dent >/dev/null
mkdir -p "$work/shots"
cp "$images"/*.jpg "$work/shots/"
"$cli" import-images "$lead" "$work/shots" >/dev/null
echo ana-pw | "$cli" server add-labeler "$lead" "$ana" --password-stdin >/dev/null
mapfile -t files < <(cd "$work/shots" && find . -name '*.jpg' | sed 's|^\./||' | sort)
classes=(ok scratch dent)
me="$lead user=$ana"

# Save i labels image i mod n with class i mod 3 (then i/n shifts it, so an image changes class).
save_of() {
  local i=$1 n=${#files[@]}
  echo "${files[$((i % n))]} ${classes[$(((i + i / n) % 3))]}"
}
for round in 1 2 3; do
  : >"$work/log"
  (
    i=0
    while :; do
      read -r file cls <<<"$(save_of "$i")"
      PGPASSWORD=ana-pw "$cli" label "$me" --labeler "$ana" "$file" "$cls" >/dev/null 2>>"$work/err" || exit 1
      echo "$i $file $cls" >>"$work/log"
      i=$((i + 1))
    done
  ) &
  loop=$!
  sleep "$(python3 -c 'import random; print(round(random.uniform(1.5, 4.0), 2))')"
  pkill -KILL -P "$loop" || true # the concord-cli in flight
  kill -KILL "$loop" 2>/dev/null || true
  wait "$loop" 2>/dev/null || true
  [ -s "$work/log" ] || fail "round $round: no save got through before the kill ($(cat "$work/err" 2>/dev/null))"

  # What the server holds now, per image.
  psql -X -At -F ' ' "$lead" -c "SELECT i.file_name, c.name FROM label l JOIN image i ON i.id = l.image
    JOIN label_class c ON c.id = l.class JOIN labeler p ON p.id = l.labeler WHERE p.name = '$ana'" >"$work/db"
  next=$(($(tail -n 1 "$work/log" | cut -d' ' -f1) + 1))
  read -r inflight_file inflight_cls <<<"$(save_of "$next")"
  declare -A last=()
  while read -r _ file cls; do last[$file]=$cls; done <"$work/log"
  for file in "${!last[@]}"; do
    held=$(awk -v f="$file" '$1 == f {print $2}' "$work/db")
    [ "$held" = "${last[$file]}" ] && continue
    [ "$file" = "$inflight_file" ] && [ "$held" = "$inflight_cls" ] && continue # it committed, then the kill
    fail "round $round: $file holds '$held', but its last committed save was '${last[$file]}'"
  done
  unset last
  # Nothing was left locked: the next save goes through at once.
  PGPASSWORD=ana-pw timeout 30 "$cli" label "$me" --labeler "$ana" "${files[0]}" ok >/dev/null ||
    fail "round $round: a save after the kill did not go through"
done
echo "kill: every committed save survived three kills mid-save"
