#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# etun-netns.t - namespace death: an end in a dying namespace comes back
# to init_net (renamed etunN when its name is taken); pairs made inside
# a namespace die with it.

. "$(dirname "$0")/../lib/etun.sh"
t_diag "namespace death (at ${SECONDS}s)"
"$WR" "$P/newif" 'etund0,etund1' >/dev/null
spawn_netns
pid_d=$SPAWNED
t_ok "etund1 moved to a netunshare'd process" ip link set etund1 netns "$pid_d"
t_ok "... gone from init_net" gone - etund1
kill "$pid_d"
t_ok "its netns died: etund1 back in init_net" poll 90 exists - etund1
t_match "... still linked to etund0" "$(ip -o link show etund1)" 'etund1@etund0:'
across etund1 etund0 "$NS_B" 10.199.1.2 10.199.1.1
t_ok "... and passes traffic (ping from $NS_B)" \
	ip netns exec "$NS_B" ping -c 3 -i 0.2 -W 5 10.199.1.2

"$WR" "$P/newif" 'etunr0,etunr1' >/dev/null
spawn_netns
pid_r=$SPAWNED
ip link set etunr1 netns "$pid_r"
t_errno "the name etunr1 is reused in init_net meanwhile" OK "$P/newif" 'etunr1,etunr2'
kill "$pid_r"
back() { ip -o link show etunr0 | grep -qE 'etunr0@etun[0-9]+:'; }
t_ok "netns died: the end comes back as etunN" poll 90 back
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
	poll 90 exists - etunw1
t_ok "... the root-owned namespace's pair was destroyed" gone - etunv0
t_ok "... both ends" gone - etunv1
t_ok "... the user namespace's pair too" gone - etunu0
t_ok "... both ends" gone - etunu1
"$WR" "$P/delif" etunw0 >/dev/null

t_done
