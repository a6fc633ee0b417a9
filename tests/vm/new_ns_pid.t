#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# new_ns_pid.t - /sys/class/net/DEV/new_ns_pid (net/netns_move.ko), in the VM.
#
#  init netns                           QEMU hub 0 (nothing outside the VM)
#  +----------------------------+          |
#  | eth0 10.99.0.1/24 ---------+----------+
#  | eth1  (echo PID > eth1/new_ns_pid)    |
#  | lo, nmpre, nmpost (dummy)  |          |
#  | nmva <-veth-> nmvb         |          |
#  +----------------------------+          |
#          | move                          |
#          v                               |
#  +-- "netunshare -- sleep 1000" ---+     |
#  | eth1 10.99.0.2/24 --------------+-----+
#  +---------------------------------+
#
#  user namespace U (uid 0 inside = uid 1000 outside)
#  +-- netns A (owned by U) --+  +-- netns B (owned by U) --+  netns C, owned
#  | nmu  (container root may |->| nmu                      |  by the initial
#  |  move it A -> B only)    |  +--------------------------+  user namespace
#  +--------------------------+
#
#  Concurrency: writers in init and in three namespaces move eth1 and four
#  dummies among them and a namespace that keeps dying and being reborn,
#  while a dummy is created/deleted and the module unloaded/reloaded.
#
# Run as root in the VM (tests/harness/run-vm), cwd the repository, with the
# module built and not loaded; leaves it unloaded.

set -u

REPO=${REPO:-$(pwd)}
KO=$MODULES/net/netns_move.ko
MOD=netns_move
TMP=$(mktemp -d /tmp/new_ns_pid.XXXXXX)
HERE=$REPO/tests/vm

# The write(2) helper: built by "make tools"; build it here otherwise.
if [ ! -x "$REPO/tests/tools/wr" ]; then
	gcc -O2 -o "$TMP/wr" "$REPO/tests/tools/wr.c" || exit 1
	export T_TOOLS=$TMP
fi
# shellcheck source=tests/lib/tap.sh
. "$REPO/tests/lib/tap.sh"
WR=${T_TOOLS}/wr

NETUNSHARE=$REPO/tools/netunshare/netunshare
[ -x "$NETUNSHARE" ] || NETUNSHARE=

PIDS=()
KERNEL_BAD='WARNING:|BUG:|Oops|Call Trace|RIP: |refcount_t:|possible circular'
KERNEL_BAD+='|unregister_netdevice: waiting|cannot set up new_ns_pid'
DMESG_START=$(dmesg | wc -l)

# --- helpers -----------------------------------------------------------

cleanup()
{
	local pid dev i

	for pid in "${PIDS[@]}"; do
		kill "$pid" 2>/dev/null
	done
	for pid in "${PIDS[@]}"; do
		wait "$pid" 2>/dev/null
	done
	for dev in nmpre nmpost nmva nmdup nmalt nmgone nmu nmz \
		nmd0 nmd1 nmd2 nmd3 nmea; do
		ip link del "$dev" 2>/dev/null
	done
	# Devices in dead namespaces come back (virtio) or die (dummy).
	for i in $(seq 100); do
		[ -e /sys/class/net/eth1 ] && break
		sleep 0.2
	done
	ip addr flush dev eth0 2>/dev/null
	ip link set eth0 down 2>/dev/null
	ip link set eth1 down 2>/dev/null
	grep -q "^$MOD " /proc/modules && rmmod "$MOD"
	grep -q "^etun " /proc/modules && rmmod etun
	rm -rf "$TMP"
}
trap cleanup EXIT

bail()
{
	echo "Bail out! $*"
	exit 1
}

netns_of()
{
	readlink "/proc/$1/ns/net" 2>/dev/null
}

# spawn CMD...: start CMD in the background; SPAWNED is its pid once it
# runs in a network namespace different from ours and from NOT (optional
# pid, set by the caller).
spawn()
{
	local i mine other

	"$@" &
	SPAWNED=$!
	PIDS+=("$SPAWNED")
	mine=$(netns_of $$)
	other=${NOT:+$(netns_of "$NOT")}
	for i in $(seq 200); do
		local ns

		ns=$(netns_of "$SPAWNED")
		if [ -n "$ns" ] && [ "$ns" != "$mine" ] && [ "$ns" != "$other" ]; then
			return 0
		fi
		sleep 0.05
	done
	bail "$*: no new network namespace"
}

