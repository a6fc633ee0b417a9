#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# etun.t - the etun pair device (drivers/etun), as root inside the VM.
#
#   init netns                                    netns NS_A (ip netns)
#   +----------------------------------+         +----------------------------------+
#   | etun0  10.199.0.1/24  fd99::1/64 |=========| etun1  10.199.0.2/24  fd99::2/64 |
#   +----------------------------------+  pair   +----------------------------------+
#
#   netns NS_B (ip netns)                         netunshare'd process (killed)
#   +----------------------------------+         +------------------+
#   | etund0 10.199.1.1/24             |=========| etund1           | -> back in init
#   +----------------------------------+  pair   +------------------+    10.199.1.2/24
#
# Order: bad input (each errno, "ip -o link" unchanged, dmesg silent),
# create/delete, load parameter and autoload, traffic (IPv4, IPv6, TCP
# with checksums, MTU 9000, GSO, checksum safety, stats, drops), namespace
# death, unload under traffic in several namespaces, 1,000 pairs,
# concurrent writers.  The module must not be loaded at the start; it is
# unloaded at the end.

set -u

REPO=${REPO:-$(pwd)}
# shellcheck source=tests/lib/tap.sh
. "$REPO/tests/lib/tap.sh"

KO=$MODULES/drivers/etun/etun.ko
P=/sys/module/etun/parameters
WR=$T_TOOLS/wr
NS_A=etun-a-$$
NS_B=etun-b-$$
NS_C=etun-c-$$
TMP=$(mktemp -d /tmp/etun-t.XXXXXX)
OLD_MODPROBE=
BG=()

cleanup()
{
	local pid ns

	for pid in "${BG[@]}"; do
		kill "$pid" 2>/dev/null
	done
	wait 2>/dev/null
	for ns in "$NS_A" "$NS_B" "$NS_C"; do
		ip netns del "$ns" 2>/dev/null
	done
	[ -z "$OLD_MODPROBE" ] || echo "$OLD_MODPROBE" >/proc/sys/kernel/modprobe
	! loaded || rmmod etun
	rm -rf "$TMP"
}
trap cleanup EXIT

loaded()
{
	grep -q '^etun ' /proc/modules
}

# Device names as "ip -o link" shows them (with @peer), sorted.
links()
{
	ip -o link show | awk -F': ' '{ print $2 }' | sort
}

# Run CMD in namespace NS ("-" is the initial one).
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

# ctr NS DEV COUNTER
ctr()
{
	in_ns "$1" cat "/sys/class/net/$2/statistics/$3"
}

# Poll CMD for up to 15 s (POLL_TRIES tenths of a second).
poll()
{
	local i

	for i in $(seq "${POLL_TRIES:-150}"); do
		"$@" && return 0
		sleep 0.1
	done
	"$@"
}

# Poll for up to 90 s: namespaces are freed asynchronously (cleanup_net),
# slowly under emulation on a busy machine.
poll_long()
{
	POLL_TRIES=900 poll "$@"
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

# A process in a new network namespace: netunshare when built, else unshare.
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
	# Wait until it has its own namespace.
	poll test "$(readlink "/proc/$SPAWNED/ns/net")" != "$(readlink /proc/self/ns/net)"
}

etun_devices()
{
	ip -d -o link show | grep -c ' etun '
}

loaded && rmmod etun
t_ok "insmod etun.ko" insmod "$KO"
t_is "newif is mode 0200, owned by root" "$(stat -c '%a %U' "$P/newif")" "200 root"
t_is "delif is mode 0200, owned by root" "$(stat -c '%a %U' "$P/delif")" "200 root"

# --- bad input ---------------------------------------------------------------
t_diag "bad input (at ${SECONDS}s)"

base=$(links)
eth0_before=$(ip -o link show eth0)
dmesg_before=$(dmesg | wc -l)

# bad FILE ERRNO DATA DESC
bad()
{
	t_errno "$1 '$4': $2" "$2" "$P/$1" "$3"
	t_is "$1 '$4': ip -o link unchanged" "$(links)" "$base"
}

