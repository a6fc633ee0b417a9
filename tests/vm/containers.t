#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# containers.t - what a container can do with etun and new_ns_pid, and
# what it leaves behind (nothing), as root of the VM driving "containers":
#
#   unshare --net --pid --fork --mount-proc \
#           setpriv --bounding-set=-all,+net_admin CMD
#
# i.e. a Docker/Kubernetes container without a user namespace granted
# NET_ADMIN only: its namespace is owned by the initial user namespace, it
# has CAP_NET_ADMIN there, and no handle on init_net.
#
#   init netns                         container netns (dies)
#   +-----------------------+          +-----------------------------+
#   | hg0 ================== pair ==== hg1 (renamed, altnames, MTU) |
#   +-----------------------+          | c0,c1  c2,c3  (its own)     |
#     hg1 comes back as it left        +-----------------------------+
#     (name, MTU, address, no altnames); the container's own pairs die.
#
# Also: an altname flood over two container lives, both ends in two dying
# namespaces, netconsole refused on etun, bpf_redirect_peer() counted in
# rx (veth as the control), and new_ns_pid refused on a dying namespace.

# The container scripts are single-quoted: they expand inside the container.
# shellcheck disable=SC2016
. "$(dirname "$0")/../lib/common.sh"

ETUN_KO=$MODULES/drivers/etun/etun.ko
MOVE_KO=$MODULES/net/new_ns_pid.ko
SLOW_KO=$MODULES/tests/kmod/slow_netns_exit.ko
P=/sys/module/etun/parameters
WR=$T_TOOLS/wr
NS_A=ctr-a-$$
NS_B=ctr-b-$$

cleanup()
{
	local m

	ip netns del "$NS_A" 2>/dev/null
	ip netns del "$NS_B" 2>/dev/null
	umount "$TMP/sys" 2>/dev/null
	rm -f /sys/fs/bpf/containers-t-*
	for m in netconsole slow_netns_exit etun new_ns_pid; do
		unload "$m"
	done
}

same_links()
{
	[ "$(links)" = "$base" ]
}

# container SCRIPT: run SCRIPT (bash) as a NET_ADMIN-only container, in
# the background; CPID is a process in its network namespace.  SCRIPT
# finds $P, $TMP and ipe (ip with the plugin).
container()
{
	unshare --net --pid --fork --mount-proc \
		setpriv --bounding-set=-all,+net_admin --inh-caps=-all \
		env P="$P" TMP="$TMP" PLUGIN_DIR="$PLUGIN_DIR" bash -c \
		'ipe() { IP_LIB_DIR=$PLUGIN_DIR ip "$@"; }; '"$1" \
		>>"$TMP/container.log" 2>&1 &
	CPID=$!
	BG+=("$CPID")
	poll 90 other_netns "$CPID"
}

# altnames DEV NAME: an ip -batch script giving the 32,769 altnames
# NAME0..NAME32768 (enough to exhaust the names NAME%d can take) to the
# devices DEV0..DEV72, 450 each: a device takes about 490 (its property
# list is bounded), a request about 85, a line of ip -batch 100 words.
altnames()
{
	awk -v dev="$1" -v name="$2" 'BEGIN {
		for (i = 0; i <= 32768; i += 45) {
			printf "link property add dev %s%d", dev, int(i / 450);
			for (j = i; j < i + 45 && j <= 32768; j++)
				printf " altname %s%d", name, j;
			printf "\n";
		} }'
}

# lend DEV: move DEV into a container that holds it until $TMP/DEV.go
# exists, then dies; returns once DEV is in there.
lend()
{
	container '
		while ! ip link show '"$1"' >/dev/null 2>&1; do sleep 0.1; done
		touch $TMP/'"$1"'.ready
		while [ ! -e $TMP/'"$1"'.go ]; do sleep 0.1; done'
	ip link set "$1" netns "$CPID" && wait_file "$1.ready"
}

# wait_file NAME: the container created $TMP/NAME (at most 90 s).
wait_file()
{
	poll 90 test -e "$TMP/$1"
}

if [ ! -e "$ETUN_KO" ] || [ ! -e "$MOVE_KO" ]; then
	t_skip "containers" "etun.ko or new_ns_pid.ko is not built"
	t_done
	exit
fi
for m in etun new_ns_pid; do
	unload "$m"
done
t_ok "insmod etun.ko" insmod "$ETUN_KO"
t_ok "insmod new_ns_pid.ko" insmod "$MOVE_KO"
base=$(links)

