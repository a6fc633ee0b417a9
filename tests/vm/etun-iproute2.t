#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# etun-iproute2.t - "ip link add A type etun peer name B ..." with Debian's
# stock ip(8) and tools/iproute2/link_etun.so, as root inside the VM.
#
# The plugin sends veth's layout (VETH_INFO_PEER); etun's newlink takes it:
# peer name, peer attributes, peer in another namespace (with CAP_NET_ADMIN
# over that namespace checked by etun on kernels before 6.15, by the core
# after), failures that leave nothing behind, ip -d link show, ip link del.

. "$(dirname "$0")/../lib/common.sh"

KO=$MODULES/drivers/etun/etun.ko
NS=etun-ip-$$

cleanup()
{
	ip netns del "$NS" 2>/dev/null
	unload etun
}

# paired A B: each end's iflink is the other's ifindex (same namespace).
paired()
{
	[ "$(sysfs "$1" iflink)" = "$(sysfs "$2" ifindex)" ] &&
		[ "$(sysfs "$2" iflink)" = "$(sysfs "$1" ifindex)" ]
}

driver()
{
	ethtool -i "$1" 2>/dev/null | sed -n 's/^driver: //p'
}

if [ ! -e "$KO" ] || [ ! -e "$PLUGIN_DIR/link_etun.so" ]; then
	t_skip "iproute2 plugin" "etun.ko or tools/iproute2/link_etun.so is not built"
	t_done
	exit
fi
unload etun
t_ok "load etun" insmod "$KO"
ip netns add "$NS"
before=$(links)

# --- the plugin ----------------------------------------------------------------
t_match "ip link add type etun help names etun" \
	"$(ipe link add x type etun help 2>&1)" 'type etun \[peer <options>\]'
t_match "without the plugin, stock ip refuses the peer syntax" \
	"$(IP_LIB_DIR=/nonexistent ip link add x type etun peer name y 2>&1)" \
	'Garbage instead of arguments'

# --- create, show, delete ----------------------------------------------------------
t_ok "ip link add ipa0 type etun peer name ipa1" \
	ipe link add ipa0 type etun peer name ipa1
t_ok "ipa0 and ipa1 are a pair" paired ipa0 ipa1
t_is "ipa1 is an etun device" "$(driver ipa1)" etun
t_match "ip -d link show ipa0: ipa0@ipa1, kind etun" \
	"$(ip -d link show ipa0)" '^[0-9]+: ipa0@ipa1: .*'$'\n''.*'$'\n''[[:space:]]+etun '
t_is "ip link add with \"peer ipa2\" (name keyword omitted)" \
	"$(ipe link add ipa3 type etun peer ipa2 >/dev/null 2>&1 && paired ipa3 ipa2 && echo ok)" ok
ip link del ipa3 2>/dev/null
t_ok "ip link del ipa1" ip link del ipa1
t_ok "ip link del ipa1 removed ipa0 too" test ! -e /sys/class/net/ipa0

t_ok "ip link add ipb0 type etun (no peer name)" ipe link add ipb0 type etun
peer=$(ip -o link show ipb0 | sed -n 's/^[0-9]*: ipb0@\([^:]*\):.*/\1/p')
t_match "the peer got an etun%d name" "$peer" '^etun[0-9]+$'
t_ok "ipb0 and $peer are a pair" paired ipb0 "$peer"
t_ok "ip link del of the peer" ip link del "$peer"
t_ok "ipb0 went with it" test ! -e /sys/class/net/ipb0

t_ok "peer attributes: mtu, address, txqueuelen" \
	ipe link add ipc0 mtu 1400 type etun peer name ipc1 mtu 1300 \
	address 02:00:00:00:0c:01 txqueuelen 7
t_is "ipc0 has mtu 1400" "$(sysfs ipc0 mtu)" 1400
t_is "ipc1 has mtu 1300" "$(sysfs ipc1 mtu)" 1300
t_is "ipc1 has address 02:00:00:00:0c:01" "$(sysfs ipc1 address)" 02:00:00:00:0c:01
t_is "ipc1 has txqueuelen 7" "$(sysfs ipc1 tx_queue_len)" 7
t_match "ipc0 got a random unicast address" "$(sysfs ipc0 address)" \
	'^[0-9a-f][26ae]:'
ip link del ipc0

t_ok "ip link add ipg0 index 4000 ... peer name ipg1 index 4001" \
	ipe link add ipg0 index 4000 type etun peer name ipg1 index 4001
t_is "ipg0 has ifindex 4000" "$(sysfs ipg0 ifindex 2>&1)" 4000
t_is "ipg1 has ifindex 4001" "$(sysfs ipg1 ifindex 2>&1)" 4001
ip link del ipg0 2>/dev/null

# --- failures leave nothing behind ----------------------------------------------------
t_match "same name for both ends: File exists" \
	"$(ipe link add ipe0 type etun peer name ipe0 2>&1)" 'File exists'
t_match "peer name taken (eth0): File exists" \
	"$(ipe link add ipf0 type etun peer name eth0 2>&1)" 'File exists'
t_match "multicast peer address: refused" \
	"$(ipe link add ipf0 type etun peer name ipf1 address 01:00:00:00:00:01 2>&1)" \
	'Cannot assign requested address|Invalid MAC address'