# A zero-length write(2) never reaches the driver: sysfs returns 0.
bad newif OK '' 'zero-length write'
bad newif EINVAL '\n' 'empty line'
bad newif EINVAL ',' ','
bad newif EINVAL ',\n' ',\n'
bad newif EINVAL 'a' 'a'
bad newif EINVAL 'a\n' 'a\n'
bad newif EINVAL 'a,' 'a,'
bad newif EINVAL ',b' ',b'
bad newif EINVAL 'a,a' 'a,a'
bad newif EINVAL 'a,b,c' 'a,b,c'
bad newif EINVAL 'a,b\n\n' 'two newlines'
bad newif EINVAL '\na,b' 'leading newline'
bad newif EINVAL ' a,b' 'leading space'
bad newif EINVAL 'a,b ' 'trailing space'
bad newif EINVAL 'abcdefghijklmnop,b' '16-byte first name'
bad newif EINVAL 'a,abcdefghijklmnop' '16-byte second name'
bad newif EINVAL 'a/b,c' 'slash'
bad newif EINVAL 'a:b,c' 'colon'
bad newif EINVAL 'a b,c' 'space inside'
bad newif EINVAL 'a\tb,c' 'tab inside'
bad newif EINVAL 'a%d,c' 'percent'
bad newif EINVAL 'a,b%d' 'percent in second'
bad newif EINVAL 'caf\xc3\xa9,b' 'non-ASCII'
bad newif EINVAL 'a\x7f,b' 'DEL byte'
bad newif EINVAL 'a\x00,b' 'NUL in first'
bad newif EINVAL 'a,b\x00' 'trailing NUL'
bad newif EINVAL 'a,b\x00c' 'NUL in second'
bad newif EINVAL '.,b' '.'
bad newif EINVAL '..,b' '..'
bad newif EINVAL 'a,..\n' '.. second'
bad newif EEXIST 'lo,etunx' 'first name taken'
bad newif EEXIST 'etunx,eth0' 'second name taken'
bad newif EEXIST 'etunx,lo\n' 'second name taken, newline'
bad newif EINVAL "$(printf 'x%.0s' $(seq 4096))" 'page of x'
bad newif EINVAL "$(head -c 3072 /dev/urandom | base64 -w0 | tr '+/' ',,')" \
	'page of base64 garbage'
bad delif OK '' 'zero-length write'
bad delif EINVAL '\n' 'empty line'
bad delif ENODEV 'nosuch' 'nosuch'
bad delif ENODEV 'nosuch\n' 'nosuch\n'
bad delif EINVAL 'lo' 'lo'
bad delif EINVAL 'eth0\n' 'eth0'
bad delif EINVAL 'a,b' 'two names'
bad delif EINVAL 'abcdefghijklmnop' '16 bytes'
bad delif EINVAL 'a/b' 'slash'
bad delif EINVAL 'lo\x00' 'NUL'
bad delif EINVAL "$(printf 'y%.0s' $(seq 4096))" 'page of y'
t_is "delif eth0 left eth0 untouched" "$(ip -o link show eth0)" "$eth0_before"

t_is "newif without CAP_NET_ADMIN (setpriv): EPERM" \
	"$(setpriv --inh-caps=-net_admin --bounding-set=-net_admin \
		"$WR" "$P/newif" 'etunx,etuny')" EPERM
t_is "newif without CAP_NET_ADMIN (capsh): EPERM" \
	"$(capsh --drop=cap_net_admin -- -c "'$WR' '$P/newif' 'etunx,etuny'")" EPERM
t_is "delif without CAP_NET_ADMIN (setpriv): EPERM" \
	"$(setpriv --inh-caps=-net_admin --bounding-set=-net_admin \
		"$WR" "$P/delif" 'lo')" EPERM
t_is "newif by a user namespace's root, for init_net: EPERM" \
	"$(unshare -Ur "$WR" "$P/newif" 'etunx,etuny')" EPERM
t_is "unprivileged attempts: ip -o link unchanged" "$(links)" "$base"
t_is "bad input: nothing about etun in dmesg" \
	"$(dmesg | tail -n "+$((dmesg_before + 1))" | grep -i etun)" ""

# --- create and delete ---------------------------------------------------------
t_diag "create and delete (at ${SECONDS}s)"

