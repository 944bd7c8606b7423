#!/usr/bin/env bash
# bench.sh times qxlint against xmllint on one generated compliance posture
# export and prints, for each, wall time, throughput and peak memory, then the
# ratio of their wall times. Both must accept the export: it is valid.
#
# usage: internal/bench/bench.sh [SIZE]
#
# SIZE is the export's approximate size (20MB, 1GB, 2GiB, ...): the argument,
# else $SIZE, else 1GB. Temporary files (about SIZE, or three times SIZE once
# qxdiff is measured) go to a directory under $TMPDIR, removed on exit.
# Results go to stdout, progress to stderr. Needs Go, xmllint (Debian package
# libxml2-utils) and GNU time (package time); missing packages are installed
# with apt-get.
set -euo pipefail

size=${1:-${SIZE:-1GB}}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/qxbench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
command -v go >/dev/null 2>&1 || PATH=$PATH:/usr/local/go/bin

declare -A wall rss rc # per measured tool
failed=0

log() { printf 'bench: %s\n' "$*" >&2; }

# need PROGRAM PACKAGE installs the Debian PACKAGE when PROGRAM is missing.
need() {
  if [ -x "$1" ] || command -v "$1" >/dev/null 2>&1; then
    return 0
  fi
  local sudo=
  [ "$(id -u)" = 0 ] || sudo=sudo
  log "installing $2 for $1"
  $sudo apt-get install -y -qq "$2" >/dev/null 2>&1 ||
    { $sudo apt-get update -qq && $sudo apt-get install -y -qq "$2" >/dev/null; }
}

# build compiles the tools into $tmp.
build() {
  log "building qxlint and qxgen"
  (cd "$root" && go build -o "$tmp/qxlint" ./cmd/qxlint)
  (cd "$root" && go build -o "$tmp/qxgen" ./internal/cmd/qxgen)
}

# generate writes the DTD and an export of about $size that names it, so a
# validating parser reads the content model from a local file.
generate() {
  "$tmp/qxlint" --print-dtd posture_info_list_output >"$tmp/posture.dtd"
  log "generating an export of about $size"
  local start=$SECONDS
  "$tmp/qxgen" --size "$size" --seed 1 --doctype-system "$tmp/posture.dtd" -o "$tmp/export.xml"
  bytes=$(stat -c %s "$tmp/export.xml")
  log "generated $bytes bytes in $((SECONDS - start)) s"
  cat "$tmp/export.xml" >/dev/null # start both tools from the page cache
}

# measure NAME COMMAND... runs COMMAND under GNU time and records its wall
# seconds, peak RSS (KB) and exit status under NAME.
measure() {
  local name=$1 status=0
  shift
  log "running $name"
  /usr/bin/time -f '%e %M' -o "$tmp/$name.time" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" ||
    status=$?
  # GNU time puts a line about a non-zero exit before the format line.
  read -r wall[$name] rss[$name] < <(tail -n 1 "$tmp/$name.time")
  rc[$name]=$status
}

# report NAME BYTES prints the measurement of NAME over BYTES of input.
report() {
  awk -v n="$1" -v b="$2" -v w="${wall[$1]}" -v r="${rss[$1]}" 'BEGIN {
    if (w < 0.01) w = 0.01
    printf "%-8s %8.2f s %9.1f MB/s %9.1f MB peak RSS\n", n, w, b / 1e6 / w, r / 1024
  }'
}

# expect NAME CODE... fails the run unless NAME exited with one of CODEs.
expect() {
  local name=$1 code
  shift
  for code in "$@"; do
    [ "${rc[$name]}" = "$code" ] && return 0
  done
  log "$name exited ${rc[$name]}, want $*; its stderr ends:"
  tail -n 5 "$tmp/$name.err" >&2
  failed=1
}

