// SPDX-License-Identifier: GPL-2.0
/*
 * The rtnetlink requests netunshare needs, through libmnl: move a device
 * into another namespace (IFLA_NET_NS_FD) and delete a link, both by
 * ifindex.  A socket acts in the namespace it was opened in, which is how
 * netunshare still reaches the caller's namespace after unshare().
 * Sockets are close-on-exec: they last until COMMAND is executed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "netunshare.h"

struct nu_rtnl {
	struct mnl_socket *nl;
	unsigned int portid;
	unsigned int seq;
};

struct nu_rtnl *nu_rtnl_open(void)
{
	struct nu_rtnl *r = calloc(1, sizeof(*r));
	int err;

	if (!r)
		return NULL;
	r->nl = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC);
	if (!r->nl)
		goto fail;
	if (mnl_socket_bind(r->nl, 0, MNL_SOCKET_AUTOPID) < 0)
		goto fail_close;
	r->portid = mnl_socket_get_portid(r->nl);
	r->seq = (unsigned int)time(NULL);
	return r;

fail_close:
	err = errno;
	mnl_socket_close(r->nl);
	errno = err;
fail:
	err = errno;
	free(r);
	errno = err;
	return NULL;
}

/* Send one request and wait for its ack: 0, or -1 with errno set. */
static int rtnl_talk(struct nu_rtnl *r, struct nlmsghdr *nlh)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	ssize_t n;
	int ret;

	nlh->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = ++r->seq;
	if (mnl_socket_sendto(r->nl, nlh, nlh->nlmsg_len) < 0)
		return -1;
	do {
		n = mnl_socket_recvfrom(r->nl, buf, sizeof(buf));
		if (n < 0)
			return -1;
		ret = mnl_cb_run(buf, (size_t)n, nlh->nlmsg_seq, r->portid,
				 NULL, NULL);
	} while (ret > 0);
	return ret < 0 ? -1 : 0;
}

static struct nlmsghdr *link_request(char *buf, int type, int ifindex)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ifinfomsg *ifi;

	nlh->nlmsg_type = (unsigned short)type;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = ifindex;
	return nlh;
}

int nu_rtnl_move(struct nu_rtnl *r, int ifindex, int netns_fd)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = link_request(buf, RTM_NEWLINK, ifindex);

	mnl_attr_put_u32(nlh, IFLA_NET_NS_FD, (unsigned int)netns_fd);
	return rtnl_talk(r, nlh);
}

int nu_rtnl_delete(struct nu_rtnl *r, int ifindex)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];

	return rtnl_talk(r, link_request(buf, RTM_DELLINK, ifindex));
}