t_errno "newif etun0,etun1" OK "$P/newif" 'etun0,etun1\n'
t_match "etun0 is linked to etun1" "$(ip -o link show etun0)" '^[0-9]+: etun0@etun1: '
t_match "etun1 is linked to etun0" "$(ip -o link show etun1)" '^[0-9]+: etun1@etun0: '
t_match "ip -d link show: kind etun" "$(ip -d -o link show etun0)" ' etun '
t_is "iflink of etun0 is etun1" "$(cat /sys/class/net/etun0/iflink)" \
	"$(cat /sys/class/net/etun1/ifindex)"
t_is "ethtool -i: driver etun" "$(ethtool -i etun0 | sed -n 's/^driver: //p')" etun
t_is "ethtool -S: peer_ifindex" \
	"$(ethtool -S etun1 | awk '/peer_ifindex:/ { print $2 }')" \
	"$(cat /sys/class/net/etun0/ifindex)"
t_is "random MAC addresses" "$(cat /sys/class/net/etun0/addr_assign_type)" 1
t_fail "the two ends have different MACs" test \
	"$(cat /sys/class/net/etun0/address)" = "$(cat /sys/class/net/etun1/address)"
feat=$(ethtool -k etun0)
for f in scatter-gather tx-checksum-ip-generic tx-scatter-gather-fraglist \
	 tcp-segmentation-offload tx-tcp6-segmentation generic-segmentation-offload \
	 rx-checksumming; do
	t_match "offload $f on" "$feat" "$f: on"
done
t_ok "mtu 68 accepted" ip link set etun0 mtu 68
t_fail "mtu 67 refused" ip link set etun0 mtu 67
t_ok "mtu 65535 accepted" ip link set etun0 mtu 65535
t_fail "mtu 65536 refused" ip link set etun0 mtu 65536
ip link set etun0 mtu 1500

t_ok "etun0 up" ip link set etun0 up
t_match "qdisc noqueue (IFF_NO_QUEUE)" "$(ip -o link show etun0)" 'qdisc noqueue'
t_ok "etun0 up, etun1 down: no carrier on etun0" carrier_is - etun0 0
t_ok "etun1 up" ip link set etun1 up
t_ok "both up: carrier on etun0" poll carrier_is - etun0 1
t_ok "both up: carrier on etun1" poll carrier_is - etun1 1
ip link set etun1 down
t_ok "etun1 down again: no carrier on etun0" poll carrier_is - etun0 0
ip link set etun0 down

t_errno "delif etun1 (the second end)" OK "$P/delif" 'etun1\n'
t_ok "delif removed etun0" gone - etun0
t_ok "delif removed etun1" gone - etun1
t_ok "echo etun0,etun1 > newif (the seed's usage)" \
	bash -c "echo etun0,etun1 > $P/newif"
t_ok "ip link del etun1" ip link del etun1
t_ok "ip link del removed etun0 too" gone - etun0
t_ok "echo etun0,etun1 > newif" bash -c "echo etun0,etun1 > $P/newif"
t_ok "echo etun0 > delif" bash -c "echo etun0 > $P/delif"
t_is "both ends gone" "$(links)" "$base"
t_errno "15-byte names are accepted" OK "$P/newif" 'abcdefghijklmno,ABCDEFGHIJKLMNO'
t_errno "delif by the 15-byte name" OK "$P/delif" 'ABCDEFGHIJKLMNO'

t_ok "ip link add etuna type etun" ip link add etuna type etun
peer=$(ip -o link show etuna | sed -n 's/^[0-9]*: etuna@\([^:]*\):.*/\1/p')
t_match "ip link add: peer named etunN" "$peer" '^etun[0-9]+$'
t_match "ip link add: the peer is etun too" "$(ip -d -o link show "$peer")" ' etun '
t_ok "ip link del of the peer" ip link del "$peer"
t_ok "... removed etuna too" gone - etuna
t_ok "ip link add with an address" \
	ip link add etuna address 02:00:00:00:00:01 type etun
t_is "... address set" "$(cat /sys/class/net/etuna/address)" 02:00:00:00:00:01
ip link del etuna
t_fail "ip link add with a multicast address is refused" \
	ip link add etuna address 01:00:00:00:00:01 type etun
