#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What the kernel's network namespaces isolate: the product relies on it,
# so it is proven here (on the host and in the VM; no module needed).
#
#   [ nsA ] vethA ---------- vethB [ nsB ]
#     192.0.2.1/24             192.0.2.2/24
#     lo: 127.0.0.1:8080       lo: 127.0.0.1:8080
#     @netns-sysfs-test        @netns-sysfs-test  (abstract AF_UNIX)

set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tests/lib/tap.sh
. "$top/tests/lib/tap.sh"

nu=${NETUNSHARE:-$top/tools/netunshare/netunshare}
hold=$top/tests/tools/holdbind
A=nss-iso-a-$$
B=nss-iso-b-$$

cleanup()
{
	ip netns del "$A" 2>/dev/null
	ip netns del "$B" 2>/dev/null
}
trap cleanup EXIT

inA() { ip netns exec "$A" "$@"; }
inB() { ip netns exec "$B" "$@"; }

if ! ip netns add "$A" || ! ip netns add "$B"; then
	t_diag "ip netns add failed"
	exit 1
fi
inA ip link set lo up
inB ip link set lo up
ip link add vethA netns "$A" type veth peer name vethB netns "$B"
inA ip addr add 192.0.2.1/24 dev vethA
inB ip addr add 192.0.2.2/24 dev vethB
inA ip link set vethA up
inB ip link set vethB up

# --- addresses, routes, neighbours ---------------------------------------------
t_match "nsA has its address" "$(inA ip -o -4 addr show)" '192\.0\.2\.1/24'
t_fail "... nsB does not see it" sh -c \
	"ip netns exec $B ip -o addr show | grep -q '192\\.0\\.2\\.1/'"
t_fail "... the initial namespace does not see it" sh -c \
	"ip -o addr show | grep -q '192\\.0\\.2\\.1/24'"
inA ip route add 198.51.100.0/24 via 192.0.2.2
t_match "nsA has its route" "$(inA ip route show 198.51.100.0/24)" 'via 192\.0\.2\.2'
t_is "... nsB has no such route" "$(inB ip route show 198.51.100.0/24)" ""
t_is "... nor has the initial namespace" "$(ip route show 198.51.100.0/24)" ""
inA ip neigh replace 192.0.2.77 lladdr 02:00:00:00:00:77 dev vethA nud permanent
t_match "nsA has its neighbour" "$(inA ip neigh show 192.0.2.77)" '02:00:00:00:00:77'
t_is "... nsB has no such neighbour" "$(inB ip neigh show 192.0.2.77)" ""
t_is "... nor has the initial namespace" "$(ip neigh show 192.0.2.77)" ""
t_ok "the pair joins them: nsA pings nsB" inA ping -c1 -W2 192.0.2.2

# --- sockets ----------------------------------------------------------------------
t_is "one namespace cannot bind 127.0.0.1:8080 twice (control)" \
	"$(inA "$hold" tcp 127.0.0.1 8080 "$hold" tcp 127.0.0.1 8080 | tr '\n' ' ')" \
	"OK EADDRINUSE "
t_is "two namespaces each bind TCP 127.0.0.1:8080" \
	"$(inA "$hold" tcp 127.0.0.1 8080 ip netns exec "$B" \
		"$hold" tcp 127.0.0.1 8080 | tr '\n' ' ')" "OK OK "
t_is "one namespace cannot bind an abstract AF_UNIX name twice (control)" \
	"$(inA "$hold" unix netns-sysfs-test "$hold" unix netns-sysfs-test |
		tr '\n' ' ')" "OK EADDRINUSE "
t_is "an abstract AF_UNIX name is per namespace" \
	"$(inA "$hold" unix netns-sysfs-test ip netns exec "$B" \
		"$hold" unix netns-sysfs-test | tr '\n' ' ')" "OK OK "

# --- what /proc and /sys show --------------------------------------------------
proc_net_dev="tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | sort | tr '\n' ' '"
t_is "/proc/net/dev in a new namespace lists only lo" \
	"$("$nu" -- sh -c "$proc_net_dev" | t_fb_strip | tr '\n' ' ')" "lo "
t_is "/proc/net/dev in nsA lists lo and vethA" \
	"$(inA sh -c "$proc_net_dev" | t_fb_strip | tr '\n' ' ')" "lo vethA "
t_is "/sys/class/net, sysfs mounted in a new namespace: only lo" \
	"$("$nu" -k -- unshare -m sh -c 'mount -t sysfs sysfs /sys && ls /sys/class/net' |
		t_fb_strip)" lo
t_is "/sys/class/net, sysfs mounted in nsA: lo and vethA" \
	"$(inA sh -c 'ls /sys/class/net' | t_fb_strip | tr '\n' ' ')" "lo vethA "
t_fail "... and vethA is not in the initial namespace's view" \
	test -e /sys/class/net/vethA

t_done
