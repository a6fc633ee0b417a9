#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# fuzz.t - bounded, seeded fuzzing of newif, delif and new_ns_pid, as root
# inside the VM (tests/tools/nsfuzz does the writing).
#
#   FUZZ_SECONDS  total fuzzing time (default 20), split in two rounds
#   FUZZ_SEED     the seed (default: random; printed, so a run repeats)
#
# Round 1, accounting: writers in the initial namespace and in short-lived
# namespaces (which create pairs, move ends in and out, and die with ends
# in them) with both modules loaded throughout.  Once every namespace has
# been dismantled, every etun end in the initial namespace is paired with
# its mirror there, and there are at most 2 * (successful newif -
# successful delif) of them (pairs whose ends were all outside the initial
# namespace died with their namespaces: Documentation/networking/etun.rst);
# delif destroys them all; lo, eth0 and eth1 are untouched; both modules
# unload.
#
# Round 2, unload under fire: the same writers while etun and new_ns_pid
# are unloaded and reloaded underneath them.  Afterwards nothing is left
# (the device list is what it was before round 1) and both modules unload.
#
# The kernel log must stay clean (run-vm and the suite check it too, and
# run-vm scans kmemleak at the end of the boot on a debug kernel).

. "$(dirname "$0")/../lib/common.sh"