t_is "all gone" "$(links)" "$base"

ip netns add "$NS_C"
t_is "newif from another netns" \
	"$(ip netns exec "$NS_C" "$WR" "$P/newif" 'etunn0,etunn1')" OK
t_ok "... created there" exists "$NS_C" etunn0
t_ok "... not in init_net" gone - etunn0
t_errno "delif from init_net does not see it: ENODEV" ENODEV "$P/delif" etunn0
t_is "delif from its netns" "$(ip netns exec "$NS_C" "$WR" "$P/delif" 'etunn1')" OK
t_ok "... removed etunn0" gone "$NS_C" etunn0
t_errno "newif etunm0,etunm1" OK "$P/newif" 'etunm0,etunm1'
ip link set etunm1 netns "$NS_C"
t_errno "delif etunm0 while etunm1 lives in another netns" OK "$P/delif" etunm0
t_ok "... etunm1 destroyed there" gone "$NS_C" etunm1

# --- load parameter, modprobe, autoload -----------------------------------------------
t_diag "load parameter, modprobe, autoload (at ${SECONDS}s)"

t_ok "rmmod etun" rmmod etun
t_fail "insmod newif=bad fails" insmod "$KO" newif=bad
t_fail "insmod newif=eth0,etunp1 fails (EEXIST)" insmod "$KO" newif=eth0,etunp1
t_fail "... module not loaded" loaded
t_is "... nothing created" "$(links)" "$base"
t_is "newif is the only load parameter" \
	"$(modinfo -F parm "$KO" | cut -d: -f1)" newif
t_ok "insmod delif=x loads: no such parameter" insmod "$KO" delif=x
t_match "... the kernel ignored it" "$(dmesg | tail -n 20)" \
	"etun: unknown parameter 'delif' ignored"
t_is "... and created nothing" "$(links)" "$base"
t_ok "rmmod etun" rmmod etun
t_ok "insmod newif=etunp0,etunp1" insmod "$KO" newif=etunp0,etunp1
t_match "... created the pair" "$(ip -o link show etunp0)" 'etunp0@etunp1:'
t_ok "rmmod etun" rmmod etun
t_ok "... destroyed the pair" gone - etunp0

kver=$(uname -r)
mkdir -p "$TMP/mods/lib/modules/$kver/extra"
cp "$KO" "$TMP/mods/lib/modules/$kver/extra/"
depmod -b "$TMP/mods" "$kver" 2>/dev/null
t_ok "modprobe etun newif=etunq0,etunq1" \
	modprobe -d "$TMP/mods" etun newif=etunq0,etunq1
t_match "... created the pair" "$(ip -o link show etunq0)" 'etunq0@etunq1:'
rmmod etun
printf '#!/bin/sh\nexec /sbin/modprobe -d %s "$@"\n' "$TMP/mods" >"$TMP/modprobe"
chmod +x "$TMP/modprobe"
OLD_MODPROBE=$(cat /proc/sys/kernel/modprobe)
echo "$TMP/modprobe" >/proc/sys/kernel/modprobe
t_ok "ip link add type etun autoloads the module (rtnl-link-etun)" \
	ip link add etunauto type etun
t_ok "... module loaded" loaded
echo "$OLD_MODPROBE" >/proc/sys/kernel/modprobe
OLD_MODPROBE=
ip link del etunauto
loaded || insmod "$KO"

# --- traffic ---------------------------------------------------------------------
t_diag "traffic (at ${SECONDS}s)"

ip netns add "$NS_A"
"$WR" "$P/newif" 'etun0,etun1' >/dev/null
ip link set etun1 netns "$NS_A"
# No router solicitations: the counters below count only what we send.
sysctl -qw net.ipv6.conf.etun0.router_solicitations=0
ip addr add 10.199.0.1/24 dev etun0
ip addr add fd99::1/64 dev etun0 nodad
ip link set etun0 up
ip netns exec "$NS_A" sh -e -c '
	ip link set lo up
	ip addr add 10.199.0.2/24 dev etun1
	ip addr add fd99::2/64 dev etun1 nodad
	ip link set etun1 up'
