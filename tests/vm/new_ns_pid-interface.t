#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# new_ns_pid-interface.t - the attribute: on every device of every
# namespace at load and after, root's, mode 0200; the seed's example
# (echo PID > /sys/class/net/eth1/new_ns_pid, traffic, eth1 back when the
# process dies); gone from every device at unload.

. "$(dirname "$0")/../lib/new_ns_pid.sh"

t_is "attribute on every device of init at load" "$(attr_everywhere init)" ""
t_is "attribute on every device of another netns at load" \
	"$(attr_everywhere "$H")" ""
t_is "write-only, owned by root" \
	"$(stat -c '%a %u:%g' /sys/class/net/eth1/new_ns_pid)" "200 0:0"

ip link add nmpost type dummy
t_ok "attribute on a dummy created after load" \
	test -e /sys/class/net/nmpost/new_ns_pid
in_ns "$H" ip link add nmin2 type veth peer name nmin3
t_is "attribute on a veth pair created after load in another netns" \
	"$(view "$H" sh -c 'ls /sys/class/net/nmin2/new_ns_pid \
		/sys/class/net/nmin3/new_ns_pid | wc -l')" 2

if [ -r "$MODULES/drivers/etun/etun.ko" ] &&
	insmod "$MODULES/drivers/etun/etun.ko" 2>/dev/null; then
	if echo nmea,nmeb >/sys/module/etun/parameters/newif; then
		t_ok "attribute on etun devices" test -e \
			/sys/class/net/nmea/new_ns_pid -a -e \
			/sys/class/net/nmeb/new_ns_pid
		echo nmea >/sys/module/etun/parameters/delif
	else
		t_skip "attribute on etun devices" "etun newif failed"
	fi
	rmmod etun
else
	t_skip "attribute on etun devices" \
		"drivers/etun/etun.ko not built for this kernel"
fi

# --- the seed's example ------------------------------------------------

if [ -n "$NETUNSHARE" ]; then
	spawn "$NETUNSHARE" -- sleep 1000
else
	t_diag "tools/netunshare/netunshare not built: using unshare -n"
	spawn unshare -n sleep 1000
fi
pid=$SPAWNED
t_ok "seed: echo \$pid > /sys/class/net/eth1/new_ns_pid" \
	bash -c "echo $pid > /sys/class/net/eth1/new_ns_pid"
t_fail "eth1 is gone from the initial namespace" ip link show dev eth1
t_ok "eth1 is gone from the initial /sys/class/net" \
	test ! -e /sys/class/net/eth1
t_ok "eth1 is in the process's namespace" in_ns "$pid" ip link show dev eth1
t_ok "eth1 and its new_ns_pid are in that namespace's /sys/class/net" \
	view "$pid" test -e /sys/class/net/eth1/new_ns_pid
ip addr add 10.99.0.1/24 dev eth0
ip link set eth0 up
in_ns "$pid" ip addr add 10.99.0.2/24 dev eth1
in_ns "$pid" ip link set eth1 up
t_ok "ping from the initial namespace (eth0) to the process's (eth1)" \
	ping -q -c 2 -w 20 -I eth0 10.99.0.2
t_ok "ping back from the process's namespace" \
	in_ns "$pid" ping -q -c 2 -w 20 10.99.0.1
kill "$pid"
wait "$pid" 2>/dev/null
t_ok "the process died: eth1 is back in the initial namespace" \
	poll 30 test -e /sys/class/net/eth1
t_is "eth1 came back with its name and the attribute, root's" \
	"$(stat -c '%a %u:%g' /sys/class/net/eth1/new_ns_pid 2>&1)" "200 0:0"

new_ns_pid_done init "$H"
