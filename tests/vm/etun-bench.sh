#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# etun-bench.sh - transmit path of etun against veth, with pktgen, in the VM.
#
#   init netns
#   +---------------------------+
#   | pktgen -> A ========= B   |   A/B: etun0/etun1, then veth0/veth1
#   +---------------------------+
#
# Frames of 60 bytes to a foreign MAC address: B's stack drops each one at
# once, so the time is the pair's (transmit, forward, backlog).  Rounds
# alternate between the two drivers; the medians are printed as TAP
# diagnostics.  Not part of etun.t (numbers under emulation are noisy).
#
#   tests/harness/run-vm -- bash tests/vm/etun-bench.sh [ROUNDS] [COUNT]

set -u

REPO=${REPO:-$(pwd)}
# shellcheck source=tests/lib/tap.sh
. "$REPO/tests/lib/tap.sh"

ROUNDS=${1:-5}
COUNT=${2:-200000}
PG=/proc/net/pktgen

cleanup()
{
	echo stop >"$PG/pgctrl" 2>/dev/null
	ip link del etun0 2>/dev/null
	ip link del veth0 2>/dev/null
	grep -q '^etun ' /proc/modules && rmmod etun
	grep -q '^pktgen ' /proc/modules && rmmod pktgen
}
trap cleanup EXIT

# pps DEV: one pktgen run on DEV, prints its packets per second
pps()
{
	local dev=$1

	echo rem_device_all >"$PG/kpktgend_0"
	echo "add_device $dev" >"$PG/kpktgend_0"
	{
		echo "count $COUNT"
		echo "clone_skb 0"
		echo "pkt_size 60"
		echo "dst 198.51.100.2"
		echo "dst_mac 02:00:00:00:00:99"
	} | while read -r line; do echo "$line" >"$PG/$dev"; done
	echo start >"$PG/pgctrl"
	sed -n 's/.* \([0-9]*\)pps.*/\1/p' "$PG/$dev"
}

pair_up()
{
	local a=$1 b=$2

	ip link set "$a" up
	ip link set "$b" up
	for _ in $(seq 100); do
		[ "$(cat "/sys/class/net/$a/carrier")" = 1 ] && return 0
		sleep 0.1
	done
	return 1
}

median()
{
	sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

t_ok "insmod etun" insmod "$MODULES/drivers/etun/etun.ko"
t_ok "modprobe pktgen" modprobe pktgen
t_ok "modprobe veth" modprobe veth
echo etun0,etun1 >/sys/module/etun/parameters/newif
ip link add veth0 type veth peer name veth1
t_ok "etun pair up" pair_up etun0 etun1
t_ok "veth pair up" pair_up veth0 veth1

: >/tmp/etun.pps
: >/tmp/veth.pps
for r in $(seq "$ROUNDS"); do
	e=$(pps etun0)
	v=$(pps veth0)
	t_diag "round $r: etun $e pps, veth $v pps"
	echo "$e" >>/tmp/etun.pps
	echo "$v" >>/tmp/veth.pps
done
em=$(median </tmp/etun.pps)
vm=$(median </tmp/veth.pps)
t_diag "median of $ROUNDS rounds of $COUNT frames: etun $em pps, veth $vm pps"
# Frames refused by a full backlog count as tx_dropped and are cheaper
# than delivered ones: compare rates only with similar drop counts.
ed=$(cat /sys/class/net/etun0/statistics/tx_dropped)
vd=$(cat /sys/class/net/veth0/statistics/tx_dropped)
t_diag "tx_dropped over all rounds: etun0 $ed, veth0 $vd"
t_ok "pktgen measured both" test "${em:-0}" -gt 0 -a "${vm:-0}" -gt 0
t_done