ETUN_KO=$MODULES/drivers/etun/etun.ko
MOVE_KO=$MODULES/net/new_ns_pid.ko
SECONDS_ALL=${FUZZ_SECONDS:-20}
SEED=${FUZZ_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
JOBS=4	# concurrent writers in the initial namespace

cleanup()
{
	unload etun
	unload new_ns_pid
}

# settled: returns once every namespace that died before the call has been
# dismantled.  Namespaces are dismantled in order by one worker: once a
# host-given end of a namespace killed now is back, the others are gone.
settled()
{
	local back

	"$T_TOOLS/wr" /sys/module/etun/parameters/newif 'fzs0,fzs1' >/dev/null
	sleeper && ip link set fzs1 netns "$SLEEPER"
	kill "$SLEEPER"
	wait "$SLEEPER" 2>/dev/null
	poll 90 test -e /sys/class/net/fzs1 && back=0 || back=1
	"$T_TOOLS/wr" /sys/module/etun/parameters/delif fzs0 | grep -qx OK &&
		[ "$back" = 0 ]
}

NSFUZZ=$T_TOOLS/nsfuzz
if [ ! -x "$NSFUZZ" ] || [ "$NSFUZZ" -ot "$T_TOOLS/nsfuzz.c" ]; then
	NSFUZZ=$TMP/nsfuzz
	cc -O2 -std=gnu11 -o "$NSFUZZ" "$T_TOOLS/nsfuzz.c" || {
		echo "Bail out! cannot build tests/tools/nsfuzz"
		exit 1
	}
fi

t_diag "seed $SEED (FUZZ_SEED=$SEED FUZZ_SECONDS=$SECONDS_ALL to repeat)"
if [ ! -e "$ETUN_KO" ] && [ ! -e "$MOVE_KO" ]; then
	t_skip "fuzzing" "neither etun.ko nor new_ns_pid.ko is built"
	t_done
	exit
fi
unload etun
unload new_ns_pid
before=$(links)
dmesg_before=$(dmesg | wc -l)
half=$(awk -v s="$SECONDS_ALL" 'BEGIN { printf "%.1f", s / 2 }')

load_all()
{
	[ ! -e "$ETUN_KO" ] || loaded etun || insmod "$ETUN_KO" || return 1
	[ ! -e "$MOVE_KO" ] || loaded new_ns_pid || insmod "$MOVE_KO"
}

# --- round 1: accounting ------------------------------------------------------
t_diag "round 1 at $(date +%T)"
t_ok "load the modules" load_all
"$NSFUZZ" run -s "$SEED" -t "$half" -j "$JOBS" \
	>"$TMP/run1" 2>&1
rc=$?
sed 's/^/# /' "$TMP/run1"
t_is "round 1: nsfuzz exits 0 (no unexpected errno)" "$rc" 0
summary=$(grep '^seed ' "$TMP/run1")
newif_ok=$(sed -n 's/.*newif_ok \([0-9]*\).*/\1/p' <<<"$summary")
delif_ok=$(sed -n 's/.*delif_ok \([0-9]*\).*/\1/p' <<<"$summary")
writes=$(sed -n 's/.*writes \([0-9]*\).*/\1/p' <<<"$summary")
t_match "round 1: some writes were made" "${writes:-0}" '^[1-9][0-9]*$'
if [ -e "$ETUN_KO" ]; then
	most=$((2 * (${newif_ok:-0} - ${delif_ok:-0})))
	t_ok "round 1: every namespace of the run has been dismantled" settled
	got=$("$NSFUZZ" census | sed -n 's/^etun //p')
	t_ok "round 1: at most 2 * (newif_ok - delif_ok) = $most etun ends left ($got)" \
		test "${got:-x}" -le "$most"
	# A peer end a dying namespace hands back may still be on its way
	# (namespaces die asynchronously): pairs must form, within 90 s.
	paired() { "$NSFUZZ" census >"$TMP/census" && grep -qx 'bad 0' "$TMP/census"; }
	poll 90 paired
	t_is "round 1: every etun end is paired with its mirror" \
		"$(sed -n 's/^bad //p' "$TMP/census")" 0 || {
		sed 's/^/# /' "$TMP/census"
		sed -n 's/^# unpaired: \([^ ]*\) .*/\1/p' "$TMP/census" |
			while read -r dev; do ip -d link show dev "$dev"; done
		lsns -t net
		for pid in $(lsns -t net -n -o PID); do
			nsenter -t "$pid" -n ip -o link
		done
	} 2>&1 | sed 's/^/# /'
	"$NSFUZZ" delall >"$TMP/delall"
	t_is "round 1: delif destroys every pair" \
		"$("$NSFUZZ" census | sed -n 's/^etun //p')" 0
else
	t_skip "round 1: etun accounting" "etun.ko is not built"
fi
for dev in lo eth0 eth1; do
	t_ok "round 1: $dev is still in the initial namespace" \
		test -e "/sys/class/net/$dev"
done
t_ok "round 1: etun unloads" poll 30 unload etun
t_ok "round 1: new_ns_pid unloads" poll 30 unload new_ns_pid
t_is "round 1: the device list is what it was" "$(links)" "$before"

# --- round 2: unload and reload under fire ------------------------------------
t_diag "round 2 at $(date +%T)"
t_ok "round 2: load the modules" load_all
"$NSFUZZ" run -s "$((SEED + 1))" -t "$half" -j "$JOBS" \
	>"$TMP/run2" 2>&1 &
fuzz=$!
BG+=("$fuzz")
reloads=0
while kill -0 "$fuzz" 2>/dev/null; do
	sleep "0.$((RANDOM % 9 + 1))"
	case $((RANDOM % 4)) in
	0) unload etun ;;
	1) unload new_ns_pid ;;
	2) unload etun; unload new_ns_pid ;;
	esac
	sleep "0.$((RANDOM % 5 + 1))"
	load_all && reloads=$((reloads + 1))
done
wait "$fuzz"
rc=$?
sed 's/^/# /' "$TMP/run2"
t_is "round 2: nsfuzz exits 0 (no unexpected errno)" "$rc" 0
t_diag "round 2: $reloads unload/reload cycles"
t_ok "round 2: etun unloads" poll 30 unload etun
t_ok "round 2: new_ns_pid unloads" poll 30 unload new_ns_pid
# Ends refunded by namespaces that die after the unload would be a leak.
sleep 2
t_is "round 2: the device list is what it was" "$(links)" "$before"
t_ok "the kernel log is clean" bash -c \
	"dmesg | tail -n +$((dmesg_before + 1)) >$TMP/dmesg &&
	 '$REPO/tests/harness/dmesg-guard' $TMP/dmesg"
t_done