# in_ns PID CMD...: run CMD in PID's network namespace.
in_ns()
{
	local pid=$1

	shift
	nsenter -t "$pid" -n -- "$@"
}

# view PID CMD...: run CMD with /sys showing PID's network namespace.
view()
{
	local pid=$1

	shift
	nsenter -t "$pid" -n -- unshare -m -- \
		sh -c 'mount -t sysfs sysfs /sys && exec "$@"' view "$@"
}

has_dev()	# has_dev PID|init DEV
{
	if [ "$1" = init ]; then
		ip link show dev "$2" >/dev/null 2>&1
	else
		in_ns "$1" ip link show dev "$2" >/dev/null 2>&1
	fi
}

# where DEV PLACE...: the places (init or pids) where DEV is, one per line.
where()
{
	local dev=$1 p

	shift
	for p in "$@"; do
		has_dev "$p" "$dev" && echo "$p"
	done
}

# poll SECONDS CMD...: until CMD succeeds.
poll()
{
	local n=$(($1 * 10))

	shift
	while ! "$@" 2>/dev/null; do
		n=$((n - 1))
		[ "$n" -gt 0 ] || return 1
		sleep 0.1
	done
}

attr_everywhere()	# attr_everywhere PID|init: print devices without it
{
	# shellcheck disable=SC2016 # expanded by sh
	local cmd='for d in /sys/class/net/*/; do
		[ -e "$d/new_ns_pid" ] || basename "$d"; done'

	if [ "$1" = init ]; then
		sh -c "$cmd"
	else
		view "$1" sh -c "$cmd"
	fi
}

attr_anywhere()		# attr_anywhere PID|init: print devices with it
{
	# shellcheck disable=SC2016 # expanded by sh
	local cmd='for d in /sys/class/net/*/; do
		[ ! -e "$d/new_ns_pid" ] || basename "$d"; done'

	if [ "$1" = init ]; then
		sh -c "$cmd"
	else
		view "$1" sh -c "$cmd"
	fi
}

# --- setup -------------------------------------------------------------

[ "$(id -u)" = 0 ] || bail "must run as root (in the VM)"
[ -r "$KO" ] || bail "$KO: not built"
if [ ! -e /sys/class/net/eth0 ] || [ ! -e /sys/class/net/eth1 ]; then
	bail "needs the VM's two NICs eth0 and eth1"
fi
if grep -q "^$MOD " /proc/modules; then
	t_diag "$MOD was loaded at the start; unloading it"
	rmmod "$MOD" || bail "cannot unload $MOD"
fi
modprobe dummy || bail "no dummy module"
modprobe veth || bail "no veth module"

# Devices that exist before the module, in init and in another namespace.
ip link add nmpre type dummy || bail "cannot create a dummy"
ip link add nmva type veth peer name nmvb || bail "cannot create a veth"
spawn unshare -n sleep 1000
H=$SPAWNED
in_ns "$H" ip link add nmin type dummy || bail "cannot create a dummy in H"

# --- load: every device in every namespace -----------------------------

t_ok "insmod $MOD" insmod "$KO" || bail "cannot load $KO"
t_is "attribute on every device of init at load" "$(attr_everywhere init)" ""
t_is "attribute on every device of another netns at load" \
	"$(attr_everywhere "$H")" ""
t_is "write-only, owned by root" \
	"$(stat -c '%a %u:%g' /sys/class/net/eth1/new_ns_pid)" "200 0:0"

ip link add nmpost type dummy
t_ok "attribute on a dummy created after load" \
	test -e /sys/class/net/nmpost/new_ns_pid
in_ns "$H" ip link add nmin2 type veth peer name nmin3
t_is "attribute on a veth pair created after load in another netns" \
	"$(view "$H" sh -c 'ls /sys/class/net/nmin2/new_ns_pid \
		/sys/class/net/nmin3/new_ns_pid | wc -l')" 2

if [ -r "$MODULES/drivers/etun/etun.ko" ] &&
	insmod "$MODULES/drivers/etun/etun.ko" 2>/dev/null; then
	if echo nmea,nmeb >/sys/module/etun/parameters/newif; then
		t_ok "attribute on etun devices" test -e \
			/sys/class/net/nmea/new_ns_pid -a -e \
			/sys/class/net/nmeb/new_ns_pid
		echo nmea >/sys/module/etun/parameters/delif
	else
		t_skip "attribute on etun devices" "etun newif failed"
	fi
	rmmod etun
