#!/usr/bin/env bash
# The forge endpoints spec's bin/test.sh: builds the executables (bin/cli, bin/server) and runs the bats suites
# of the spec's conventions against them: the project's own (src/test/bats), then the spec's test_cli.sh and
# test_web.sh when its repository is checked out at spec/ (as a git submodule; see README).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$root"
command -v bats > /dev/null || { echo "bin/test.sh needs bats (apt-get install bats)" >&2; exit 1; }

WHCK_UNDER_TEST=$(bin/cli)
VALIDATOR_UNDER_TEST=$(bin/server)
export WHCK_UNDER_TEST VALIDATOR_UNDER_TEST
bats src/test/bats

if [ -f .gitmodules ] && git config -f .gitmodules --get submodule.spec.path > /dev/null; then
  git submodule update --init spec
fi
if [ -x spec/test_cli.sh ]; then
  spec/test_cli.sh "$WHCK_UNDER_TEST"
fi
if [ -x spec/test_web.sh ]; then
  # The spec's second argument: a local bin/whck override if there is one, else whck from the PATH, else none.
  whck=()
  if [ -x bin/whck ]; then
    whck=("$root/bin/whck")
  elif command -v whck > /dev/null; then
    whck=("$(command -v whck)")
  fi
  spec/test_web.sh "$VALIDATOR_UNDER_TEST" "${whck[@]}"
fi
