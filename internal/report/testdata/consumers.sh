#!/usr/bin/env bash
# Installs the programs CI systems read qxlint's outputs with, from the npm,
# Go module and Debian registries, into a cache directory, and runs the
# consumer tests of package report against them (a missing program then
# fails the tests instead of skipping them).
#
#   SARIF       Microsoft SARIF Multitool, validate --rule-kind Gh (npm)
#   Checkstyle  reviewdog -f=checkstyle (Go module)
#   JUnit       junitparser, as GitHub's test-result actions use it (Debian)
#   JSON        ajv-cli against internal/report/qxlint-report.schema.json (npm)
#
# QX_TOOLS names the cache directory (default ~/.cache/qx-consumers). Network is
# needed only the first time, to install.
set -euo pipefail
cd "$(dirname "$0")/../../.."
tools=${QX_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/qx-consumers}
mkdir -p "$tools"

npm_tool() { # DIR PACKAGE@VERSION
	if [ ! -d "$tools/$1/node_modules" ]; then
		mkdir -p "$tools/$1"
		(cd "$tools/$1" && npm init -y >/dev/null &&
			npm install --no-audit --no-fund --loglevel=error "$2" >/dev/null)
	fi
}

npm_tool sarif @microsoft/sarif-multitool-linux@5.7.0
multitool=$tools/sarif/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
chmod u+x "$multitool" # its postinstall step does this, when npm runs it

npm_tool ajv ajv-cli@5.0.0

if [ ! -x "$tools/bin/reviewdog" ]; then
	GOBIN=$tools/bin go install github.com/reviewdog/reviewdog/cmd/reviewdog@v0.21.0
fi

python=/usr/bin/python3
if ! "$python" -c 'import junitparser' 2>/dev/null; then
	if [ "$(id -u)" = 0 ]; then
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-junitparser >/dev/null
	else
		echo "consumers.sh: install python3-junitparser (Debian) as root first" >&2
		exit 2
	fi
fi

QX_SARIF_MULTITOOL=$multitool \
QX_AJV=$tools/ajv/node_modules/.bin/ajv \
QX_REVIEWDOG=$tools/bin/reviewdog \
QX_PYTHON=$python \
QX_CONSUMERS=require \
	go test -count=1 -run '^TestConsumer' -v ./internal/report