else
	t_skip "attribute on etun devices" \
		"drivers/etun/etun.ko not built for this kernel"
fi

# --- the seed's example ------------------------------------------------

if [ -n "$NETUNSHARE" ]; then
	spawn "$NETUNSHARE" -- sleep 1000
else
	t_diag "tools/netunshare/netunshare not built: using unshare -n"
	spawn unshare -n sleep 1000
fi
pid=$SPAWNED
t_ok "seed: echo \$pid > /sys/class/net/eth1/new_ns_pid" \
	bash -c "echo $pid > /sys/class/net/eth1/new_ns_pid"
t_fail "eth1 is gone from the initial namespace" ip link show dev eth1
t_ok "eth1 is gone from the initial /sys/class/net" \
	test ! -e /sys/class/net/eth1
t_ok "eth1 is in the process's namespace" in_ns "$pid" ip link show dev eth1
t_ok "eth1 and its new_ns_pid are in that namespace's /sys/class/net" \
	view "$pid" test -e /sys/class/net/eth1/new_ns_pid
ip addr add 10.99.0.1/24 dev eth0
ip link set eth0 up
in_ns "$pid" ip addr add 10.99.0.2/24 dev eth1
in_ns "$pid" ip link set eth1 up
t_ok "ping from the initial namespace (eth0) to the process's (eth1)" \
	ping -q -c 2 -w 20 -I eth0 10.99.0.2
t_ok "ping back from the process's namespace" \
	in_ns "$pid" ping -q -c 2 -w 20 10.99.0.1
kill "$pid"
wait "$pid" 2>/dev/null
t_ok "the process died: eth1 is back in the initial namespace" \
	poll 30 test -e /sys/class/net/eth1
t_is "eth1 came back with its name and the attribute, root's" \
	"$(stat -c '%a %u:%g' /sys/class/net/eth1/new_ns_pid 2>&1)" "200 0:0"

# --- errors: errno, and nothing moved ----------------------------------

F=/sys/class/net/nmpost/new_ns_pid
ip addr add 10.98.0.1/24 dev nmpost
ip link set nmpost mtu 1400 up
for bad in abc '\n' 12abc ' 12' '12 ' +12 -5 0 0x10 1e3 '12\n\n' \
	'\n12' '12\x00' '12\x003' 2147483648 99999999999999999999 \
	"$(printf '9%.0s' {1..100})"; do
	t_errno "'${bad:0:24}' is EINVAL" EINVAL "$F" "$bad"
done
t_errno "a zero-length write(2) never reaches the store" OK "$F" ""
sleep 0 &
gone=$!
wait "$gone"
t_errno "no such process ($gone, reaped) is ESRCH" ESRCH "$F" "$gone"
t_errno "no such process (INT_MAX) is ESRCH" ESRCH "$F" 2147483647
# A zombie: its namespaces are already released.
sh -c 'sleep 0 & echo $! >"$1"; exec sleep 1000' zombie "$TMP/zombie" &
PIDS+=("$!")
poll 10 test -s "$TMP/zombie"
zombie=$(cat "$TMP/zombie")
poll 10 grep -q '^State:.*Z' "/proc/$zombie/status"
t_errno "an exiting (zombie) process is ESRCH" ESRCH "$F" "$zombie"
t_errno "lo is EINVAL (cannot move)" EINVAL /sys/class/net/lo/new_ns_pid "$H"
t_ok "lo is still in the initial namespace" has_dev init lo
if modprobe ipip 2>/dev/null && [ -e /sys/class/net/tunl0/new_ns_pid ]; then
	t_errno "tunl0 (netns-local) is EINVAL" EINVAL \
		/sys/class/net/tunl0/new_ns_pid "$H"
	t_ok "tunl0 did not move" has_dev init tunl0
	rmmod ipip 2>/dev/null
else
	t_skip "tunl0 (netns-local) is EINVAL" "no ipip module"
