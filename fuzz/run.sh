#!/usr/bin/env bash
# Runs every fuzz target of qx in turn, in every package that has one, each for
# the same time: the first argument or $FUZZTIME (a go test -fuzztime value).
# The default shares 210 seconds among the targets, so that with their start-up
# the run stays within 5 minutes on 2 cores.
#
# Minimizing a new input stops after 3s (not the default 60s): the properties
# run the validator dozens of times per input, and a long minimization would
# eat the target's time.
#
# A target that fails writes its input to testdata/fuzz/<Target>/ beside its
# package; fix the bug, then keep the file there as a seed so it is checked by
# every go test. The script goes on with the other targets and exits 1 if any
# failed.
set -euo pipefail
cd "$(dirname "$0")/.."

# pairs lists "package target" for every fuzz target.
pairs() {
	go test -list '^Fuzz' ./... | awk '
		/^Fuzz/ { targets[++n] = $1; next }
		/^ok/ { for (i = 1; i <= n; i++) print $2, targets[i]; n = 0 }'
}

list=$(pairs)
count=$(printf '%s\n' "$list" | grep -c .)
fuzztime=${1:-${FUZZTIME:-$((210 / count))s}}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
failed=()
while read -r pkg target; do
	echo "fuzz: $pkg $target for $fuzztime" >&2
	corpus=$(go list -f '{{.Dir}}' "$pkg")/testdata/fuzz/$target
	before=$(ls "$corpus" 2>/dev/null | sort || true)
	if go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" \
		-fuzzminimizetime 3s 2>&1 | tee "$log"; then
		continue
	fi
	# A failing input is always written to the target's corpus. Go's fuzzing
	# coordinator can also fail a run with "context deadline exceeded" when
	# -fuzztime ends while a worker is busy, having found nothing: without a
	# new input there is nothing to fix, so that run is reported, not failed.
	after=$(ls "$corpus" 2>/dev/null | sort || true)
	if [ "$before" = "$after" ] && grep -q '^    context deadline exceeded$' "$log"; then
		echo "fuzz: $target stopped without writing a failing input; not a failure" >&2
		continue
	fi
	failed+=("$pkg.$target")
done <<<"$list"
if [ ${#failed[@]} -gt 0 ]; then
	echo "fuzz: failed: ${failed[*]} (inputs in testdata/fuzz/ of their packages)" >&2
	exit 1
fi
