# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash disable=SC2034 # variables for the files sourcing it
#
# etun.sh - the preamble of tests/vm/etun-*.t (common.sh, and the etun
# helpers): the module is unloaded if loaded, then loaded (a check); base is the
# device list ("links") before anything; on exit the namespaces NS_A,
# NS_B, NS_C are deleted, kernel.modprobe restored, the module unloaded.
#
#   in_ns NS CMD...        CMD in netns NS ("-": the initial one)
#   ctr NS DEV COUNTER     DEV's statistics/COUNTER
#   carrier_is NS DEV 0|1, exists NS DEV, gone NS DEV
#   spawn_netns            SPAWNED: a process (in BG) in a new netns
#   etun_devices           how many etun devices the namespace holds

. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

KO=$MODULES/drivers/etun/etun.ko
P=/sys/module/etun/parameters
WR=$T_TOOLS/wr
NS_A=etun-a-$$
NS_B=etun-b-$$
NS_C=etun-c-$$
OLD_MODPROBE=

cleanup()
{
	local ns

	for ns in "$NS_A" "$NS_B" "$NS_C"; do
		ip netns del "$ns" 2>/dev/null
	done
	[ -z "$OLD_MODPROBE" ] || echo "$OLD_MODPROBE" >/proc/sys/kernel/modprobe
	unload etun
}

in_ns()
{
	local ns=$1

	shift
	if [ "$ns" = - ]; then
		"$@"
	else
		ip netns exec "$ns" "$@"
	fi
}

ctr()
{
	in_ns "$1" cat "/sys/class/net/$2/statistics/$3"
}

carrier_is()
{
	[ "$(in_ns "$1" cat "/sys/class/net/$2/carrier" 2>/dev/null)" = "$3" ]
}

exists()
{
	in_ns "$1" test -e "/sys/class/net/$2"
}

gone()
{
	! in_ns "$1" test -e "/sys/class/net/$2"
}

# netunshare when built, else unshare.
spawn_netns()
{
	if command -v netunshare >/dev/null; then
		netunshare -- sleep 600 &
	elif [ -x "$REPO/tools/netunshare/netunshare" ]; then
		"$REPO/tools/netunshare/netunshare" -- sleep 600 &
	else
		unshare -n sleep 600 &
	fi
	SPAWNED=$!
	BG+=("$SPAWNED")
	poll 30 other_netns "$SPAWNED"
}

etun_devices()
{
	ip -d -o link show | grep -c ' etun '
}

unload etun
t_ok "insmod etun.ko" insmod "$KO" || { echo "Bail out! cannot load $KO"; exit 1; }
base=$(links)
