# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash disable=SC2034 # variables for the files sourcing it
#
# common.sh - the one line of preamble of every test file:
#
#   . "$(dirname "$0")/../lib/common.sh"
#
# (tests/.shellcheckrc tells shellcheck where that is).  It gives:
#
#   set -u, the TAP helpers of tap.sh, REPO (the repository; the VM sets
#   it) and TMP, a scratch directory.  On exit: the test's own cleanup()
#   when it defines one, the pids in BG killed, TMP removed.
#
#   poll SECONDS CMD...   re-run CMD until it succeeds; when SECONDS run
#                         out, print CMD and its last output, fail
#   loaded MOD            MOD is loaded;  unload MOD: rmmod it if loaded
#   links                 "ip -o link" device names (NAME@PEER), sorted
#   names                 the same without @PEER or fallback tunnels, one
#                         line (exported: usable in another namespace)
#   sysfs DEV ATTR        /sys/class/net/DEV/ATTR
#   ipe ARGS...           ip(8) with the tree's iproute2 plugin
#   netns_of PID          PID's network namespace (readlink)
#   other_netns PID       PID lives in another network namespace than ours
#   sleeper               SLEEPER: a sleep (in BG) in a new netns, once there
#   across A B NS IP_A IP_B
#                         device B into netns NS (added if need be); A here
#                         with IP_A/24, B there with IP_B/24, both up
#   nu_run CMD...         CMD's status in rc, stdout in out, stderr in err

set -u
REPO=${REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
# shellcheck source=tests/lib/tap.sh
. "$REPO/tests/lib/tap.sh"

PLUGIN_DIR=$REPO/tools/iproute2
TMP=$(mktemp -d "/tmp/${0##*/}.XXXXXX")
BG=()

t_exit()
{
	# cleanup runs first: a local here would hide its globals ($pid).
	! declare -F cleanup >/dev/null || cleanup

	local bg

	for bg in "${BG[@]}"; do
		kill "$bg" 2>/dev/null
	done
	wait 2>/dev/null
	rm -rf "$TMP"
}
trap t_exit EXIT

poll()
{
	local secs=$1 end=$((SECONDS + $1)) out

	shift
	until out=$("$@" 2>&1); do
		if [ "$SECONDS" -gt "$end" ]; then
			printf '%s\n' "poll: still failing after ${secs}s: $*" "$out"
			return 1
		fi
		sleep 0.1
	done
}

loaded()
{
	grep -q "^$1 " /proc/modules
}

unload()
{
	! loaded "$1" || rmmod "$1"
}

links()
{
	ip -o link show | awk -F': ' '{ print $2 }' | sort
}

names()
{
	ip -o link show | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' |
		sort | t_fb_strip | tr '\n' ' '
}
export -f names t_fb_strip t_linkset

sysfs()
{
	cat "/sys/class/net/$1/$2"
}

ipe()
{
	IP_LIB_DIR=$PLUGIN_DIR ip "$@"
}

netns_of()
{
	readlink "/proc/$1/ns/net"
}

other_netns()
{
	local theirs

	theirs=$(netns_of "$1") && [ -n "$theirs" ] &&
		[ "$theirs" != "$(netns_of $$)" ]
}

sleeper()
{
	unshare -n sleep 600 &
	SLEEPER=$!
	BG+=("$SLEEPER")
	poll 30 other_netns "$SLEEPER"
}

across()
{
	[ -e "/run/netns/$3" ] || ip netns add "$3"
	ip link set "$2" netns "$3"
	ip addr add "$4/24" dev "$1"
	ip link set "$1" up
	ip netns exec "$3" sh -e -c "ip link set lo up
		ip addr add $5/24 dev $2; ip link set $2 up"
}

nu_run()
{
	rc=0
	out=$("$@" 2>"$TMP/nu_run.err") || rc=$?
	err=$(cat "$TMP/nu_run.err")
}
