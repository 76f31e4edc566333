#!/usr/bin/env bash
# Runs every test of LeadManager on a fresh machine: installs what the tests need when it is
# missing (Debian's Chromium, the dotnet-ef local tool), builds once, runs each test project and
# the vulnerable-package check (.ci/check-vulnerable-packages), and ends with one line of totals:
# "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"

chromium="${LEADMANAGER_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
    echo "==> Chromium is missing: installing Debian's chromium package for the browser tests"
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null && command -v apt-get >/dev/null; then
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    fi
    if [ ! -x "$chromium" ]; then
        echo "Chromium is needed for the browser tests and could not be installed here."
        echo "Install it with: sudo apt-get install -y chromium   (Debian/Ubuntu)"
        echo "or set LEADMANAGER_CHROMIUM to a Chromium binary, then run ./test.sh again."
        exit 1
    fi
fi

echo "==> dotnet tool restore"
dotnet tool restore >/dev/null || exit 1

echo "==> Building LeadManager.sln"
if ! dotnet build LeadManager.sln --nologo -v quiet; then
    echo "Build failed."
    echo "0 passed, 1 failed, 0 skipped"
    exit 1
fi

passed=0
failed=0
skipped=0
exit_code=0
log="$(mktemp)"
for project in tests/LeadManager.Tests tests/LeadManager.IntegrationTests tests/LeadManager.EndToEndTests; do
    echo "==> $project"
    dotnet test "$project" --no-build --nologo 2>&1 | tee "$log"
    status=${PIPESTATUS[0]}
    summary="$(grep -E '(Passed|Failed)!  - Failed: ' "$log" | tail -n 1)"
    if [ -z "$summary" ]; then
        echo "!! $project printed no test summary (the test host crashed or found no tests)."
        failed=$((failed + 1))
        exit_code=1
        continue
    fi
    p=$(echo "$summary" | sed -E 's/.*Passed: *([0-9]+).*/\1/')
    f=$(echo "$summary" | sed -E 's/.*Failed: *([0-9]+),.*/\1/')
    s=$(echo "$summary" | sed -E 's/.*Skipped: *([0-9]+).*/\1/')
    passed=$((passed + p))
    failed=$((failed + f))
    skipped=$((skipped + s))
    if [ "$status" -ne 0 ]; then
        exit_code=1
        if [ "$f" -eq 0 ]; then
            failed=$((failed + 1))
        fi
    fi
done
rm -f "$log"

# Known vulnerabilities in the packages, direct and transitive: the check's self-test on recorded
# outputs, then the solution itself (it says loudly, without failing, when no data can be had).
for check in --self-test ""; do
    if .ci/check-vulnerable-packages $check; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        exit_code=1
    fi
done

if [ "$skipped" -ne 0 ]; then
    echo "!! $skipped test(s) skipped: no test may skip itself."
    exit_code=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
exit "$exit_code"