t_ok "carrier on etun0 with etun1 up in $NS_A" poll carrier_is - etun0 1
t_match "etun0@ifN: peer in another netns" "$(ip -o link show etun0)" \
	"etun0@if$(in_ns "$NS_A" cat /sys/class/net/etun1/ifindex):"
t_ok "IPv4 ping across" ping -c 3 -i 0.2 -W 5 10.199.0.2
t_ok "IPv6 ping across" ping -6 -c 3 -i 0.2 -W 5 fd99::2

head -c 4M /dev/urandom >"$TMP/data"
want=$(sha256sum <"$TMP/data" | cut -d' ' -f1)
ip netns exec "$NS_A" python3 -c '
import hashlib, socket
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("10.199.0.2", 5001))
s.listen(1)
c, _ = s.accept()
h, n = hashlib.sha256(), 0
while True:
    b = c.recv(1 << 16)
    if not b:
        break
    h.update(b)
    n += len(b)
print(h.hexdigest(), n)
' >"$TMP/server.out" &
srv=$!
BG+=("$srv")
listening() { ip netns exec "$NS_A" ss -Hltn 'sport = :5001' | grep -q .; }
poll listening
tx_p=$(ctr - etun0 tx_packets)
tx_b=$(ctr - etun0 tx_bytes)
t_ok "TCP: 4 MiB sent" bash -c "cat '$TMP/data' >/dev/tcp/10.199.0.2/5001"
wait "$srv"
t_is "TCP: same sha256 and length received" "$(cat "$TMP/server.out")" \
	"$want 4194304"
d_p=$(($(ctr - etun0 tx_packets) - tx_p))
d_b=$(($(ctr - etun0 tx_bytes) - tx_b))
t_ok "TCP: GSO frames crossed unsegmented (average $((d_b / (d_p ? d_p : 1))) bytes > MTU)" \
	test "$d_b" -gt $((d_p * 1514))

t_ok "mtu 9000 on etun0" ip link set etun0 mtu 9000
t_ok "mtu 9000 on etun1" ip netns exec "$NS_A" ip link set etun1 mtu 9000
t_ok "ping -Mdo -s 8972 (9000-byte packets)" \
	ping -Mdo -s 8972 -c 2 -i 0.2 -W 5 10.199.0.2
t_fail "ping -Mdo -s 8973 does not fit" ping -Mdo -s 8973 -c 1 -W 1 10.199.0.2

# Checksum safety: a UDP datagram with a bad checksum must be dropped by
# the receiver, not delivered as if verified.  A bad one is sent first,
# then a good one: the receiver must see the good one first.
udp_recv()
{
	ip netns exec "$NS_A" python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("10.199.0.2", 5002))
s.settimeout(60)
print(s.recv(100).decode())
' >"$TMP/udp.out" &
	UDP_PID=$!
	BG+=("$UDP_PID")
	poll bash -c "ip netns exec '$NS_A' ss -Hlun 'sport = :5002' | grep -q ."
}
# raw_udp good|bad: one frame etun0 -> etun1 through a packet socket
raw_udp()
{
	python3 - "$1" "$(cat /sys/class/net/etun0/address)" \
		"$(in_ns "$NS_A" cat /sys/class/net/etun1/address)" <<'EOF'
import socket, struct, sys
kind, src, dst = sys.argv[1], sys.argv[2], sys.argv[3]
mac = lambda m: bytes(int(x, 16) for x in m.split(":"))
def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff
sip, dip = socket.inet_aton("10.199.0.1"), socket.inet_aton("10.199.0.2")
data = kind.encode()
udp = struct.pack("!HHHH", 40000, 5002, 8 + len(data), 0) + data
c = csum(sip + dip + struct.pack("!BBH", 0, 17, len(udp)) + udp) or 0xffff
if kind == "bad":
    c ^= 0x5a5a
udp = udp[:6] + struct.pack("!H", c) + udp[8:]
ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0,
                 sip, dip)
ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("etun0", 0))
s.send(mac(dst) + mac(src) + b"\x08\x00" + ip + udp)
EOF
}
csum_errors()
{
	ip netns exec "$NS_A" cat /proc/net/snmp |
		awk '/^Udp: [0-9]/ { print $8 }'
}
udp_recv
e0=$(csum_errors)
raw_udp bad
raw_udp good
wait "$UDP_PID"
t_is "bad UDP checksum dropped, good one delivered" "$(cat "$TMP/udp.out")" good
t_is "bad UDP checksum counted as InCsumErrors" "$(csum_errors)" $((e0 + 1))

