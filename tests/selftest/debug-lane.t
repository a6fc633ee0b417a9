#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The debug-kernel lane proves it can fail (host side, four VM boots of
# the kernel scripts/debug-kernel built; skipped when it is not built, and
# unless DEBUG_LANE=1, as make check-debug sets: the boots take minutes):
#
#   run-vm -- true                         passes: the lane is not red by itself
#   run-vm -- insmod use_after_free.ko     KASAN report (panic_on_warn)
#   run-vm -- insmod leak.ko               kmemleak report after the two scans
#   run-vm -- insmod sleep_in_atomic.ko    "BUG: sleeping function called
#                                          from invalid context"
#
# The test modules are built for the debug kernel in a private copy of
# tests/kmod: the tree's own are built for the default kernel and
# tests/selftest/harness.t boots that one with them.

set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 125
# shellcheck source=tests/lib/tap.sh
. tests/lib/tap.sh

if [ "${DEBUG_LANE:-0}" != 1 ]; then
	t_skip "the debug-kernel lane can fail" "DEBUG_LANE=1 not set"
	t_done
	exit
fi
if ! dk=$(scripts/debug-kernel env 2>/dev/null); then
	t_skip "the debug-kernel lane can fail" \
		"no debug kernel (scripts/debug-kernel build)"
	t_done
	exit
fi
eval "$dk"
t_diag "debug kernel $KVER at $KROOT"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/kmod"
cp tests/kmod/Kbuild tests/kmod/*.c "$tmp/kmod/"
t_ok "the test modules build for $KVER" \
	make -C "$KDIR" M="$tmp/kmod" modules || {
	t_done
	exit
}

# boot NAME CMD...: one debug-kernel run; its status in $rc.
boot()
{
	local name=$1

	shift
	rc=0
	tests/harness/run-vm --kver "$KVER" --kroot "$KROOT" --quiet \
		--timeout 900 --out "$tmp/$name" \
		-- "$@" 2>"$tmp/$name.err" || rc=$?
}

boot clean true
t_is "a clean run passes on the debug kernel" "$rc" 0 ||
	sed 's/^/#   /' "$tmp/clean.err"

boot uaf insmod "$tmp/kmod/use_after_free.ko"
t_fail "a use-after-free fails the run (status $rc)" test "$rc" = 0
t_ok "... with a KASAN report" \
	grep -qE 'BUG: KASAN: [a-z-]*use-after-free in use_after_free_init' \
	"$tmp/uaf/console.log"

boot leak bash -c "insmod $tmp/kmod/leak.ko && sleep 6"
t_is "a leak fails a run whose command passed (status 3)" "$rc" 3
t_ok "... with a kmemleak report after the double scan" \
	grep -q 'unreferenced object' "$tmp/leak/kmemleak"
# (leak_init is gone with the module's init section: its 1024 bytes tell.)
t_ok "... of the 1024 bytes leak_init allocated" \
	grep -q 'unreferenced object .*(size 1024)' "$tmp/leak/kmemleak"
t_ok "... named by the dmesg guard" grep -q 'dmesg guard' "$tmp/leak.err"

boot atomic insmod "$tmp/kmod/sleep_in_atomic.ko"
t_is "a sleep in atomic context fails a run whose command passed (status 3)" \
	"$rc" 3
t_ok "... with the DEBUG_ATOMIC_SLEEP report" \
	grep -q 'BUG: sleeping function called from invalid context' \
	"$tmp/atomic/dmesg"
t_ok "... from sleep_in_atomic_init" \
	grep -q 'sleep_in_atomic_init' "$tmp/atomic/dmesg"

t_done