# --- a container's own pairs die with it -------------------------------------
t_diag "a container's own pairs (at ${SECONDS}s)"
container '
	printf "c0,c1\n" >$P/newif || exit 1
	ipe link add c2 type etun peer name c3 || exit 1
	ip link add c4 type etun || exit 1
	ip link set c0 name wg0 || exit 1
	ip link property add dev c1 altname cni0 altname eth0 || exit 1
	ip link property add dev c2 altname docker0 || exit 1
	# Renamed into place: poll 90 must not see a file half written.
	ip -o link show | awk -F": " "{ print \$2 }" | sort >$TMP/own.part &&
		mv $TMP/own.part $TMP/own.links
	exit 0'
t_ok "the container ran" poll 90 test -e "$TMP/own.links"
t_is "... made three pairs, renamed one end, added altnames" \
	"$(grep -v '^lo$' "$TMP/own.links" | t_fb_strip | tr '\n' ' ')" \
	"c1@wg0 c2@c3 c3@c2 c4@etun0 etun0@c4 wg0@c1 "
wait "$CPID"
t_ok "after it died, init_net holds exactly what it held before" poll 90 same_links
for n in wg0 cni0 docker0 c0 c1 c2 c3 c4; do
	t_fail "... no device or altname $n in init_net" ip link show "$n"
done

# --- the altname flood, two lives ---------------------------------------------
t_diag "altname flood over two container lives (at ${SECONDS}s)"
# dev0..dev32768: enough to exhaust the core's "dev%d" fallback names if
# they ever reached init_net, on 37 pairs' ends fl0..fl73.
altnames fl dev >"$TMP/flood.batch"
container '
	for i in $(seq 0 2 72); do
		printf "fl%d,fl%d\n" $i $((i + 1)) >$P/newif || exit 1
	done
	ip -batch $TMP/flood.batch || exit 1
	ip link show dev32768 >/dev/null && touch $TMP/flood1'
t_ok "life 1: 37 pairs, 32,769 altnames on their ends" wait_file flood1
wait "$CPID"
t_ok "life 1 died: init_net unchanged" poll 90 same_links
container '
	printf "fl0,fl1\n" >$P/newif || exit 1
	ip link property add dev fl1 altname dev1 altname dev2 || exit 1
	touch $TMP/flood2'
t_ok "life 2: the same names again" wait_file flood2
wait "$CPID"
t_ok "life 2 died: init_net unchanged" poll 90 same_links
t_ok "RTNL is free: ip link answers within 30 s" timeout 30 ip link show lo
t_fail "no altname dev1 in init_net" ip link show dev1

# --- an end the host gave away comes back as it left ----------------------------
t_diag "a host-given end (at ${SECONDS}s)"
t_is "newif hg0,hg1 in init_net" "$("$WR" "$P/newif" 'hg0,hg1')" OK
ip link set hg1 mtu 1400
hg1_addr=$(sysfs hg1 address)
hg1_index=$(sysfs hg1 ifindex)
container '
	while ! ip link show hg1 >/dev/null 2>&1; do sleep 0.1; done
	ip link set hg1 name inside0 &&
	ip link property add dev inside0 altname wg1 altname hg0x &&
	ip link set inside0 mtu 9000 &&
	ip link set inside0 address 02:00:00:00:00:99 &&
	ip link set inside0 up && touch $TMP/hg.ready
	while [ ! -e $TMP/hg.go ]; do sleep 0.1; done'
t_is "hg1 moved into the container with new_ns_pid" \
	"$("$WR" /sys/class/net/hg1/new_ns_pid "$CPID")" OK
t_ok "... where it was renamed, given altnames, MTU and address" wait_file hg.ready
touch "$TMP/hg.go"
wait "$CPID"
t_ok "the container died: hg1 is back in init_net" poll 90 test -e /sys/class/net/hg1
t_match "... under its departure name, tied to hg0" \
	"$(ip -o link show hg1)" '^[0-9]+: hg1@hg0: '
t_is "... with no altname" "$(ip -d link show hg1 | grep -c altname)" 0
t_fail "... wg1 is nobody's name in init_net" ip link show wg1
t_fail "... nor hg0x" ip link show hg0x
t_fail "... nor inside0" ip link show inside0
t_is "... its departure MTU" "$(sysfs hg1 mtu)" 1400
t_is "... its departure address" "$(sysfs hg1 address)" "$hg1_addr"
t_is "... its departure ifindex" "$(sysfs hg1 ifindex)" "$hg1_index"
t_is "... hg0 is tied to it" "$(sysfs hg0 iflink)" "$hg1_index"
t_is "init_net holds hg0 and hg1 besides what it held" \
	"$(links | tr '\n' ' ')" \
	"$(printf '%s\n' "$base" hg0@hg1 hg1@hg0 | sort | tr '\n' ' ')"
across hg1 hg0 "$NS_A" 10.197.1.2 10.197.1.1
t_ok "... and the pair passes traffic (ping from $NS_A)" \
	ip netns exec "$NS_A" ping -c 3 -i 0.2 -W 5 10.197.1.2
