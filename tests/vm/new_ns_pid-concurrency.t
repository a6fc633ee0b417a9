#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# new_ns_pid-concurrency.t - writers in init and in three namespaces move
# eth1 and four dummies among them and a namespace that keeps dying and
# being reborn, while a dummy is created/deleted and the module unloaded
# and reloaded (NEW_NS_PID_STRESS seconds, 30 by default).

. "$(dirname "$0")/../lib/new_ns_pid.sh"

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
	local secs=$1

	shift
	poll "$secs" test -e "$TMP/stress.done" >/dev/null && return
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

new_ns_pid_done init "$H" "$N1" "$N2" "$N3"