fi
# nmpost's configuration in one word: address count, MTU, UP count.
nmpost_config()
{
	echo "$(ip -o addr show dev nmpost | grep -c 10.98.0.1/24)$(
		cat /sys/class/net/nmpost/mtu)$(
		ip -o link show dev nmpost | grep -c '[<,]UP[,>]')"
}
in_ns "$H" ip link add nmpost type dummy
t_errno "a device of the same name in the target is EEXIST" EEXIST "$F" "$H"
t_is "the device stayed, with its configuration" "$(nmpost_config)" "114001"
ip link add nmalt type dummy
ip link property add dev nmalt altname nmaltname
in_ns "$H" ip link add nmaltname type dummy
t_errno "an altname taken in the target is EEXIST" EEXIST \
	/sys/class/net/nmalt/new_ns_pid "$H"
t_ok "nmalt did not move" has_dev init nmalt
in_ns "$H" ip link del nmpost
t_errno "its own namespace: success" OK "$F" "$$"
t_is "its own namespace: nothing changed (address, mtu, up)" \
	"$(nmpost_config)" "114001"
ip link add nmgone type dummy
exec {fd}>/sys/class/net/nmgone/new_ns_pid
ip link del nmgone
err=$({ printf '%s' "$H" >&"$fd"; } 2>&1)
exec {fd}>&-
t_match "writing to a device unregistered meanwhile is ENODEV" "$err" \
	"No such device"
t_ok "one trailing newline is accepted" "$WR" "$F" "$H"'\n'
t_ok "nmpost moved" in_ns "$H" ip link show dev nmpost
t_fail "nmpost left the initial namespace" has_dev init nmpost
t_ok "the veth end moves, its attribute with it" \
	"$WR" /sys/class/net/nmvb/new_ns_pid "$H"
t_ok "nmvb's attribute is in the target's sysfs view" \
	view "$H" test -e /sys/class/net/nmvb/new_ns_pid

# --- permissions -------------------------------------------------------

F=/sys/class/net/nmpre/new_ns_pid
t_is "an unprivileged uid gets EACCES from the file mode" \
	"$(setpriv --reuid=65534 --regid=65534 --clear-groups "$WR" "$F" "$H")" \
	EACCES
t_is "root without CAP_NET_ADMIN gets EPERM" \
	"$(setpriv --inh-caps=-net_admin --bounding-set=-net_admin \
		"$WR" "$F" "$H")" EPERM
t_is "root without CAP_NET_ADMIN gets EPERM before any parsing" \
	"$(setpriv --inh-caps=-net_admin --bounding-set=-net_admin \
		"$WR" "$F" garbage)" EPERM
t_ok "nmpre did not move" has_dev init nmpre

# A: a user namespace U (root inside is uid 1000 outside) and its netns.
spawn setpriv --reuid=1000 --regid=1000 --clear-groups \
	unshare --user --map-root-user --net sleep 1000
A=$SPAWNED
# B: another netns owned by U; C: one owned by the initial user namespace.
NOT=$A spawn nsenter -t "$A" -U -- unshare -n sleep 1000
B=$SPAWNED
NOT=$A spawn unshare -n sleep 1000
C=$SPAWNED

# as_uroot PID CMD...: run CMD as root of U, with /sys showing PID's netns.
as_uroot()
{
	local pid=$1

	shift
	# shellcheck disable=SC2016 # expanded by sh
	nsenter -t "$pid" -n -- unshare -m -- sh -c \
		'mount -t sysfs sysfs /sys && exec nsenter -t "$0" -U -- "$@"' \
		"$A" "$@"
}

ip link add nmu type dummy
t_ok "root moves nmu into A (owned by U)" \
	"$WR" /sys/class/net/nmu/new_ns_pid "$A"
t_is "in A the file belongs to U's root (uid 1000 outside)" \
	"$(view "$A" stat -c '%u:%g' /sys/class/net/nmu/new_ns_pid)" \
	"1000:1000"
t_is "... which U sees as 0:0, as the kernel's own files" \
	"$(as_uroot "$A" stat -c '%u:%g' /sys/class/net/nmu/new_ns_pid \
		/sys/class/net/nmu/mtu | sort -u)" "0:0"
t_is "U's root cannot write the initial namespace's files (EACCES)" \
	"$(nsenter -t "$A" -U -- "$WR" /sys/class/net/eth0/new_ns_pid "$B")" \
	EACCES
t_is "U's root moves nmu from A to B (both owned by U)" \
	"$(as_uroot "$A" "$WR" /sys/class/net/nmu/new_ns_pid "$B")" OK