ip link del hg1
ip netns del "$NS_A"

t_is "newif ht0,ht1 in init_net" "$("$WR" "$P/newif" 'ht0,ht1')" OK
t_ok "ht1 moved into a container" lend ht1
t_is "the name ht1 is taken in init_net meanwhile" \
	"$("$WR" "$P/newif" 'ht1,htx')" OK
touch "$TMP/ht1.go"
wait "$CPID"
ret() { ip -o link show ht0 | grep -qE '^[0-9]+: ht0@etun[0-9]+: '; }
t_ok "the container died: the end is back as etunN, tied to ht0" poll 90 ret
name=$(ip -o link show ht0 | sed -n 's/^[0-9]*: ht0@\([^:]*\):.*/\1/p')
t_match "... $name is linked to ht0" "$(ip -o link show "$name")" "^[0-9]+: $name@ht0: "
t_match "... ht1 is still the other pair's" "$(ip -o link show ht1)" '^[0-9]+: ht1@htx: '
ip link del ht0
ip link del ht1
t_ok "init_net holds what it held" same_links

# No etunN name left in init_net (the host's own altnames etun0..etun32768
# take them all): the end cannot come back, and its pair is destroyed.
altnames ex etun >"$TMP/etunN.batch"
for i in $(seq 0 2 72); do
	printf 'ex%d,ex%d\n' "$i" $((i + 1)) >"$P/newif"
done
t_ok "the host takes every etunN name in init_net (32,769 altnames)" \
	ip -batch "$TMP/etunN.batch"
"$WR" "$P/newif" 'hx0,hx1' >/dev/null
t_ok "hx1 moved into a container" lend hx1
"$WR" "$P/newif" 'hx1,hxx' >/dev/null
dmesg_before=$(dmesg | wc -l)
touch "$TMP/hx1.go"
wait "$CPID"
t_ok "the container died: no name for hx1, its pair is destroyed" \
	poll 90 test ! -e /sys/class/net/hx0
t_match "... and the kernel log says so" \
	"$(dmesg | tail -n "+$((dmesg_before + 1))")" \
	'etun: hx1: cannot return to the initial namespace, destroying its pair: -23'
for i in $(seq 0 2 72); do
	printf 'ex%d\n' "$i" >"$P/delif"
done
"$WR" "$P/delif" hx1 >/dev/null
t_ok "init_net holds what it held" same_links

# --- both ends in two dying namespaces -----------------------------------------
t_diag "both ends in two namespaces (at ${SECONDS}s)"
ip netns add "$NS_A"
ip netns add "$NS_B"
"$WR" "$P/newif" 'tw0,tw1' >/dev/null
ip link set tw0 netns "$NS_A"
ip link set tw1 netns "$NS_B"
t_ok "tw0 in $NS_A, tw1 in $NS_B" \
	ip netns exec "$NS_B" ip link show tw1
t_ok "ipe link add sl0 netns A type etun peer name sl1 netns B" \
	env IP_LIB_DIR="$PLUGIN_DIR" ip link add sl0 netns "$NS_A" type etun \
	peer name sl1 netns "$NS_B"
ip netns del "$NS_A"
ip netns del "$NS_B"
t_ok "both namespaces died: init_net holds what it held" poll 90 same_links
sleep 1
t_ok "... still" same_links

# --- netconsole ------------------------------------------------------------------
t_diag "netconsole (at ${SECONDS}s)"
"$WR" "$P/newif" 'nc0,nc1' >/dev/null
sysctl -qw net.ipv6.conf.nc0.disable_ipv6=1 net.ipv6.conf.nc1.disable_ipv6=1
ip addr add 10.197.2.1/24 dev nc0
ip link set nc0 up
ip link set nc1 up
rx0=$(sysfs nc1 statistics/rx_packets)
dmesg_before=$(dmesg | wc -l)
# 6.1's netconsole fails to load when its one target fails; 6.12's loads
# without the target.  Either way nothing may be sent through nc0.
modprobe netconsole "netconsole=@10.197.2.1/nc0,@10.197.2.2/" 2>/dev/null
echo "containers.t: a line for netconsole" >/dev/kmsg
t_match "netconsole on an etun end is refused: no polling" \
	"$(dmesg | tail -n "+$((dmesg_before + 1))")" "nc0 doesn't support polling"
t_is "... nothing was sent through nc0" \
	"$(($(sysfs nc1 statistics/rx_packets) - rx0))" 0
unload netconsole
"$WR" "$P/delif" nc0 >/dev/null

