#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# new_ns_pid-errors.t - each errno of a write (EINVAL, ESRCH, EEXIST,
# ENODEV), and a device that did not move keeps its configuration.

. "$(dirname "$0")/../lib/new_ns_pid.sh"

ip link add nmpost type dummy
F=/sys/class/net/nmpost/new_ns_pid
ip addr add 10.98.0.1/24 dev nmpost
ip link set nmpost mtu 1400 up
for bad in abc '\n' 12abc ' 12' '12 ' +12 -5 0 0x10 1e3 '12\n\n' \
	'\n12' '12\x00' '12\x003' 2147483648 99999999999999999999 \
	"$(printf '9%.0s' {1..100})"; do
	t_errno "'${bad:0:24}' is EINVAL" EINVAL "$F" "$bad"
done
t_errno "a zero-length write(2) never reaches the store" OK "$F" ""
sleep 0 &
gone=$!
wait "$gone"
t_errno "no such process ($gone, reaped) is ESRCH" ESRCH "$F" "$gone"
t_errno "no such process (INT_MAX) is ESRCH" ESRCH "$F" 2147483647
# A zombie: its namespaces are already released.
sh -c 'sleep 0 & echo $! >"$1"; exec sleep 1000' zombie "$TMP/zombie" &
BG+=("$!")
poll 10 test -s "$TMP/zombie"
zombie=$(cat "$TMP/zombie")
poll 10 grep -q '^State:.*Z' "/proc/$zombie/status"
t_errno "an exiting (zombie) process is ESRCH" ESRCH "$F" "$zombie"
t_errno "lo is EINVAL (cannot move)" EINVAL /sys/class/net/lo/new_ns_pid "$H"
t_ok "lo is still in the initial namespace" has_dev init lo
if modprobe ipip 2>/dev/null && [ -e /sys/class/net/tunl0/new_ns_pid ]; then
	t_errno "tunl0 (netns-local) is EINVAL" EINVAL \
		/sys/class/net/tunl0/new_ns_pid "$H"
	t_ok "tunl0 did not move" has_dev init tunl0
	rmmod ipip 2>/dev/null
else
	t_skip "tunl0 (netns-local) is EINVAL" "no ipip module"
fi
# nmpost's configuration in one word: address count, MTU, UP count.
nmpost_config()
{
	echo "$(ip -o addr show dev nmpost | grep -c 10.98.0.1/24)$(
		cat /sys/class/net/nmpost/mtu)$(
		ip -o link show dev nmpost | grep -c '[<,]UP[,>]')"
}
in_ns "$H" ip link add nmpost type dummy
t_errno "a device of the same name in the target is EEXIST" EEXIST "$F" "$H"
t_is "the device stayed, with its configuration" "$(nmpost_config)" "114001"
ip link add nmalt type dummy
ip link property add dev nmalt altname nmaltname
in_ns "$H" ip link add nmaltname type dummy
t_errno "an altname taken in the target is EEXIST" EEXIST \
	/sys/class/net/nmalt/new_ns_pid "$H"
t_ok "nmalt did not move" has_dev init nmalt
in_ns "$H" ip link del nmpost
t_errno "its own namespace: success" OK "$F" "$$"
t_is "its own namespace: nothing changed (address, mtu, up)" \
	"$(nmpost_config)" "114001"
ip link add nmgone type dummy
exec {fd}>/sys/class/net/nmgone/new_ns_pid
ip link del nmgone
err=$({ printf '%s' "$H" >&"$fd"; } 2>&1)
exec {fd}>&-
t_match "writing to a device unregistered meanwhile is ENODEV" "$err" \
	"No such device"
t_ok "one trailing newline is accepted" "$WR" "$F" "$H"'\n'
t_ok "nmpost moved" in_ns "$H" ip link show dev nmpost
t_fail "nmpost left the initial namespace" has_dev init nmpost
t_ok "the veth end moves, its attribute with it" \
	"$WR" /sys/class/net/nmvb/new_ns_pid "$H"
t_ok "nmvb's attribute is in the target's sysfs view" \
	view "$H" test -e /sys/class/net/nmvb/new_ns_pid

new_ns_pid_done init "$H"
