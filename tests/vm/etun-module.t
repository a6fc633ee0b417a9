#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# etun-module.t - the module: load parameter, modprobe, autoload by
# "ip link add type etun", and rmmod with pairs in four namespaces
# while traffic runs.

. "$(dirname "$0")/../lib/etun.sh"
t_diag "load parameter, modprobe, autoload (at ${SECONDS}s)"
t_ok "rmmod etun" rmmod etun
t_fail "insmod newif=bad fails" insmod "$KO" newif=bad
t_fail "insmod newif=eth0,etunp1 fails (EEXIST)" insmod "$KO" newif=eth0,etunp1
t_fail "... module not loaded" loaded etun
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
t_ok "... module loaded" loaded etun
echo "$OLD_MODPROBE" >/proc/sys/kernel/modprobe
OLD_MODPROBE=
ip link del etunauto
loaded etun || insmod "$KO"

# --- unload with pairs in several namespaces, traffic running ----------------------
t_diag "unload with pairs in several namespaces, traffic running (at ${SECONDS}s)"
"$WR" "$P/newif" etun0,etun1 >/dev/null
across etun0 etun1 "$NS_A" 10.199.0.1 10.199.0.2
"$WR" "$P/newif" etund1,etund0 >/dev/null
across etund1 etund0 "$NS_B" 10.199.1.2 10.199.1.1
ip netns add "$NS_C"
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

t_done
