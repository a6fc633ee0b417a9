#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# netunshare --move and --etun, with and without the modules (in the VM).
#
#   initial netns                         netunshare's netns
#   eth0  eth1 ----- new_ns_pid ------->   eth1          (-m eth1)
#   hN ============ etun pair =========>   pN            (-e hN,pN)
#
# All or nothing: a failed step undoes the earlier ones and COMMAND does
# not run.

set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tests/lib/tap.sh
. "$top/tests/lib/tap.sh"

nu=$top/tools/netunshare/netunshare
move_ko=$top/net/netns_move.ko
etun_ko=$top/drivers/etun/etun.ko
marker=/tmp/nu-ran-$$

cleanup()
{
	local d

	for d in nuh0 nuh1 nuh2 nuh3 nuh4 nuveth0; do
		ip link del "$d" 2>/dev/null
	done
	rmmod etun 2>/dev/null
	rmmod netns_move 2>/dev/null
	rm -f "$marker"
}
trap cleanup EXIT

in_init() { ip -o link show "$1" >/dev/null 2>&1; }

# Devices go back (or away) when the namespace dies, asynchronously.
wait_for() # TEST...
{
	local _

	for _ in $(seq 100); do
		"$@" && return 0
		sleep 0.1
	done
	return 1
}

links() # prints "name name ..." of the namespace running it
{
	ip -o link show | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' | sort |
		t_fb_strip | tr '\n' ' '
}
export -f links t_fb_strip

if [ ! -e "$move_ko" ] || [ ! -e "$etun_ko" ]; then
	t_skip "netunshare --move/--etun" "modules not built"
	t_done
	exit
fi

# --- without the modules -------------------------------------------------------
rc=0; err=$("$nu" -m eth1 -- touch "$marker" 2>&1) || rc=$?
t_is "-m without netns_move: 125" "$rc" 125
t_is "... naming the missing module" "$err" \
	"netunshare: --move eth1: /sys/class/net/eth1/new_ns_pid is missing: the netns_move module is not loaded (modprobe netns_move)"
t_fail "... COMMAND did not run" test -e "$marker"
t_ok "... eth1 did not move" in_init eth1
rc=0; err=$("$nu" -e nuh0,nup0 -- touch "$marker" 2>&1) || rc=$?
t_is "-e without etun: 125" "$rc" 125
t_match "... naming the missing module" "$err" 'the etun module is not loaded \(modprobe etun\)$'
t_fail "... COMMAND did not run" test -e "$marker"

# --- --move ------------------------------------------------------------------------
insmod "$move_ko"
t_is "netunshare -m eth1 -- ip -o link lists eth1 and lo only" \
	"$("$nu" -m eth1 -- bash -c links)" "eth1 lo "
t_ok "eth1 is back in the initial namespace after COMMAND exits" \
	wait_for in_init eth1

rc=0; err=$("$nu" -m eth1 -m nosuchdev -- touch "$marker" 2>&1) || rc=$?
t_is "-m of a missing device: 125" "$rc" 125
t_is "... saying which" "$err" "netunshare: --move nosuchdev: no such network device"
t_fail "... COMMAND did not run" test -e "$marker"
t_ok "... eth1 never left" in_init eth1

ip link add nuveth0 type veth peer name nuveth1
rc=0; err=$("$nu" -m nuveth0 -m lo -- touch "$marker" 2>&1) || rc=$?
t_is "-m lo fails (the loopback device never moves): 125" "$rc" 125
t_match "... with the kernel's reason" "$err" \
	'^netunshare: --move lo: /sys/class/net/lo/new_ns_pid: Invalid argument'
t_fail "... COMMAND did not run" test -e "$marker"
t_ok "... nuveth0, moved first, was moved back (not destroyed)" \
	wait_for in_init nuveth0
t_match "... and is still paired" "$(ip -o link show nuveth0)" 'nuveth0@nuveth1'
ip link del nuveth0

# --- --etun --------------------------------------------------------------------------
insmod "$etun_ko"
t_is "netunshare -e nuh0,nup0: the new namespace holds lo and nup0" \
	"$("$nu" -e nuh0,nup0 -- bash -c links)" "lo nup0 "
t_ok "... nuh0 stayed in the initial namespace" in_init nuh0
t_ok "... nup0 came back when the namespace died" wait_for in_init nup0
ip link del nuh0
t_fail "... ip link del nuh0 removed both ends" in_init nup0

out=$("$nu" -l -e nuh1,nup1 -- sh -c '
	nsenter -t 1 -n sh -c "ip addr add 10.99.0.1/24 dev nuh1 && ip link set nuh1 up" &&
	ip addr add 10.99.0.2/24 dev nup1 && ip link set nup1 up &&
	ping -c1 -W10 10.99.0.1 >/dev/null && echo crossed' 2>&1)
t_is "-e: a ping crosses the pair out of the new namespace" "$out" crossed
ip link del nuh1 2>/dev/null

rc=0; err=$("$nu" -e nuh2,nup2 -e nuh3,lo -- touch "$marker" 2>&1) || rc=$?
t_is "-e with a taken name: 125" "$rc" 125
t_match "... with the kernel's reason" "$err" \
	'^netunshare: --etun nuh3,lo: /sys/module/etun/parameters/newif: File exists$'
t_fail "... COMMAND did not run" test -e "$marker"
t_fail "... the first pair was deleted again" in_init nuh2
t_fail "... nothing of the second was left" in_init nuh3

rmmod netns_move
t_is "-e without netns_move moves PEER through rtnetlink" \
	"$("$nu" -e nuh4,nup4 -- bash -c links)" "lo nup4 "
t_ok "... nuh4 stayed" in_init nuh4
ip link del nuh4 2>/dev/null

t_done
