#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# netunshare: what a user of unshare(1) would expect, asserted for real.
#
#   [ caller's netns ] --netunshare--> [ new netns: lo (DOWN) ] --exec--> CMD
#                                       -l: lo UP     -p FILE: bind mount
#
# Runs as root on the host and in the VM; needs no module.

set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tests/lib/tap.sh
. "$top/tests/lib/tap.sh"

nu=${NETUNSHARE:-$top/tools/netunshare/netunshare}
tmp=$(mktemp -d)
persist=$tmp/ns-persist

cleanup()
{
	umount "$persist" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

# --- options and usage errors ------------------------------------------------
out=$("$nu" --help) && rc=0 || rc=$?
t_is "--help exits 0" "$rc" 0
t_match "--help shows the usage line" "$out" '^Usage: netunshare \[options\] \[--\] \[COMMAND \[ARG\]\.\.\.\]'
t_match "--version prints the version" "$("$nu" --version)" '^netunshare [0-9]+\.[0-9]+'
rc=0; err=$("$nu" --bogus true 2>&1) || rc=$?
t_is "an unknown option exits 125" "$rc" 125
t_match "... saying what was wrong" "$err" "^netunshare: unrecognized option '--bogus'"
rc=0; err=$("$nu" -p 2>&1) || rc=$?
t_is "a missing argument exits 125" "$rc" 125
t_match "... saying which option" "$err" "^netunshare: option '-p' requires an argument"
rc=0; err=$("$nu" -p '' true 2>&1) || rc=$?
t_is "an empty --persist file is a usage error (125)" "$rc" 125

# --- a new namespace ------------------------------------------------------------
parent=$(readlink /proc/self/ns/net)
child=$("$nu" -- readlink /proc/self/ns/net)
t_match "COMMAND runs in a network namespace" "$child" '^net:\[[0-9]+\]$'
t_ok "... which is not the caller's" test -n "$child" -a "$child" != "$parent"
t_is "the new namespace has exactly lo" \
	"$("$nu" -- ip -o link show | awk -F': ' '{sub(/@.*/, "", $2); print $2}' |
		t_fb_strip)" lo
t_match "... and it is DOWN" "$("$nu" -- ip -o link show lo)" '<LOOPBACK> .* state DOWN'
rc=0; "$nu" -- ping -c1 -W1 127.0.0.1 >/dev/null 2>&1 || rc=$?
t_match "... so ping 127.0.0.1 fails (ping's status, not ours)" "$rc" '^[12]$'
t_match "-l brings lo UP" "$("$nu" -l -- ip -o link show lo)" '<LOOPBACK,UP,LOWER_UP>'
t_ok "-l: ping 127.0.0.1 works" "$nu" --loopback -- ping -c1 -W2 127.0.0.1
t_is "options after COMMAND are COMMAND's" "$("$nu" echo -l -p x)" "-l -p x"
t_is "without COMMAND, \$SHELL runs" \
	"$(echo 'readlink /proc/self/ns/net' | SHELL=/bin/sh "$nu" | grep -c net:)" 1
t_is "without COMMAND and \$SHELL, /bin/sh runs" \
	"$(echo 'echo sh-ran' | env -u SHELL "$nu")" sh-ran

# --- --persist --------------------------------------------------------------------
inner=$("$nu" -l -p "$persist" -- sh -c \
	'ip addr add 192.0.2.1/32 dev lo && readlink /proc/self/ns/net')
t_match "-p FILE: COMMAND ran" "$inner" '^net:\[[0-9]+\]$'
t_ok "... FILE is a mount point after COMMAND exited" mountpoint -q "$persist"
t_match "... nsenter --net=FILE enters it (the address is there)" \
	"$(nsenter --net="$persist" ip -o -4 addr show dev lo)" '192\.0\.2\.1/32'
t_is "... it is the namespace COMMAND ran in" \
	"$(nsenter --net="$persist" readlink /proc/self/ns/net)" "$inner"
t_fail "... and not the caller's" test \
	"$(nsenter --net="$persist" readlink /proc/self/ns/net)" = "$parent"
umount "$persist"
rc=0; err=$("$nu" -p "$tmp/no/such/dir/ns" true 2>&1) || rc=$?
t_is "-p into a missing directory fails with 125" "$rc" 125
t_match "... and says why" "$err" "^netunshare: $tmp/no/such/dir/ns: cannot create: No such file or directory$"

# --- exit status and signals pass through ------------------------------------------
rc=0; "$nu" -- sh -c 'exit 7' || rc=$?
t_is "COMMAND's exit status passes through (7)" "$rc" 7
# A child bash reports the status, so ours prints no "Terminated".
rc=$(bash -c '"$0" -- sh -c "kill -TERM \$\$"; echo $?' "$nu" 2>/dev/null)
t_is "a signal passes through (SIGTERM: 143)" "$rc" 143
rc=0; "$nu" true || rc=$?
t_is "success passes through (0)" "$rc" 0
pids=$(sh -c 'echo $$; exec "$0" -- sh -c "echo \$\$"' "$nu" | tr '\n' ' ')
t_match "netunshare execs COMMAND (same pid, no fork)" "$pids" '^([0-9]+) \1 $'

rc=0; err=$("$nu" -- /nonexistent/cmd 2>&1) || rc=$?
t_is "a missing COMMAND exits 127" "$rc" 127
t_is "... saying so" "$err" \
	"netunshare: failed to execute /nonexistent/cmd: No such file or directory"
printf 'not a program\n' >"$tmp/noexec"
chmod 0644 "$tmp/noexec"
rc=0; err=$("$nu" -- "$tmp/noexec" 2>&1) || rc=$?
t_is "a non-executable COMMAND exits 126" "$rc" 126
t_is "... saying so" "$err" \
	"netunshare: failed to execute $tmp/noexec: Permission denied"

# --- without privilege ----------------------------------------------------------------
rc=0
err=$(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
	"$nu" true 2>&1) || rc=$?
t_is "an unprivileged user gets 125" "$rc" 125
t_is "... and the reason" "$err" \
	"netunshare: unshare(CLONE_NEWNET): Operation not permitted (CAP_NET_ADMIN is required)"
rc=0
err=$(capsh --drop=cap_net_admin,cap_sys_admin -- -c "'$nu' true" 2>&1) || rc=$?
if command -v capsh >/dev/null; then
	t_is "root without CAP_SYS_ADMIN gets 125" "$rc" 125
else
	t_skip "root without CAP_SYS_ADMIN gets 125" "capsh not installed"
fi

t_done
