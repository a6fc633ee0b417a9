#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# etun-concurrency.t - five writers for 15 s (newif/delif, ip link del,
# namespaces, ip link add): every end keeps its peer; rmmod then leaves
# nothing behind.

. "$(dirname "$0")/../lib/etun.sh"
t_diag "concurrency (at ${SECONDS}s)"
deadline=$(($(date +%s) + 15))
churn()
{
	local w=$1 i=0

	while [ "$(date +%s)" -lt "$deadline" ]; do
		i=$((i + 1))
		case $w in
		1)	printf 'cw1a,cw1b\n' >"$P/newif"
			printf 'cw1a\n' >"$P/delif" ;;
		2)	printf 'cw1a,cw1b\n' >"$P/newif"
			ip link del cw1b ;;
		3)	ip netns add "etun-cw-$$"
			printf 'cw3a,cw3b\n' >"$P/newif"
			ip link set cw3b netns "etun-cw-$$"
			ip netns del "etun-cw-$$"
			printf 'cw3a\n' >"$P/delif" ;;
		4)	unshare -n sh -c "printf 'cw4a,cw4b\n' >$P/newif;
				printf 'cw4a\n' >$P/delif; printf 'cw4c,cw4d\n' >$P/newif" ;;
		5)	ip link add "cw5$i" type etun
			ip link del "cw5$i" ;;
		esac
	done
} 2>/dev/null
pids=()
for w in 1 2 3 4 5; do
	churn "$w" &
	pids+=("$!")
done
BG+=("${pids[@]}")
wait "${pids[@]}"
ip netns del "etun-cw-$$" 2>/dev/null
settled()
{
	local a b

	a=$(links)
	sleep 1
	b=$(links)
	# Every churn namespace is gone, so no peer may be elsewhere (@ifN).
	[ "$a" = "$b" ] && ! grep -q '@if[0-9]' <<<"$b"
}
poll 90 settled
consistent()
{
	local name peer

	ip -d -o link show | grep ' etun ' | awk -F': ' '{ print $2 }' |
	while IFS=@ read -r name peer; do
		[ -n "$peer" ] || { echo "$name has no peer"; continue; }
		ip -o link show "$peer" | grep -q ": $peer@$name: " ||
			echo "$name@$peer: $peer does not point back"
	done
}
t_is "after 15 s of concurrent writers every etun end has its peer" \
	"$(consistent)" ""
t_diag "etun devices left by the churn: $(etun_devices)"
t_ok "rmmod etun" rmmod etun
t_is "no etun device left" "$(links)" "$base"
t_fail "module unloaded" loaded etun


t_done