t_ok "nmu is in B" in_ns "$B" ip link show dev nmu
t_fail "nmu left A" in_ns "$A" ip link show dev nmu
t_is "U's root cannot move nmu into the initial namespace (EPERM)" \
	"$(as_uroot "$B" "$WR" /sys/class/net/nmu/new_ns_pid 1)" EPERM
t_is "U's root cannot move nmu into C, not U's (EPERM)" \
	"$(as_uroot "$B" "$WR" /sys/class/net/nmu/new_ns_pid "$C")" EPERM
t_ok "nmu stayed in B" in_ns "$B" ip link show dev nmu
t_is "U's root cannot move C's devices (EACCES: the file is root's)" \
	"$(in_ns "$C" ip link add nmc type dummy &&
	as_uroot "$C" "$WR" /sys/class/net/nmc/new_ns_pid "$B")" EACCES
t_ok "root moves nmu from B back to the initial namespace" \
	view "$B" "$WR" /sys/class/net/nmu/new_ns_pid 1
t_is "back home the file is the initial root's again" \
	"$(stat -c '%u:%g' /sys/class/net/nmu/new_ns_pid)" "0:0"

# --- concurrency -------------------------------------------------------

DUR=${NEW_NS_PID_STRESS:-30}
for i in 0 1 2 3; do
	ip link add "nmd$i" type dummy
done
NOT=
spawn unshare -n sleep 1000
N1=$SPAWNED
spawn unshare -n sleep 1000
N2=$SPAWNED
spawn unshare -n sleep 1000
N3=$SPAWNED
STABLE="1 $N1 $N2 $N3"
DEVS="eth1 nmd0 nmd1 nmd2 nmd3 nmz"

# A namespace that keeps dying and coming back (eth1 falls back to init).
churn()
{
	local old='' new

	while [ "$SECONDS" -lt "$1" ]; do
		spawn unshare -n sleep 1000
		new=$SPAWNED
		echo "$new" >"$TMP/churn.new" && mv "$TMP/churn.new" "$TMP/churn"
		[ -z "$old" ] || { kill "$old"; wait "$old"; } 2>/dev/null
		old=$new
		sleep 0.$((RANDOM % 10))
	done
	[ -z "$old" ] || { kill "$old"; wait "$old"; } 2>/dev/null
}

# A device that is registered and unregistered under the writers' feet.
# Writers may move it away before it is deleted: those copies are deleted
# from time to time (and die with their namespaces at the end).
flapper()
{
	local n=0 p

	while [ "$SECONDS" -lt "$1" ]; do
		ip link add nmz type dummy 2>/dev/null && n=$((n + 1))
		sleep 0.0$((RANDOM % 10))
		ip link del nmz 2>/dev/null
		[ $((n % 5)) = 0 ] || continue
		for p in $N1 $N2 $N3; do
			in_ns "$p" ip link del nmz 2>/dev/null
		done
	done
	echo "$n" >"$TMP/flaps"
}

# The module goes away and comes back under the writers' feet.  A writer
# waiting for RTNL holds a module reference (Documentation/new_ns_pid.rst):
# rmmod may then find the module in use (kmod's own check of the refcount
# says "is in use", the kernel's EAGAIN "Resource temporarily
# unavailable"), and is tried again; any other failure is counted, and
# its message kept in $TMP/reload.err.  A busy module is tried again
# within a tenth of a second (a writer holds it only while it waits for
# RTNL), so that some reload happens even on a slow (debug) kernel.
reloader()
{
	local n=0 bad=0 busy=0 err pause

	while [ "$SECONDS" -lt "$1" ]; do
		sleep "${pause:-1.$((RANDOM % 10))}"
		pause=
		if ! err=$(rmmod "$MOD" 2>&1); then
			case $err in
			*"is in use"*|*"Resource temporarily unavailable"*)
				busy=$((busy + 1))
				pause=0.0$((RANDOM % 9 + 1)) ;;
			*)
				bad=$((bad + 1))
				echo "rmmod: $err" >>"$TMP/reload.err" ;;
			esac
			continue
		fi
		if err=$(insmod "$KO" 2>&1); then
			n=$((n + 1))
		else
			bad=$((bad + 1))
			echo "insmod: $err" >>"$TMP/reload.err"
		fi
	done
	echo "$n $bad $busy" >"$TMP/reloads"
}