# Counters: one end's tx is the other's rx, and they count what was sent.
tx0=$(ctr - etun0 tx_packets)
ping -c 50 -i 0.01 -W 5 -q 10.199.0.2 >/dev/null
d=$(($(ctr - etun0 tx_packets) - tx0))
t_ok "50 pings: etun0 tx_packets grew by 50..52 (got $d)" \
	test "$d" -ge 50 -a "$d" -le 52
# same_count NS1 DEV1 CTR1 NS2 DEV2 CTR2: equal, read while DEV1's is
# still (a packet may be sent between two reads; the counters only grow).
same_count()
{
	local a b c i

	for i in $(seq 50); do
		a=$(ctr "$1" "$2" "$3")
		b=$(ctr "$4" "$5" "$6")
		c=$(ctr "$1" "$2" "$3")
		[ "$a" = "$c" ] && break
	done
	[ "$a" = "$b" ] || { echo "$2 $3 $a, $5 $6 $b"; return 1; }
}
for c in packets bytes; do
	t_ok "etun0 tx_$c == etun1 rx_$c" \
		same_count - etun0 "tx_$c" "$NS_A" etun1 "rx_$c"
	t_ok "etun1 tx_$c == etun0 rx_$c" \
		same_count "$NS_A" etun1 "tx_$c" - etun0 "rx_$c"
done

# Drops: a frame larger than the peer's MTU, then frames to a peer that is down.
ip netns exec "$NS_A" ip link set etun1 mtu 1500
txd=$(ctr - etun0 tx_dropped)
rxd=$(ctr "$NS_A" etun1 rx_dropped)
# (Not ping: it resends a probe that failed with ENOBUFS.)
python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IP, 10, 2)  # IP_MTU_DISCOVER, IP_PMTUDISC_DO
for i in range(5):
    try:
        s.sendto(b"x" * 4000, ("10.199.0.2", 9))
    except OSError:
        pass
'
t_is "5 frames over the peer's MTU: etun0 tx_dropped +5" \
	"$(ctr - etun0 tx_dropped)" $((txd + 5))
t_is "... etun1 rx_dropped +5" "$(ctr "$NS_A" etun1 rx_dropped)" $((rxd + 5))
ip netns exec "$NS_A" ip link set etun1 down
t_ok "peer down: etun0 loses carrier" poll carrier_is - etun0 0
txd=$(ctr - etun0 tx_dropped)
python3 -c '
import socket
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.setsockopt(263, 20, 1)  # SOL_PACKET, PACKET_QDISC_BYPASS
s.bind(("etun0", 0))
for i in range(7):
    try:
        s.send(b"\xff" * 6 + b"\x02" + b"\0" * 5 + b"\x08\x00" + b"\0" * 46)
    except OSError:
        pass
'
t_is "7 frames sent while the peer is down: tx_dropped +7" \
	"$(ctr - etun0 tx_dropped)" $((txd + 7))
ip netns exec "$NS_A" ip link set etun1 up
t_ok "peer up again: carrier back" poll carrier_is - etun0 1

# --- namespace death ---------------------------------------------------------------
t_diag "namespace death (at ${SECONDS}s)"

"$WR" "$P/newif" 'etund0,etund1' >/dev/null
spawn_netns
pid_d=$SPAWNED
t_ok "etund1 moved to a netunshare'd process" ip link set etund1 netns "$pid_d"
t_ok "... gone from init_net" gone - etund1
kill "$pid_d"
t_ok "its netns died: etund1 back in init_net" poll_long exists - etund1
t_match "... still linked to etund0" "$(ip -o link show etund1)" 'etund1@etund0:'
ip netns add "$NS_B"
ip link set etund0 netns "$NS_B"
ip netns exec "$NS_B" sh -e -c '
	ip addr add 10.199.1.1/24 dev etund0
	ip link set etund0 up'
