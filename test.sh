#!/usr/bin/env bash
# Runs the whole test suite and ends with the plain line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

# The web UI's end-to-end tests drive Debian's Chromium; install it where it is missing and apt is at hand.
if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    echo "test.sh: installing chromium for the browser tests..." >&2
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; } || echo "test.sh: could not install chromium; the browser tests will fail" >&2
fi

results="$(pwd)/.artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet test OmniBot.slnx -c Release --logger "trx" --results-directory "$results" "$@"
status=$?

passed=0
failed=0
for trx in "$results"/*.trx; do
    [ -e "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
done

# .ci/run prints this line itself, last.
if [ -z "${OMNIBOT_QUIET_SUMMARY:-}" ]; then
    echo "$passed passed, $failed failed"
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    echo "dotnet test exited with $status (build error or test host crash)" >&2
fi
exit "$status"