echo 1 >"$TMP/churn"
END=$((SECONDS + DUR))
churn "$END" &
bg=("$!")
flapper "$END" &
bg+=("$!")
reloader "$END" &
bg+=("$!")
w=0
for p in init $N1 $N2 $N3; do
	for _ in 1 2; do
		w=$((w + 1))
		if [ "$p" = init ]; then
			bash "$HERE/new_ns_pid-writer.sh" "$WR" "$DUR" \
				"$TMP/w$w" "$DEVS" "$STABLE" "$TMP/churn" &
		else
			view "$p" bash "$HERE/new_ns_pid-writer.sh" "$WR" \
				"$DUR" "$TMP/w$w" "$DEVS" "$STABLE" \
				"$TMP/churn" &
		fi
		bg+=("$!")
	done
done
t_diag "stress: $w writers, namespace churn, device flapping and module" \
	"reloads for ${DUR}s"
# A hang would leave the jobs running: bound the wait.
watchdog()
{
	local n=$(($1 * 10))

	shift
	while [ "$n" -gt 0 ] && [ ! -e "$TMP/stress.done" ]; do
		sleep 0.1
		n=$((n - 1))
	done
	[ -e "$TMP/stress.done" ] && return
	echo 1 >"$TMP/stress.hung"
	kill "$@" 2>/dev/null
}
watchdog $((DUR + 120)) "${bg[@]}" &
wd=$!
wait "${bg[@]}"
touch "$TMP/stress.done"
wait "$wd"
t_ok "the stress finished in bounded time" test ! -e "$TMP/stress.hung"
ok=0
bad=
for i in $(seq "$w"); do
	read -r line <"$TMP/w$i"
	t_diag "writer $i: $line"
	[[ $line =~ ok=([0-9]+) ]] && ok=$((ok + BASH_REMATCH[1]))
	[[ $line =~ bad=0 ]] || bad+=$(tail -n +2 "$TMP/w$i")
done
t_is "no writer got an unexpected error" "$bad" ""
t_match "moves succeeded during the stress ($ok)" "$ok" '^[1-9]'
read -r reloads reload_fail reload_busy <"$TMP/reloads"
t_diag "module reloads: $reloads, rmmod while a writer held it: $reload_busy, device flaps: $(cat "$TMP/flaps")"
t_is "every unload/reload succeeded, or found the module in use" "$reload_fail" 0 ||
	sed 's/^/# /' "$TMP/reload.err"
t_match "the module was reloaded during the stress" "$reloads" '^[1-9]'
grep -q "^$MOD " /proc/modules || insmod "$KO"

# The churn namespaces are dead: eth1 must come back if it was there.
eth1_home()
{
	[ "$(where eth1 init "$N1" "$N2" "$N3" | wc -l)" = 1 ]
}
t_ok "eth1 is in exactly one namespace" poll 30 eth1_home
for d in nmd0 nmd1 nmd2 nmd3; do
	t_is "$d is in exactly one namespace" \
		"$(where "$d" init "$N1" "$N2" "$N3" | wc -l)" 1
done
missing=
for p in init $N1 $N2 $N3; do
	missing+=$(attr_everywhere "$p")
done
t_is "after the stress every device has the attribute" "$missing" ""

# Bring every device home, from wherever it is.
for d in eth1 nmd0 nmd1 nmd2 nmd3; do
	for p in $N1 $N2 $N3; do
		if has_dev "$p" "$d"; then
			view "$p" "$WR" "/sys/class/net/$d/new_ns_pid" 1 >/dev/null
		fi
	done
done
t_is "every device moved back home" \
	"$(for d in eth1 nmd0 nmd1 nmd2 nmd3; do where "$d" init; done |
	wc -l)" 5

# --- unload -------------------------------------------------------------

t_ok "rmmod $MOD" rmmod "$MOD"
left=
for p in init "$H" "$A" "$B" "$C" "$N1"; do
	left+=$(attr_anywhere "$p")
done
t_is "unloading removed the attribute from every namespace" "$left" ""
t_ok "devices survive the unload" has_dev init nmpre

new=$(dmesg | tail -n "+$((DMESG_START + 1))" |
	grep -aE "$KERNEL_BAD")
t_is "the kernel log is clean" "$new" ""

t_done
