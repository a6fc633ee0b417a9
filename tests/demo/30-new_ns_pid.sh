# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Demo: moving a network device with new_ns_pid (the seed's example).
#
#   initial namespace                      netunshare -- sleep 1000
#   eth0 10.99.0.1/24 ---- QEMU hub ---- eth1 10.99.0.2/24
#   (eth1 starts here and is moved there with "echo PID > new_ns_pid")

demo_ko=$MODULES/net/new_ns_pid.ko
if [ ! -r "$demo_ko" ]; then
	say "new_ns_pid: net/new_ns_pid.ko is not built; skipping this part."
	return 0
fi

say "new_ns_pid: load the module; every device gets a write-only attribute."
run insmod "$demo_ko"
run ls -l /sys/class/net/eth0/new_ns_pid /sys/class/net/eth1/new_ns_pid

say "A process does the unshare call: netunshare -- sleep 1000 ..."
netunshare -- sleep 1000 &
pid=$!
poll 10 other_netns "$pid"
run ls -l "/proc/$pid/ns/net" /proc/self/ns/net

say "... and we move eth1 into its network namespace, as in 2007:"
run bash -c "echo $pid > /sys/class/net/eth1/new_ns_pid"

say "eth1 is gone from the initial namespace, and from its /sys/class/net:"
run ip -br link
run ls /sys/class/net
say "It lives in the process's namespace now, with its new_ns_pid:"
run nsenter -t "$pid" -n ip -br link
run nsenter -t "$pid" -n unshare -m sh -c \
	'mount -t sysfs sysfs /sys && ls /sys/class/net /sys/class/net/eth1/new_ns_pid'

say "Address both ends and ping across the VM's hub (nothing leaves the VM)."
run ip addr add 10.99.0.1/24 dev eth0
run ip link set eth0 up
run nsenter -t "$pid" -n ip addr add 10.99.0.2/24 dev eth1
run nsenter -t "$pid" -n ip link set eth1 up
run ping -c 3 -w 20 -I eth0 10.99.0.2
run nsenter -t "$pid" -n ping -c 3 -w 20 10.99.0.1

say "Only the namespace owner may move: root without CAP_NET_ADMIN cannot."
run setpriv --inh-caps=-net_admin --bounding-set=-net_admin \
	bash -c "echo $pid > /sys/class/net/eth0/new_ns_pid" || true
say "And the loopback device cannot move at all."
run bash -c "echo $pid > /sys/class/net/lo/new_ns_pid" || true

say "When the namespace dies, the kernel gives eth1 back to the initial one."
run kill "$pid"
wait "$pid" 2>/dev/null
poll 30 test -e /sys/class/net/eth1
run ip -br link

say "Unloading the module removes new_ns_pid from every device."
run ip addr flush dev eth0
run ip link set eth0 down
run rmmod new_ns_pid
run ls /sys/class/net/eth0/new_ns_pid /sys/class/net/eth1/new_ns_pid || true
unset -f demo_wait_netns poll 30 test -e /sys/class/net/eth1
unset demo_ko pid
