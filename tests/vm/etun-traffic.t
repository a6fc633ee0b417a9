#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# etun-traffic.t - traffic across a pair, etun0 in init_net, etun1 in
# NS_A: IPv4, IPv6, TCP with checksums, GSO, MTU 9000, checksum safety,
# counters, drops.

. "$(dirname "$0")/../lib/etun.sh"
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
t_ok "carrier on etun0 with etun1 up in $NS_A" poll 15 carrier_is - etun0 1
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
poll 15 listening
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
	poll 15 bash -c "ip netns exec '$NS_A' ss -Hlun 'sport = :5002' | grep -q ."
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
	local a b c

	for _ in $(seq 50); do
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
t_ok "peer down: etun0 loses carrier" poll 15 carrier_is - etun0 0
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
t_ok "peer up again: carrier back" poll 15 carrier_is - etun0 1

t_done
