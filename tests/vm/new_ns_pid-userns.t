#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# new_ns_pid-userns.t - permissions: the file mode, CAP_NET_ADMIN, and a
# user namespace's root, who may move its own devices between its own
# namespaces only.

. "$(dirname "$0")/../lib/new_ns_pid.sh"

F=/sys/class/net/nmpre/new_ns_pid
t_is "an unprivileged uid gets EACCES from the file mode" \
	"$(setpriv --reuid=65534 --regid=65534 --clear-groups "$WR" "$F" "$H")" \
	EACCES
t_is "root without CAP_NET_ADMIN gets EPERM" \
	"$(setpriv --inh-caps=-net_admin --bounding-set=-net_admin \
		"$WR" "$F" "$H")" EPERM
t_is "root without CAP_NET_ADMIN gets EPERM before any parsing" \
	"$(setpriv --inh-caps=-net_admin --bounding-set=-net_admin \
		"$WR" "$F" garbage)" EPERM
t_ok "nmpre did not move" has_dev init nmpre

# A: a user namespace U (root inside is uid 1000 outside) and its netns.
spawn setpriv --reuid=1000 --regid=1000 --clear-groups \
	unshare --user --map-root-user --net sleep 1000
A=$SPAWNED
# B: another netns owned by U; C: one owned by the initial user namespace.
NOT=$A spawn nsenter -t "$A" -U -- unshare -n sleep 1000
B=$SPAWNED
NOT=$A spawn unshare -n sleep 1000
C=$SPAWNED

# as_uroot PID CMD...: run CMD as root of U, with /sys showing PID's netns.
as_uroot()
{
	local pid=$1

	shift
	# shellcheck disable=SC2016 # expanded by sh
	nsenter -t "$pid" -n -- unshare -m -- sh -c \
		'mount -t sysfs sysfs /sys && exec nsenter -t "$0" -U -- "$@"' \
		"$A" "$@"
}

ip link add nmu type dummy
t_ok "root moves nmu into A (owned by U)" \
	"$WR" /sys/class/net/nmu/new_ns_pid "$A"
t_is "in A the file belongs to U's root (uid 1000 outside)" \
	"$(view "$A" stat -c '%u:%g' /sys/class/net/nmu/new_ns_pid)" \
	"1000:1000"
t_is "... which U sees as 0:0, as the kernel's own files" \
	"$(as_uroot "$A" stat -c '%u:%g' /sys/class/net/nmu/new_ns_pid \
		/sys/class/net/nmu/mtu | sort -u)" "0:0"
t_is "U's root cannot write the initial namespace's files (EACCES)" \
	"$(nsenter -t "$A" -U -- "$WR" /sys/class/net/eth0/new_ns_pid "$B")" \
	EACCES
t_is "U's root moves nmu from A to B (both owned by U)" \
	"$(as_uroot "$A" "$WR" /sys/class/net/nmu/new_ns_pid "$B")" OK
t_ok "nmu is in B" in_ns "$B" ip link show dev nmu
t_fail "nmu left A" in_ns "$A" ip link show dev nmu
t_is "U's root cannot move nmu into the initial namespace (EPERM)" \
	"$(as_uroot "$B" "$WR" /sys/class/net/nmu/new_ns_pid 1)" EPERM
t_is "U's root cannot move nmu into C, not U's (EPERM)" \
	"$(as_uroot "$B" "$WR" /sys/class/net/nmu/new_ns_pid "$C")" EPERM
t_ok "nmu stayed in B" in_ns "$B" ip link show dev nmu
t_is "U's root cannot move C's devices (EACCES: the file is root's)" \
	"$(in_ns "$C" ip link add nmc type dummy &&
	as_uroot "$C" "$WR" /sys/class/net/nmc/new_ns_pid "$B")" EACCES
t_ok "root moves nmu from B back to the initial namespace" \
	view "$B" "$WR" /sys/class/net/nmu/new_ns_pid 1
t_is "back home the file is the initial root's again" \
	"$(stat -c '%u:%g' /sys/class/net/nmu/new_ns_pid)" "0:0"

new_ns_pid_done init "$H" "$A" "$B" "$C"
