#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# netunshare with the modules (in the VM): --move, --etun, the seed's
# control files written from inside, and the man page's EXAMPLES.
#
#   initial netns                         netunshare's netns (own /sys)
#   eth0  eth1 ----- new_ns_pid ------->   eth1          (-m eth1)
#   hN ============ etun pair =========>   pN            (-e hN,pN)
#                                          echo a,b > .../newif: a, b here
#
# All or nothing: a failed step, or a COMMAND that cannot be executed,
# undoes every step done, once.  Every failure is checked for its status,
# its whole stderr and the whole device list of the initial namespace.

. "$(dirname "$0")/../lib/common.sh"

nu=$REPO/tools/netunshare/netunshare
man8=$REPO/tools/netunshare/netunshare.8
move_ko=$MODULES/net/new_ns_pid.ko
etun_ko=$MODULES/drivers/etun/etun.ko
newif=/sys/module/etun/parameters/newif
holder=

cleanup()
{
	local d

	[ -z "$holder" ] || kill "$holder" 2>/dev/null
	for d in nuh0 nuh1 nuh2 nuh3 nuh4 nuh5 nuveth0 nsa nsv0 etun0; do
		ip link del "$d" 2>/dev/null
	done
	rmmod etun 2>/dev/null
	rmmod new_ns_pid 2>/dev/null
}

in_init() { ip -o link show "$1" >/dev/null 2>&1; }


# A namespace's inode and the verbose lines that vary with the host.
normalize() { sed 's/net:\[[0-9]*\]/net:[N]/; /kept the mount on/d'; }

if [ ! -e "$move_ko" ] || [ ! -e "$etun_ko" ]; then
	t_skip "netunshare --move/--etun" "modules not built"
	t_done
	exit
fi
printf '#!%s\n' /no/such/interpreter >"$TMP/badinterp"
chmod 0755 "$TMP/badinterp"

# --- without the modules -------------------------------------------------------
before=$(t_linkset)
nu_run "$nu" -v -m eth1 -- bash -c names
t_is "-m without new_ns_pid: rtnetlink moves eth1 in" "$out" "eth1 lo "
t_is "... and -v says so, one line per step" "$(normalize <<<"$err")" \
	"netunshare: new network namespace net:[N]