# bench_validators times xmllint and qxlint on the export; both must accept it.
bench_validators() {
  measure xmllint xmllint --nonet --noout --stream --valid "$tmp/export.xml"
  measure qxlint "$tmp/qxlint" "$tmp/export.xml"
  # The content models alone, as xmllint checks them: the semantic rules off.
  local rules
  rules=$("$tmp/qxlint" --list-rules | awk '$3 == "semantic" || $3 == "xpath" { print $1 }' |
    paste -sd, -)
  measure qxlint-cm "$tmp/qxlint" --disable "$rules" "$tmp/export.xml"
  printf 'export   %.1f MB (qxgen --size %s)\n' "$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" "$size"
  report xmllint "$bytes"
  report qxlint "$bytes"
  report qxlint-cm "$bytes"
  awk -v q="${wall[qxlint]}" -v c="${wall[qxlint-cm]}" -v x="${wall[xmllint]}" 'BEGIN {
    printf "ratio    qxlint/xmllint wall time %.2f (content models only: %.2f)\n",
      (x > 0 ? q / x : 0), (x > 0 ? c / x : 0)
  }'
  expect xmllint 0
  expect qxlint 0
  expect qxlint-cm 0
}

# ---- qxdiff section (kept by the qxdiff maintainers; see internal/diffcmd) ---
# bench_qxdiff times qxdiff on a generated pair of exports of about $size
# each, both shuffled, against one qxlint run validating the same two files.
# The bars: qxdiff's wall time at most 1.5 times qxlint's, its peak RSS under
# 256 MB at its default memory budget (so that it spills to temporary files),
# exit status 1 (a generated pair differs), and its JSON output naming exactly
# the changes qxgen made (checked by internal/diffcmd/benchcheck). It is
# skipped until cmd/qxdiff exists.
bench_qxdiff() {
  if [ ! -d "$root/cmd/qxdiff" ]; then
    log "qxdiff not measured: cmd/qxdiff does not exist yet"
    return 0
  fi
  (cd "$root" && go build -o "$tmp/qxdiff" ./cmd/qxdiff &&
    go build -o "$tmp/benchcheck" ./internal/diffcmd/benchcheck)
  rm -f "$tmp/export.xml"
  log "generating a pair of exports of about $size each"
  "$tmp/qxgen" pair --size "$size" --seed 2 --shuffle-old --shuffle-new \
    --doctype-system "$tmp/posture.dtd" \
    --old "$tmp/old.xml" --new "$tmp/new.xml" --changes "$tmp/changes.json"
  local pair=$(($(stat -c %s "$tmp/old.xml") + $(stat -c %s "$tmp/new.xml")))
  cat "$tmp/old.xml" "$tmp/new.xml" >/dev/null
  measure qxlint2 "$tmp/qxlint" "$tmp/old.xml" "$tmp/new.xml"
  measure qxdiff "$tmp/qxdiff" --format json "$tmp/old.xml" "$tmp/new.xml"
  printf 'pair     %.1f MB (qxgen pair --size %s, both shuffled)\n' \
    "$(awk -v b="$pair" 'BEGIN { print b / 1e6 }')" "$size"
  report qxlint2 "$pair"
  report qxdiff "$pair"
  expect qxlint2 0
  expect qxdiff 1
  bar "qxdiff/qxlint wall time" "$(awk -v d="${wall[qxdiff]}" -v l="${wall[qxlint2]}" \
    'BEGIN { printf "%.2f", (l > 0 ? d / l : 0) }')" 1.5
  bar "qxdiff peak RSS (MB)" "$(awk -v r="${rss[qxdiff]}" 'BEGIN { printf "%.1f", r / 1024 }')" 256
  if [ "${rc[qxdiff]}" = 1 ]; then
    "$tmp/benchcheck" "$tmp/qxdiff.out" "$tmp/changes.json" || failed=1
  fi
}

# bar NAME VALUE LIMIT prints whether VALUE is within LIMIT, and fails the run
# when it is not.
bar() {
  if awk -v v="$2" -v l="$3" 'BEGIN { exit !(v <= l) }'; then
    printf 'bar      %s %s <= %s: met\n' "$1" "$2" "$3"
  else
    printf 'bar      %s %s <= %s: MISSED\n' "$1" "$2" "$3"
    failed=1
  fi
}
# ---- end of the qxdiff section ----------------------------------------------

need xmllint libxml2-utils
need /usr/bin/time time
build
generate
bench_validators
bench_qxdiff
exit "$failed"