t_match "peer name too long: refused" \
	"$(ipe link add ipf0 type etun peer name ipf0123456789abc 2>&1)" \
	'not a valid ifname|Numerical result out of range|Invalid argument'
t_match "peer in a namespace that does not exist: refused" \
	"$(ipe link add ipf0 type etun peer name ipf1 netns 999999 2>&1)" \
	'No such process|Invalid|does not exist'
# The peer is configured before the other end exists: "up" on it cannot
# open an end without a peer (veth answers the same).
t_match "peer brought up in the request: Transport endpoint is not connected" \
	"$(ipe link add ipf0 type etun peer name ipf1 up 2>&1)" \
	'Transport endpoint is not connected'
t_is "after the failures the device list is what it was" "$(links)" "$before"

# --- peer in another namespace -------------------------------------------------------
t_ok "ip link add ipd0 type etun peer name ipd1 netns $NS" \
	ipe link add ipd0 type etun peer name ipd1 netns "$NS"
t_ok "ipd1 is in $NS" ip -n "$NS" link show ipd1
t_ok "ipd1 is not in the initial namespace" test ! -e /sys/class/net/ipd1
t_match "ip link show ipd0 names the peer's namespace" \
	"$(ip link show ipd0)" 'link-netns'"|"'link-netnsid'
ip addr add 10.198.0.1/24 dev ipd0
ip link set ipd0 up
ip -n "$NS" addr add 10.198.0.2/24 dev ipd1
ip -n "$NS" link set ipd1 up
t_ok "ping across the pair into $NS" ping -c 2 -W 2 10.198.0.2
t_ok "ip -n $NS link del ipd1" ip -n "$NS" link del ipd1
t_ok "ipd0 went with it" test ! -e /sys/class/net/ipd0

# "ip link add A netns X type etun ...": A goes to X; the peer goes where
# its own attributes say, by default the requester's namespace, and only
# without a peer part does it follow A (as veth's).
t_ok "ip link add ipk0 netns $NS type etun peer name ipk1" \
	ipe link add ipk0 netns "$NS" type etun peer name ipk1
t_ok "ipk0 is in $NS" ip -n "$NS" link show ipk0
t_ok "ipk1 is in the initial namespace" test -e /sys/class/net/ipk1
t_match "ipk1's peer is ipk0 in the other namespace" \
	"$(ip -o link show ipk1)" 'ipk1@if[0-9]+: .* link-netns'
ip link del ipk1 2>/dev/null
t_ok "ip link add ipl0 netns $NS type etun (no peer part)" \
	ipe link add ipl0 netns "$NS" type etun
t_match "... both ends are in $NS" "$(ip -n "$NS" -o link show)" \
	'ipl0@etun[0-9]+:'
ip -n "$NS" link del ipl0 2>/dev/null

# --- unprivileged peer namespace ----------------------------------------------------
# The root of a new user namespace owns its new network namespace, so it
# may create ipu0 there, but not put ipu1 into the initial namespace.  The
# initial namespace is named by a descriptor opened before unshare: ip
# 6.15 opens /proc/PID/ns/net itself for "netns PID", which the user
# namespace may not, and would stop before the kernel is asked.
out=$(unshare -Urn bash -c "
	IP_LIB_DIR='$PLUGIN_DIR' ip link add ipu0 type etun peer name ipu1 netns /proc/self/fd/3 2>&1
	echo \"status \$?\"
	ip -o link show | awk -F': ' '{ print \$2 }'" 2>&1 3</proc/self/ns/net)
t_match "user namespace root, peer into the initial namespace: Operation not permitted" \
	"$out" 'Operation not permitted'
t_match "... ip exits 2" "$out" 'status 2'
t_is "... nothing was left in its namespace" \
	"$(grep -c '^ipu' <<<"$out")" 0
t_is "... nothing reached the initial namespace" "$(links)" "$before"
out=$(unshare -Urn bash -c "
	IP_LIB_DIR='$PLUGIN_DIR' ip link add ipu0 type etun peer name ipu1 &&
	ip -o link show | awk -F': ' '{ print \$2 }'" 2>&1)
t_match "user namespace root, both ends in its own namespace: allowed" \
	"$out" 'ipu0@ipu1'
# Its namespace died with the process: the ends must be destroyed, as
# must a root-owned namespace's own pair.  Namespaces are cleaned up in
# order by one worker, so once a host-given peer from a namespace that
# died later is back, the earlier ones are gone too.
t_ok "a pair in a root-owned namespace (unshare -n)" \
	unshare -n env IP_LIB_DIR="$PLUGIN_DIR" \
	ip link add ipm0 type etun peer name ipm1
sleeper
t_ok "ip link add ipn0 type etun peer name ipn1 netns PID" \
	ipe link add ipn0 type etun peer name ipn1 netns "$SLEEPER"
kill "$SLEEPER"
wait "$SLEEPER" 2>/dev/null
back() { ip -o link show ipn0 | grep -qE '^[0-9]+: ipn0@etun[0-9]+: '; }
t_ok "... ipn1, never in init_net, comes back as etunN when its namespace dies" \
	poll 90 back
ip link del ipn0 2>/dev/null
t_is "... the pairs made inside the namespaces did not come back" "$(links)" "$before"

t_is "the device list is what it was" "$(links)" "$before"
t_ok "etun unloads" rmmod etun
t_done