# --- bpf_redirect_peer() is counted in rx ---------------------------------------
t_diag "bpf_redirect_peer() (at ${SECONDS}s)"
mountpoint -q /sys/fs/bpf || mount -t bpf bpf /sys/fs/bpf
ip netns add "$NS_A"
ip netns add "$NS_B"
# redirected KIND: frames sent by s0 ($NS_A) arrive at s1 (init_net), whose
# tc ingress hands them to the peer of r0 (init_net): r1 in $NS_B.
# Prints "SENT RX1 TX0": s0's tx, r1's rx and r0's tx deltas.
redirected()
{
	local kind=$1 pin=/sys/fs/bpf/containers-t-$1 s0 r1 r0

	ip link add s1 type veth peer name s0 netns "$NS_A"
	if [ "$kind" = etun ]; then
		"$WR" "$P/newif" 'r0,r1' >/dev/null
		ip link set r1 netns "$NS_B"
	else
		ip link add r0 type veth peer name r1 netns "$NS_B"
	fi
	# No IPv6: only the pings cross, nothing r0 or r1 say on their own.
	sysctl -qw net.ipv6.conf.r0.disable_ipv6=1
	ip netns exec "$NS_B" sysctl -qw net.ipv6.conf.r1.disable_ipv6=1
	ip link set s1 up
	ip link set r0 up
	ip netns exec "$NS_B" ip link set r1 up
	ip netns exec "$NS_A" sh -e -c '
		sysctl -qw net.ipv6.conf.s0.disable_ipv6=1
		ip addr add 10.197.3.1/24 dev s0
		ip neigh add 10.197.3.2 lladdr 02:00:00:00:00:02 dev s0
		ip link set s0 up'
	if "$T_TOOLS/redirect_peer" "$(sysfs r0 ifindex)" "$pin" &&
		tc qdisc add dev s1 clsact &&
		tc filter add dev s1 ingress bpf direct-action object-pinned "$pin"
	then
		s0=$(ip netns exec "$NS_A" cat /sys/class/net/s0/statistics/tx_packets)
		r1=$(ip netns exec "$NS_B" cat /sys/class/net/r1/statistics/rx_packets)
		r0=$(sysfs r0 statistics/tx_packets)
		ip netns exec "$NS_A" ping -q -c 5 -i 0.2 -W 1 10.197.3.2 >/dev/null
		s0=$(($(ip netns exec "$NS_A" cat /sys/class/net/s0/statistics/tx_packets) - s0))
		r1=$(($(ip netns exec "$NS_B" cat /sys/class/net/r1/statistics/rx_packets) - r1))
		r0=$(($(sysfs r0 statistics/tx_packets) - r0))
		echo "$s0 $r1 $r0"
	fi
	ip link del s1
	ip link del r0
	rm -f "$pin"
}
got=$(redirected veth)
t_match "veth (control): 5 pings redirected, all counted in r1's rx" \
	"$got" '^5 5 0$'
got=$(redirected etun)
t_match "etun: 5 pings redirected, all counted in r1's rx" "$got" '^5 5 0$'
ip netns del "$NS_A"
ip netns del "$NS_B"

# --- new_ns_pid on a dying namespace ----------------------------------------------
t_diag "new_ns_pid on a dying namespace (at ${SECONDS}s)"
if [ ! -e "$SLOW_KO" ]; then
	t_skip "new_ns_pid on a dying namespace" "tests/kmod/slow_netns_exit.ko is not built"
else
	ip netns add "$NS_A"
	ip link add dy0 netns "$NS_A" type veth peer name dy1 netns "$NS_A"
	mkdir -p "$TMP/sys"
	# A sysfs of $NS_A seen from here: a passive reference only.
	nsenter --net="/run/netns/$NS_A" mount -t sysfs sysfs "$TMP/sys"
	sleeper
	target=$SLEEPER
	t_ok "insmod slow_netns_exit.ko delay_ms=4000" \
		insmod "$SLOW_KO" delay_ms=4000
	dmesg_before=$(dmesg | wc -l)
	ip netns del "$NS_A"
	held() { dmesg | tail -n "+$((dmesg_before + 1))" | grep -q 'holding a dying'; }
	t_ok "$NS_A is dying (refcount zero), its devices still there" poll 90 held
	t_is "new_ns_pid out of the dying namespace: ENODEV" \
		"$("$WR" "$TMP/sys/class/net/dy0/new_ns_pid" "$target")" ENODEV
	t_is "... the target namespace holds only lo" \
		"$(nsenter --net="/proc/$target/ns/net" ip -o link show |
			awk -F': ' '{ print $2 }' | t_fb_strip | tr '\n' ' ')" "lo "
	umount "$TMP/sys"
	kill "$target"
	t_ok "rmmod slow_netns_exit" poll 90 rmmod slow_netns_exit
fi

t_ok "init_net holds what it held" same_links
t_is "no container left a message" "$(cat "$TMP/container.log")" ""
t_ok "rmmod etun" rmmod etun
t_ok "rmmod new_ns_pid" rmmod new_ns_pid
t_done
