#!/usr/bin/env bash
# Runs every fuzz target of qx in turn, each for the same time: the first
# argument or $FUZZTIME (a go test -fuzztime value, default 17s: with the
# 13 targets and their start-up, under 5 minutes on 2 cores).
#
# Minimizing a new input stops after 3s (not the default 60s): the properties
# run the validator dozens of times per input, and a long minimization would
# eat the target's time.
#
# A target that fails writes its input to fuzz/testdata/fuzz/<Target>/; fix the
# bug, then keep the file there as a seed so it is checked by every go test.
# The script goes on with the other targets and exits 1 if any failed.
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime=${1:-${FUZZTIME:-17s}}
targets=$(go test -list '^Fuzz' ./fuzz | grep '^Fuzz')
failed=()
for target in $targets; do
	echo "fuzz: $target for $fuzztime" >&2
	if ! go test ./fuzz -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" \
		-fuzzminimizetime 3s; then
		failed+=("$target")
	fi
done
if [ ${#failed[@]} -gt 0 ]; then
	echo "fuzz: failed: ${failed[*]} (inputs in fuzz/testdata/fuzz/)" >&2
	exit 1
fi