netunshare: moved eth1 into the new namespace (rtnetlink: new_ns_pid is not loaded)
netunshare: private mount namespace (a slave of the caller's)
netunshare: mounted the new namespace's sysfs on /sys
netunshare: executing /usr/bin/bash"
t_ok "... eth1 is back when the namespace died" poll 10 in_init eth1
t_is "... the initial namespace is as before" "$(t_linkset)" "$before"
nu_run "$nu" -e nuh0,nup0 -- touch "$TMP/ran"
t_is "-e without etun: 125" "$rc" 125
t_is "... the whole stderr, naming the module" "$err" \
	"netunshare: --etun: $newif is missing: the etun module is not loaded (modprobe etun)"
t_fail "... COMMAND did not run" test -e "$TMP/ran"

# --- --move --------------------------------------------------------------------------
insmod "$move_ko"
nu_run "$nu" -v -m eth1 -- bash -c names
t_is "netunshare -m eth1: the namespace holds eth1 and lo" "$out" "eth1 lo "
t_match "... moved by new_ns_pid" "$err" \
	$'\n''netunshare: moved eth1 into the new namespace \(new_ns_pid\)'$'\n'
t_ok "... eth1 is back when the namespace died" poll 10 in_init eth1
t_is "... the initial namespace is as before" "$(t_linkset)" "$before"

nu_run "$nu" -m eth1 -m nosuchdev -- touch "$TMP/ran"
t_is "-m of a missing device: 125" "$rc" 125
t_is "... the whole stderr" "$err" "netunshare: --move nosuchdev: no such network device"
t_fail "... COMMAND did not run" test -e "$TMP/ran"
t_is "... eth1 never left: nothing changed" "$(t_linkset)" "$before"

ip link add nuveth0 type veth peer name nuveth1
before=$(t_linkset)
nu_run "$nu" -m nuveth0 -m lo -- touch "$TMP/ran"
t_is "-m lo fails (the loopback device never moves): 125" "$rc" 125
t_is "... the whole stderr: the kernel's reason, no cleanup error" "$err" \
	"netunshare: --move lo: /sys/class/net/lo/new_ns_pid: Invalid argument"
t_fail "... COMMAND did not run" test -e "$TMP/ran"
t_is "... nuveth0, moved first, was moved back, still paired" \
	"$(t_linkset)" "$before"

nu_run "$nu" -m nuveth0 -- "$TMP/badinterp"
t_is "-m, then exec fails: 127" "$rc" 127
t_is "... the whole stderr" "$err" \
	"netunshare: failed to execute $TMP/badinterp: No such file or directory"
t_is "... nuveth0 was moved back, not destroyed with the namespace" \
	"$(t_linkset)" "$before"
nu_run "$nu" -m nuveth0 -- /typo
t_is "-m ... -- /typo: 127 before any step" "$rc $err" \
	"127 netunshare: failed to execute /typo: No such file or directory"
t_is "... nothing moved" "$(t_linkset)" "$before"
ip link del nuveth0

# --- --etun ------------------------------------------------------------------------------
insmod "$etun_ko"
before=$(t_linkset)
t_is "netunshare -e nuh0,nup0: the new namespace holds lo and nup0" \
	"$("$nu" -e nuh0,nup0 -- bash -c names)" "lo nup0 "
t_ok "... nuh0 stayed in the initial namespace" in_init nuh0
t_ok "... nup0 came back when the namespace died" poll 10 in_init nup0
ip link del nuh0
t_is "... ip link del nuh0 removed both ends" "$(t_linkset)" "$before"

out=$("$nu" -l -e nuh1,nup1 -- sh -c '
	nsenter -t 1 -n sh -c "ip addr add 10.99.0.1/24 dev nuh1 && ip link set nuh1 up" &&
	ip addr add 10.99.0.2/24 dev nup1 && ip link set nup1 up &&
	ping -c1 -W10 10.99.0.1 >/dev/null && echo crossed' 2>&1)
t_is "-e: a ping crosses the pair out of the new namespace" "$out" crossed
ip link del nuh1 2>/dev/null

nu_run "$nu" -e nuh2,nup2 -e nuh3,lo -- touch "$TMP/ran"
t_is "-e with a taken name: 125" "$rc" 125
t_is "... the whole stderr: the kernel's reason, no cleanup error" "$err" \
	"netunshare: --etun nuh3,lo: $newif: File exists"
t_fail "... COMMAND did not run" test -e "$TMP/ran"
t_is "... the first pair was deleted again, nothing else changed" \
	"$(t_linkset)" "$before"

nu_run "$nu" -v -e nuh5,nup5 -- "$TMP/badinterp"
t_is "-e, then exec fails: 127" "$rc" 127
t_is "... every step undone once (-v)" "$(normalize <<<"$err")" \
	"netunshare: created the etun pair nuh5,nup5
netunshare: new network namespace net:[N]
netunshare: moved nup5 into the new namespace (new_ns_pid)
netunshare: private mount namespace (a slave of the caller's)
netunshare: mounted the new namespace's sysfs on /sys
netunshare: executing $TMP/badinterp
netunshare: failed to execute $TMP/badinterp: No such file or directory
netunshare: undo: back in the caller's mount namespace
netunshare: undo: deleted the etun pair nuh5,nup5"
t_is "... both ends are gone, nothing else changed" "$(t_linkset)" "$before"
nu_run "$nu" -e nuh5,nup5 -- /typo
t_is "-e ... -- /typo: 127 before any step" "$rc $err" \
	"127 netunshare: failed to execute /typo: No such file or directory"
t_is "... no pair was created" "$(t_linkset)" "$before"

rmmod new_ns_pid
nu_run "$nu" -v -e nuh4,nup4 -- bash -c names
t_is "-e without new_ns_pid moves PEER through rtnetlink" "$out" "lo nup4 "
t_match "... and -v says so" "$err" \
	'moved nup4 into the new namespace \(rtnetlink: new_ns_pid is not loaded\)'
t_ok "... nuh4 stayed" in_init nuh4
ip link del nuh4 2>/dev/null
insmod "$move_ko"

# --- the seed's commands, typed inside netunshare -- bash ---------------------------
# A pair named like the one made inside, in the initial namespace.
echo nsa,nsb >"$newif"
before=$(t_linkset)
out=$("$nu" -- bash -c "
	echo nsa,nsb > $newif && names && echo
	ip link add nsv0 type veth peer name nsv1 &&
		echo 1 > /sys/class/net/nsv0/new_ns_pid && names && echo &&
		nsenter -t 1 -n ip -br link show nsv0 | cut -d@ -f1
	echo nsa > /sys/module/etun/parameters/delif && names && echo
	echo \$\$ > /sys/class/net/eth1/new_ns_pid" 2>&1)
t_is "inside: newif, new_ns_pid and delif act on the new namespace" "$out" \
	"lo nsa nsb 
lo nsa nsb nsv1 
nsv0
lo nsv1 
bash: line 7: /sys/class/net/eth1/new_ns_pid: No such file or directory"
t_is "... the initial namespace's nsa,nsb and eth1 stayed; nsv0 died with nsv1" \
	"$(t_linkset)" "$before"
ip link del nsa

# --- the man page's EXAMPLES, verbatim, on a "freshly booted" host ---------------
# (no /run/netns yet: a mount namespace of the test's own, with a new /run)
# (no process substitution: the guest has no /dev/fd)
mapfile -t examples <<<"$(sed -n '/^\.SH EXAMPLES/,/^\.SH /{/^\.TP/{n;s/^\.B //p}}' \
	"$man8" | sed 's/\\-/-/g')"
t_is "the man page has 7 examples" "${#examples[@]}" 7
unshare -m --propagation private sleep 600 &
holder=$!
poll 10 nsenter -t "$holder" -m true
nsenter -t "$holder" -m mount -t tmpfs nu-run /run
before=$(t_linkset)
i=0
for ex in "${examples[@]}"; do
	i=$((i + 1))
	nu_run nsenter -t "$holder" -m bash -c "$ex" </dev/null
	t_is "EXAMPLES $i: $ex" "$rc" 0
	[ "$rc" = 0 ] || t_diag "$err"
	outs[i]=$out
done
t_match "... 3: blue is an ip netns, with lo up" "${outs[3]}" '^lo +UNKNOWN '
t_is "... 4: ip netns del removed it" \
	"$(nsenter -t "$holder" -m ls -A /run/netns)" ""
t_is "... 5: eth1 was in the new namespace" \
	"$(awk '{ print $1 }' <<<"${outs[5]}" | t_fb_strip | tr '\n' ' ')" "lo eth1 "
t_is "... 6: its /sys/class/net lists etun1" \
	"$(t_fb_strip <<<"${outs[6]}" | tr '\n' ' ')" "etun1 lo "
t_ok "... eth1 and etun1 came back" poll 10 sh -c \
	'ip link show eth1 && ip link show etun1'
ip link del etun0
t_is "... and nothing else was left" "$(t_linkset)" "$before"

t_done