ip addr add 10.199.1.2/24 dev etund1
ip link set etund1 up
t_ok "... and passes traffic (ping from $NS_B)" \
	ip netns exec "$NS_B" ping -c 3 -i 0.2 -W 5 10.199.1.2

"$WR" "$P/newif" 'etunr0,etunr1' >/dev/null
spawn_netns
pid_r=$SPAWNED
ip link set etunr1 netns "$pid_r"
t_errno "the name etunr1 is reused in init_net meanwhile" OK "$P/newif" 'etunr1,etunr2'
kill "$pid_r"
back() { ip -o link show etunr0 | grep -qE 'etunr0@etun[0-9]+:'; }
t_ok "netns died: the end comes back as etunN" poll_long back
name=$(ip -o link show etunr0 | sed -n 's/^[0-9]*: etunr0@\([^:]*\):.*/\1/p')
t_match "... linked back to etunr0" "$(ip -o link show "$name")" "$name@etunr0:"
"$WR" "$P/delif" etunr0 >/dev/null
"$WR" "$P/delif" etunr1 >/dev/null

# Pairs made inside a namespace never come back (tests/vm/containers.t
# has the container's view).  Namespaces are cleaned up in order by one
# worker: once a host-given end from a namespace that died later is back,
# the earlier namespaces are gone too.
t_is "a user namespace's root creates a pair in its own netns" \
	"$(unshare -Urn "$WR" "$P/newif" 'etunu0,etunu1')" OK
t_is "a root-owned namespace's pair (etunv0,etunv1)" \
	"$(unshare -n "$WR" "$P/newif" 'etunv0,etunv1')" OK
"$WR" "$P/newif" 'etunw0,etunw1' >/dev/null
spawn_netns
ip link set etunw1 netns "$SPAWNED"
kill "$SPAWNED"
t_ok "a host-given end from a namespace that died later is back" \
	poll_long exists - etunw1
t_ok "... the root-owned namespace's pair was destroyed" gone - etunv0
t_ok "... both ends" gone - etunv1
t_ok "... the user namespace's pair too" gone - etunu0
t_ok "... both ends" gone - etunu1
"$WR" "$P/delif" etunw0 >/dev/null

# --- unload with pairs in several namespaces, traffic running ----------------------
t_diag "unload with pairs in several namespaces, traffic running (at ${SECONDS}s)"

ip netns exec "$NS_C" "$WR" "$P/newif" 'etunc0,etunc1' >/dev/null
ip netns exec "$NS_C" ip link set etunc1 netns "$NS_A"
ip netns exec "$NS_A" ping -q -i 0.01 10.199.0.1 >/dev/null 2>&1 &
BG+=("$!")
ip netns exec "$NS_B" ping -q -i 0.01 10.199.1.2 >/dev/null 2>&1 &
BG+=("$!")
t_ok "etun devices in 4 namespaces" test "$(etun_devices)" -gt 0 -a \
	"$(ip netns exec "$NS_C" ip -d -o link show | grep -c ' etun ')" -gt 0
exec 7>"$P/newif"
t_ok "rmmod etun with traffic running" rmmod etun
t_match "a write on a newif opened before rmmod fails: ENODEV" \
	"$( (printf 'etunz0,etunz1\n' >&7) 2>&1)" 'No such device'
exec 7>&-
t_is "no etun device left in init_net" "$(links)" "$base"
# What a new namespace holds (lo, and sit0 & co. when built in).
fresh=$(unshare -n ip -o link show | awk -F': ' '{ print $2 }' | sort)
for ns in "$NS_A" "$NS_B" "$NS_C"; do
	t_is "no etun device left in $ns" \
		"$(ip netns exec "$ns" ip -o link show | awk -F': ' '{ print $2 }' |
			sort)" "$fresh"
done
t_ok "reload" insmod "$KO"
t_errno "newif after reload" OK "$P/newif" 'etun0,etun1'
t_errno "delif after reload" OK "$P/delif" 'etun0'

