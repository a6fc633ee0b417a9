#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The harness proves it can fail (host side, three VM boots):
#
#   run-vm -- failing-in-vm.sh         a failing test fails the run
#   run-vm -- insmod warn_on.ko  a kernel WARNING fails a passing run
#   run-vm --timeout -- sleep    a hung guest is stopped, status 124
#
# plus the dmesg guard on canned kernel logs and the tally on canned TAP.

set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 125
# shellcheck source=tests/lib/tap.sh
. tests/lib/tap.sh

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# --- dmesg-guard on canned logs ---------------------------------------------
printf '[    1.0] eth0: link up\n[    2.0] kmemleak: Kernel memory leak detector initialized (mempool available: 1)\n' \
	>"$tmp/clean"
t_ok "dmesg-guard passes a clean log" tests/harness/dmesg-guard "$tmp/clean"
for line in 'WARNING: CPU: 0 PID: 1 at x.c:1 f+0x1/0x2' \
	'BUG: kernel NULL pointer dereference, address: 0' \
	'Oops: 0000 [#1] PREEMPT SMP' \
	'BUG: KASAN: slab-use-after-free in f+0x1/0x2' \
	'kmemleak: 1 new suspected memory leaks (see /sys/kernel/debug/kmemleak)' \
	'unregister_netdevice: waiting for etun0 to become free. Usage count = 2' \
	'Call Trace:'; do
	printf '[    1.0] ok\n[    2.0] %s\n' "$line" >"$tmp/bad"
	t_fail "dmesg-guard catches '$line'" tests/harness/dmesg-guard "$tmp/bad"
done
printf 'not ok 1 - WARNING: only a test said this\n' >"$tmp/console"
t_ok "dmesg-guard ignores test output on the console" \
	tests/harness/dmesg-guard "$tmp/clean" "$tmp/console"
printf '[    2.0] sysrq: Power Off\n[    2.1] Kernel panic - not syncing: Attempted to kill init!\n' \
	>"$tmp/console"
t_ok "dmesg-guard ignores what the power-off prints" \
	tests/harness/dmesg-guard "$tmp/clean" "$tmp/console"
printf '[    1.0] Kernel panic - not syncing: Fatal exception\n[    2.0] sysrq: Power Off\n' \
	>"$tmp/console"
t_fail "dmesg-guard catches a panic on the console before the power-off" \
	tests/harness/dmesg-guard "$tmp/clean" "$tmp/console"

# --- tally on canned TAP streams ------------------------------------------------
# stream NAME RC TAP: a canned stream as the runner keeps them
stream()
{
	printf '%b' "$3" >"$tmp/$1.tap"
	echo "$2" >"$tmp/$1.rc"
}
stream pass 0 '1..2\nok 1 - a\nok 2 - b # SKIP c\n'
t_is "tally counts a passing stream" \
	"$(tests/harness/tally "$tmp/pass.tap" | tail -n 1)" \
	"1 passed, 0 failed, 1 skipped"
stream todo 0 '1..2\nok 1\nnot ok 2 - known # TODO bug 1\n'
t_is "tally counts a failing TODO as skipped" \
	"$(tests/harness/tally "$tmp/todo.tap" | tail -n 1)" \
	"1 passed, 0 failed, 1 skipped"
stream fail 1 '1..2\nok 1\nnot ok 2\n'
stream short 0 '1..3\nok 1\n'
stream status 2 '1..1\nok 1\n'
t_is "tally counts a failure, a short plan and a bad status" \
	"$(tests/harness/tally "$tmp/fail.tap" "$tmp/short.tap" "$tmp/status.tap" |
		tail -n 1)" "3 passed, 3 failed, 0 skipped"
t_fail "tally fails when a stream failed" tests/harness/tally "$tmp/pass.tap" \
	"$tmp/short.tap"
t_ok "tally passes when no stream failed" tests/harness/tally "$tmp/pass.tap" \
	"$tmp/todo.tap"
t_fail "tally fails a stream whose status file is missing" \
	tests/harness/tally "$tmp/missing.tap"

# --- real boots ---------------------------------------------------------------
rc=0
tests/harness/run-vm --quiet --out "$tmp/fail" -- bash tests/selftest/failing-in-vm.sh \
	2>"$tmp/fail.err" || rc=$?
t_is "a failing in-VM test fails the run with its status" "$rc" 1
t_ok "... and run-vm says so" grep -q 'command failed in the guest with status 1' \
	"$tmp/fail.err"
t_ok "... and the console log keeps the TAP failure" \
	grep -q '^not ok 2 - this fails on purpose' "$tmp/fail/console.log"

rc=0
t_ok "the test modules build for the kernel run-vm boots" make -s test-modules
# shellcheck disable=SC2016 # $MODULES is the guest's (run-vm sets it)
tests/harness/run-vm --quiet --out "$tmp/warn" -- \
	sh -c 'insmod "$MODULES/tests/kmod/warn_on.ko"' \
	2>"$tmp/warn.err" || rc=$?
t_is "a kernel WARNING fails a run whose command passed (status 3)" "$rc" 3
t_ok "... named by the dmesg guard" grep -q 'dmesg guard' "$tmp/warn.err"
t_ok "... with the offending line" grep -q 'kernel log: .*WARNING: .*warn_on' \
	"$tmp/warn.err"
t_ok "... and the guest's dmesg is kept" grep -q 'deliberate warning' \
	"$tmp/warn/dmesg"

rc=0
tests/harness/run-vm --quiet --timeout 40 --out "$tmp/hang" -- sleep 1000 \
	2>"$tmp/hang.err" || rc=$?
t_is "a hung guest is stopped at the timeout (status 124)" "$rc" 124
t_ok "... and run-vm says so" grep -q 'timed out after 40s' "$tmp/hang.err"

t_done
