# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Demo: the etun pair device (the seed's second part).
#
#   init netns                       netunshare'd namespace
#   +----------------------+         +----------------------+
#   | etun0 192.0.2.1/24   |=========| etun1 192.0.2.2/24   |
#   +----------------------+  pair   +----------------------+

etun_ko=$MODULES/drivers/etun/etun.ko
etun_p=/sys/module/etun/parameters

# Like run, for a shell command line with a redirection.
etun_sh()
{
	printf '%s#%s %s\n' "${dim:-}" "${off:-}" "$*"
	bash -c "$*"
}

if [ ! -e "$etun_ko" ]; then
	say "etun: $etun_ko is not built; skipping this section."
	return 0
fi

say "First ensure the etun module is loaded."
grep -q '^etun ' /proc/modules || run insmod "$etun_ko"
run ls -l "$etun_p"

say "Create a pair device with ends etun0 and etun1:"
etun_sh "echo etun0,etun1 > $etun_p/newif"
say "Both ends exist and are linked (etun0@etun1); ip -d names the kind."
run ip -br link
run ip -d link show etun0

say "Bad requests are refused with an errno and change nothing:"
etun_sh "echo etun0,etun9 > $etun_p/newif" || true
etun_sh "echo lo > $etun_p/delif" || true

say "A process with its own network namespace, made by netunshare:"
netunshare -l -- sleep 300 &
etun_pid=$!
poll 10 other_netns "$etun_pid"
run nsenter -t "$etun_pid" -n ip -br link

say "Move etun1 into that namespace; it leaves the initial one."
run ip link set etun1 netns "$etun_pid"
run ip -br link
run nsenter -t "$etun_pid" -n ip -br link

say "Address both ends, bring them up, and ping across the namespaces."
run ip addr add 192.0.2.1/24 dev etun0
run ip link set etun0 up
run nsenter -t "$etun_pid" -n ip addr add 192.0.2.2/24 dev etun1
run nsenter -t "$etun_pid" -n ip link set etun1 up
run ping -c 3 -i 0.2 192.0.2.2
run nsenter -t "$etun_pid" -n ping -c 3 -i 0.2 192.0.2.1

say "When the namespace dies, etun1 comes back to the initial namespace, as it"
say "left it: its peer is here.  (A pair made inside a namespace dies with it.)"
kill "$etun_pid"
wait "$etun_pid" 2>/dev/null
poll 30 test -e /sys/class/net/etun1
run ip -br link

say "Destroy the pair with either end's name:"
etun_sh "echo etun0 > $etun_p/delif"
run ip -br link

say "Unloading the module destroys any pair left, in every namespace."
run rmmod etun
