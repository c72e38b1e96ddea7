#!/bin/sh
# A core module's private headers (name ending in _p.h) are included only by that module's own
# files and by tests (issue #16 §5). Prints every include that breaks the rule; fails if any does.
# Usage: private_headers.sh SOURCE_DIR
root=${1:?usage: private_headers.sh SOURCE_DIR}
cd "$root" || exit 2
grep -rnE '#[[:space:]]*include[[:space:]]*"core/[a-z]+/[A-Za-z0-9_]+_p\.h"' core ui app |
  awk -F: '{
    file = $1
    match($0, /core\/[a-z]+\/[A-Za-z0-9_]+_p\.h/)
    included = substr($0, RSTART, RLENGTH)
    split(included, inc, "/")
    if (index(file, "core/" inc[2] "/") != 1) { print; bad = 1 }
  } END { exit bad }'