# --- scale: 1,000 pairs --------------------------------------------------------------
t_diag "scale: 1,000 pairs (at ${SECONDS}s)"

slab()
{
	awk '/^Slab:/ { print $2 }' /proc/meminfo
}
ndev()
{
	find /sys/class/net -mindepth 1 -maxdepth 1 | wc -l
}
n0=$(ndev)
echo 3 >/proc/sys/vm/drop_caches
s0=$(slab)
fails=0
for i in $(seq 1000); do
	printf 'es%da,es%db\n' "$i" "$i" >"$P/newif" || fails=$((fails + 1))
done
t_is "1,000 newif writes succeed" "$fails" 0
t_is "2,000 devices more" $(($(ndev) - n0)) 2000
t_is "1,000 linked pairs" \
	"$(ip -o link show | grep -cE ': es[0-9]+a@es[0-9]+b: ')" 1000
s1=$(slab)
fails=0
for i in $(seq 1 2 1000); do
	printf 'es%da\n' "$i" >"$P/delif" || fails=$((fails + 1))
done
t_is "500 delif writes succeed" "$fails" 0
for i in $(seq 2 2 1000); do
	echo "link del es${i}b"
done >"$TMP/batch"
t_ok "500 ip link del (ip -batch)" ip -batch "$TMP/batch"
t_is "device count back to the start" "$(ndev)" "$n0"
slab_back() { echo 3 >/proc/sys/vm/drop_caches; [ $(($(slab) - s0)) -lt $(((s1 - s0) / 4)) ]; }
t_ok "slab back near the start (grew $(((s1 - s0) / 1024)) MiB with the pairs)" \
	poll slab_back
t_diag "Slab: start $s0 kB, 1,000 pairs $s1 kB, end $(slab) kB"

# --- concurrency ----------------------------------------------------------------------
t_diag "concurrency (at ${SECONDS}s)"

deadline=$(($(date +%s) + 15))
churn()
{
	local w=$1 i=0

	while [ "$(date +%s)" -lt "$deadline" ]; do
		i=$((i + 1))
		case $w in
		1)	printf 'cw1a,cw1b\n' >"$P/newif"
			printf 'cw1a\n' >"$P/delif" ;;
		2)	printf 'cw1a,cw1b\n' >"$P/newif"
			ip link del cw1b ;;
		3)	ip netns add "etun-cw-$$"
			printf 'cw3a,cw3b\n' >"$P/newif"
			ip link set cw3b netns "etun-cw-$$"
			ip netns del "etun-cw-$$"
			printf 'cw3a\n' >"$P/delif" ;;
		4)	unshare -n sh -c "printf 'cw4a,cw4b\n' >$P/newif;
				printf 'cw4a\n' >$P/delif; printf 'cw4c,cw4d\n' >$P/newif" ;;
		5)	ip link add "cw5$i" type etun
			ip link del "cw5$i" ;;
		esac
	done
} 2>/dev/null
pids=()
for w in 1 2 3 4 5; do
	churn "$w" &
	pids+=("$!")
done
BG+=("${pids[@]}")
wait "${pids[@]}"
ip netns del "etun-cw-$$" 2>/dev/null
settled()
{
	local a b

	a=$(links)
	sleep 1
	b=$(links)
	# Every churn namespace is gone, so no peer may be elsewhere (@ifN).
	[ "$a" = "$b" ] && ! grep -q '@if[0-9]' <<<"$b"
}
poll_long settled
consistent()
{
	local name peer

	ip -d -o link show | grep ' etun ' | awk -F': ' '{ print $2 }' |
	while IFS=@ read -r name peer; do
		[ -n "$peer" ] || { echo "$name has no peer"; continue; }
		ip -o link show "$peer" | grep -q ": $peer@$name: " ||
			echo "$name@$peer: $peer does not point back"
	done
}
t_is "after 15 s of concurrent writers every etun end has its peer" \
	"$(consistent)" ""
t_diag "etun devices left by the churn: $(etun_devices)"
t_ok "rmmod etun" rmmod etun
t_is "no etun device left" "$(links)" "$base"
t_fail "module unloaded" loaded

t_diag "end (at ${SECONDS}s)"
t_done
