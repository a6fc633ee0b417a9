#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# etun-scale.t - 1,000 pairs by newif, removed by delif and ip -batch:
# every device gone, slab back near the start.

. "$(dirname "$0")/../lib/etun.sh"
t_diag "scale: 1,000 pairs (at ${SECONDS}s)"
slab()
{
	awk '/^Slab:/ { print $2 }' /proc/meminfo
}
ndev()
{
	find /sys/class/net -mindepth 1 -maxdepth 1 | wc -l
}
n0=$(ndev)
echo 3 >/proc/sys/vm/drop_caches
s0=$(slab)
fails=0
for i in $(seq 1000); do
	printf 'es%da,es%db\n' "$i" "$i" >"$P/newif" || fails=$((fails + 1))
done
t_is "1,000 newif writes succeed" "$fails" 0
t_is "2,000 devices more" $(($(ndev) - n0)) 2000
t_is "1,000 linked pairs" \
	"$(ip -o link show | grep -cE ': es[0-9]+a@es[0-9]+b: ')" 1000
s1=$(slab)
fails=0
for i in $(seq 1 2 1000); do
	printf 'es%da\n' "$i" >"$P/delif" || fails=$((fails + 1))
done
t_is "500 delif writes succeed" "$fails" 0
for i in $(seq 2 2 1000); do
	echo "link del es${i}b"
done >"$TMP/batch"
t_ok "500 ip link del (ip -batch)" ip -batch "$TMP/batch"
t_is "device count back to the start" "$(ndev)" "$n0"
slab_back() { echo 3 >/proc/sys/vm/drop_caches; [ $(($(slab) - s0)) -lt $(((s1 - s0) / 4)) ]; }
t_ok "slab back near the start (grew $(((s1 - s0) / 1024)) MiB with the pairs)" \
	poll 15 slab_back
t_diag "Slab: start $s0 kB, 1,000 pairs $s1 kB, end $(slab) kB"

t_done
