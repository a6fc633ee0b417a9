# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Demo: CLONE_NEWNET and netunshare (the seed's first part).

say "The initial network namespace: lo and the VM's two NICs, eth0 and eth1."
run ip -br link

say "netunshare runs a command in a new network namespace:" \
	"only the loopback device exists, and it is down."
run netunshare -- /bin/sh -c 'ip -br link; readlink /proc/self/ns/net'
run readlink /proc/self/ns/net

say "Nothing answers on 127.0.0.1 there until lo is up ..."
run netunshare -- ping -c1 -W1 127.0.0.1 || true
say "... which netunshare -l does."
run netunshare -l -- ping -c1 -W1 127.0.0.1

say "Its /sys is the new namespace's: /sys/class/net lists what ip link lists."
run netunshare -- ls /sys/class/net

say "With --name the namespace outlives the command, as an ip netns."
run netunshare -l --name demo -- ip addr add 192.0.2.1/32 dev lo
run ip netns exec demo ip -br addr
run nsenter --net=/run/netns/demo ip -br link
run ip netns del demo

say "All or nothing: a command that cannot run leaves nothing behind (-v)."
run netunshare -v -m eth1 -- /no/such/command || true
run ip -br link show eth1

say "netunshare without a command runs a shell there (here: one that exits)."
run netunshare </dev/null
