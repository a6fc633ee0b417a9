# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash disable=SC2034 # variables for the files sourcing it
#
# new_ns_pid.sh - the preamble of tests/vm/new_ns_pid-*.t (common.sh and
# the helpers of /sys/class/net/DEV/new_ns_pid's tests), run as root in
# the VM with net/new_ns_pid.ko built and not loaded.  Before the module
# is loaded (a check) there are, in init: eth0, eth1 (the VM's NICs),
# nmpre (dummy) and nmva <-veth-> nmvb; in H (a process in another netns)
# the dummy nmin.  new_ns_pid_done PLACE... unloads the module, checks
# that no device of PLACE (init or pids) keeps the attribute and that
# the kernel log is clean, and ends the TAP stream.
#
#   bail TEXT              "Bail out!", exit 1
#   spawn CMD...           CMD in the background; SPAWNED, its pid, once it
#                          runs in another netns than ours and than NOT's
#   in_ns PID CMD...       CMD in PID's netns
#   view PID CMD...        the same, with /sys showing that netns
#   has_dev PID|init DEV   DEV is there
#   where DEV PLACE...     the places where DEV is, one per line
#   attr_everywhere PLACE  the devices of PLACE without the attribute
#   attr_anywhere PLACE    the devices of PLACE with it

. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

KO=$MODULES/net/new_ns_pid.ko
MOD=new_ns_pid
HERE=$REPO/tests/vm
NETUNSHARE=$REPO/tools/netunshare/netunshare
[ -x "$NETUNSHARE" ] || NETUNSHARE=
KERNEL_BAD='WARNING:|BUG:|Oops|Call Trace|RIP: |refcount_t:|possible circular'
KERNEL_BAD+='|unregister_netdevice: waiting|cannot set up new_ns_pid'
DMESG_START=$(dmesg | wc -l)

# The write(2) helper: built by "make tools"; build it here otherwise.
if [ ! -x "$T_TOOLS/wr" ]; then
	gcc -O2 -o "$TMP/wr" "$REPO/tests/tools/wr.c" || exit 1
	T_TOOLS=$TMP
fi
WR=$T_TOOLS/wr

cleanup()
{
	local pid dev

	for pid in "${BG[@]}"; do
		kill "$pid" 2>/dev/null
	done
	for pid in "${BG[@]}"; do
		wait "$pid" 2>/dev/null
	done
	for dev in nmpre nmpost nmva nmdup nmalt nmgone nmu nmz \
		nmd0 nmd1 nmd2 nmd3 nmea; do
		ip link del "$dev" 2>/dev/null
	done
	# Devices in dead namespaces come back (virtio) or die (dummy).
	poll 20 test -e /sys/class/net/eth1 >/dev/null
	ip addr flush dev eth0 2>/dev/null
	ip link set eth0 down 2>/dev/null
	ip link set eth1 down 2>/dev/null
	unload "$MOD"
	unload etun
}

bail()
{
	echo "Bail out! $*"
	exit 1
}

# new_netns PID: PID runs in another netns than ours and than NOT's.
new_netns()
{
	local ns

	ns=$(netns_of "$1") && [ -n "$ns" ] && [ "$ns" != "$(netns_of $$)" ] &&
		[ "$ns" != "${NOT:+$(netns_of "$NOT")}" ]
}

spawn()
{
	"$@" &
	SPAWNED=$!
	BG+=("$SPAWNED")
	poll 10 new_netns "$SPAWNED" || bail "$*: no new network namespace"
}

in_ns()
{
	local pid=$1

	shift
	nsenter -t "$pid" -n -- "$@"
}

view()
{
	local pid=$1

	shift
	nsenter -t "$pid" -n -- unshare -m -- \
		sh -c 'mount -t sysfs sysfs /sys && exec "$@"' view "$@"
}

has_dev()
{
	if [ "$1" = init ]; then
		ip link show dev "$2" >/dev/null 2>&1
	else
		in_ns "$1" ip link show dev "$2" >/dev/null 2>&1
	fi
}

where()
{
	local dev=$1 p

	shift
	for p in "$@"; do
		has_dev "$p" "$dev" && echo "$p"
	done
}

# attr_list PLACE TEST: the devices of PLACE for which TEST -e ATTR holds
attr_list()
{
	# shellcheck disable=SC2016 # expanded by sh
	local cmd='for d in /sys/class/net/*/; do
		[ '"$2"' -e "$d/new_ns_pid" ] || basename "$d"; done'

	if [ "$1" = init ]; then
		sh -c "$cmd"
	else
		view "$1" sh -c "$cmd"
	fi
}

attr_everywhere()
{
	attr_list "$1" ''
}

attr_anywhere()
{
	attr_list "$1" '!'
}

new_ns_pid_done()
{
	local left='' p new

	t_ok "rmmod $MOD" rmmod "$MOD"
	for p in "$@"; do
		left+=$(attr_anywhere "$p")
	done
	t_is "unloading removed the attribute from every namespace" "$left" ""
	t_ok "devices survive the unload" has_dev init nmpre
	new=$(dmesg | tail -n "+$((DMESG_START + 1))" | grep -aE "$KERNEL_BAD")
	t_is "the kernel log is clean" "$new" ""
	t_done
}

[ "$(id -u)" = 0 ] || bail "must run as root (in the VM)"
[ -r "$KO" ] || bail "$KO: not built"
if [ ! -e /sys/class/net/eth0 ] || [ ! -e /sys/class/net/eth1 ]; then
	bail "needs the VM's two NICs eth0 and eth1"
fi
if loaded "$MOD"; then
	t_diag "$MOD was loaded at the start; unloading it"
	rmmod "$MOD" || bail "cannot unload $MOD"
fi
modprobe dummy || bail "no dummy module"
modprobe veth || bail "no veth module"
ip link add nmpre type dummy || bail "cannot create a dummy"
ip link add nmva type veth peer name nmvb || bail "cannot create a veth"
spawn unshare -n sleep 1000
H=$SPAWNED
in_ns "$H" ip link add nmin type dummy || bail "cannot create a dummy in H"
t_ok "insmod $MOD" insmod "$KO" || bail "cannot load $KO"
