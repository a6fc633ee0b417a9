#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# etun-interface.t - a pair as ip(8), ethtool and sysfs show it: create
# and delete by newif/delif and rtnetlink, MTU bounds, carrier, offloads,
# pairs made from another namespace.

. "$(dirname "$0")/../lib/etun.sh"
t_is "newif is mode 0200, owned by root" "$(stat -c '%a %U' "$P/newif")" "200 root"
t_is "delif is mode 0200, owned by root" "$(stat -c '%a %U' "$P/delif")" "200 root"

# --- create and delete ---------------------------------------------------------
t_diag "create and delete (at ${SECONDS}s)"
t_errno "newif etun0,etun1" OK "$P/newif" 'etun0,etun1\n'
t_match "etun0 is linked to etun1" "$(ip -o link show etun0)" '^[0-9]+: etun0@etun1: '
t_match "etun1 is linked to etun0" "$(ip -o link show etun1)" '^[0-9]+: etun1@etun0: '
t_match "ip -d link show: kind etun" "$(ip -d -o link show etun0)" ' etun '
t_is "iflink of etun0 is etun1" "$(cat /sys/class/net/etun0/iflink)" \
	"$(cat /sys/class/net/etun1/ifindex)"
t_is "ethtool -i: driver etun" "$(ethtool -i etun0 | sed -n 's/^driver: //p')" etun
t_is "ethtool -S: peer_ifindex" \
	"$(ethtool -S etun1 | awk '/peer_ifindex:/ { print $2 }')" \
	"$(cat /sys/class/net/etun0/ifindex)"
t_is "random MAC addresses" "$(cat /sys/class/net/etun0/addr_assign_type)" 1
t_fail "the two ends have different MACs" test \
	"$(cat /sys/class/net/etun0/address)" = "$(cat /sys/class/net/etun1/address)"
feat=$(ethtool -k etun0)
for f in scatter-gather tx-checksum-ip-generic tx-scatter-gather-fraglist \
	 tcp-segmentation-offload tx-tcp6-segmentation generic-segmentation-offload \
	 rx-checksumming; do
	t_match "offload $f on" "$feat" "$f: on"
done
t_ok "mtu 68 accepted" ip link set etun0 mtu 68
t_fail "mtu 67 refused" ip link set etun0 mtu 67
t_ok "mtu 65535 accepted" ip link set etun0 mtu 65535
t_fail "mtu 65536 refused" ip link set etun0 mtu 65536
ip link set etun0 mtu 1500

t_ok "etun0 up" ip link set etun0 up
t_match "qdisc noqueue (IFF_NO_QUEUE)" "$(ip -o link show etun0)" 'qdisc noqueue'
t_ok "etun0 up, etun1 down: no carrier on etun0" carrier_is - etun0 0
t_ok "etun1 up" ip link set etun1 up
t_ok "both up: carrier on etun0" poll 15 carrier_is - etun0 1
t_ok "both up: carrier on etun1" poll 15 carrier_is - etun1 1
ip link set etun1 down
t_ok "etun1 down again: no carrier on etun0" poll 15 carrier_is - etun0 0
ip link set etun0 down

t_errno "delif etun1 (the second end)" OK "$P/delif" 'etun1\n'
t_ok "delif removed etun0" gone - etun0
t_ok "delif removed etun1" gone - etun1
t_ok "echo etun0,etun1 > newif (the seed's usage)" \
	bash -c "echo etun0,etun1 > $P/newif"
t_ok "ip link del etun1" ip link del etun1
t_ok "ip link del removed etun0 too" gone - etun0
t_ok "echo etun0,etun1 > newif" bash -c "echo etun0,etun1 > $P/newif"
t_ok "echo etun0 > delif" bash -c "echo etun0 > $P/delif"
t_is "both ends gone" "$(links)" "$base"
t_errno "15-byte names are accepted" OK "$P/newif" 'abcdefghijklmno,ABCDEFGHIJKLMNO'
t_errno "delif by the 15-byte name" OK "$P/delif" 'ABCDEFGHIJKLMNO'

t_ok "ip link add etuna type etun" ip link add etuna type etun
peer=$(ip -o link show etuna | sed -n 's/^[0-9]*: etuna@\([^:]*\):.*/\1/p')
t_match "ip link add: peer named etunN" "$peer" '^etun[0-9]+$'
t_match "ip link add: the peer is etun too" "$(ip -d -o link show "$peer")" ' etun '
t_ok "ip link del of the peer" ip link del "$peer"
t_ok "... removed etuna too" gone - etuna
t_ok "ip link add with an address" \
	ip link add etuna address 02:00:00:00:00:01 type etun
t_is "... address set" "$(cat /sys/class/net/etuna/address)" 02:00:00:00:00:01
ip link del etuna
t_fail "ip link add with a multicast address is refused" \
	ip link add etuna address 01:00:00:00:00:01 type etun
t_is "all gone" "$(links)" "$base"

ip netns add "$NS_C"
t_is "newif from another netns" \
	"$(ip netns exec "$NS_C" "$WR" "$P/newif" 'etunn0,etunn1')" OK
t_ok "... created there" exists "$NS_C" etunn0
t_ok "... not in init_net" gone - etunn0
t_errno "delif from init_net does not see it: ENODEV" ENODEV "$P/delif" etunn0
t_is "delif from its netns" "$(ip netns exec "$NS_C" "$WR" "$P/delif" 'etunn1')" OK
t_ok "... removed etunn0" gone "$NS_C" etunn0
t_errno "newif etunm0,etunm1" OK "$P/newif" 'etunm0,etunm1'
ip link set etunm1 netns "$NS_C"
t_errno "delif etunm0 while etunm1 lives in another netns" OK "$P/delif" etunm0
t_ok "... etunm1 destroyed there" gone "$NS_C" etunm1

t_done
