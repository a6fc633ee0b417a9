// SPDX-License-Identifier: GPL-2.0
/*
 * redirect_peer - load a tc program "return bpf_redirect_peer(IFINDEX, 0)"
 * and pin it, for tc to attach:
 *
 *   redirect_peer IFINDEX PIN
 *   tc filter add dev DEV ingress bpf direct-action object-pinned PIN
 *
 * Every frame arriving at DEV then goes to the peer of device IFINDEX
 * (a veth or etun end in DEV's namespace), counted on that peer's own
 * receive counters by the core (skb_do_redirect()).  Raw instructions
 * through bpf(2): no compiler or libbpf needed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/bpf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int sys_bpf(int cmd, union bpf_attr *attr)
{
	return (int)syscall(SYS_bpf, cmd, attr, sizeof(*attr));
}

int main(int argc, char **argv)
{
	char *end, log[4096] = "";
	union bpf_attr attr;
	long ifindex;
	int fd;

	if (argc != 3) {
		fprintf(stderr, "usage: redirect_peer IFINDEX PIN\n");
		return 125;
	}
	ifindex = strtol(argv[1], &end, 10);
	if (*end || ifindex <= 0 || ifindex > INT32_MAX) {
		fprintf(stderr, "redirect_peer: %s: not an ifindex\n", argv[1]);
		return 125;
	}

	struct bpf_insn insns[] = {
		/* r1 = ifindex, r2 = flags */
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_1,
		  .imm = (int32_t)ifindex },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_2,
		  .imm = 0 },
		{ .code = BPF_JMP | BPF_CALL, .imm = BPF_FUNC_redirect_peer },
		{ .code = BPF_JMP | BPF_EXIT },
	};

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_SCHED_CLS;
	attr.insns = (uint64_t)(uintptr_t)insns;
	attr.insn_cnt = sizeof(insns) / sizeof(insns[0]);
	attr.license = (uint64_t)(uintptr_t)"GPL";
	attr.log_buf = (uint64_t)(uintptr_t)log;
	attr.log_size = sizeof(log);
	attr.log_level = 1;
	fd = sys_bpf(BPF_PROG_LOAD, &attr);
	if (fd < 0) {
		fprintf(stderr, "redirect_peer: BPF_PROG_LOAD: %s\n%s",
			strerror(errno), log);
		return 125;
	}

	memset(&attr, 0, sizeof(attr));
	attr.pathname = (uint64_t)(uintptr_t)argv[2];
	attr.bpf_fd = (uint32_t)fd;
	if (sys_bpf(BPF_OBJ_PIN, &attr)) {
		fprintf(stderr, "redirect_peer: pin %s: %s\n", argv[2],
			strerror(errno));
		return 125;
	}
	return 0;
}
