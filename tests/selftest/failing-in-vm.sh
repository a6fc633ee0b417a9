#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A deliberately failing in-VM test, run only by harness.t (never by the
# suites, hence not named *.t): the harness must report it as a failure.
# shellcheck source=tests/lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"

t_ok "this passes" true
t_is "this fails on purpose" "1 + 1 = 3" "1 + 1 = 2"
t_done
