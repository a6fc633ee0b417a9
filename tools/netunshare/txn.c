// SPDX-License-Identifier: GPL-2.0
/*
 * netunshare is a transaction: every step that changed something outside
 * the process (a pair created, a device moved, a file created or mounted)
 * registers how to undo it, the moment it succeeded.  On any later
 * failure, exec's included, nu_txn_abort() undoes them in reverse order.
 * A step is taken off the log before its undo runs, so nothing is undone
 * twice, and nothing that was not done is undone.
 */
#include <errno.h>
#include <stdlib.h>

#include "netunshare.h"

struct step {
	void (*undo)(void *arg);
	void *arg;
};

static struct step *steps;
static size_t nsteps;

void nu_txn_push(void (*undo)(void *arg), void *arg)
{
	struct step *p = realloc(steps, (nsteps + 1) * sizeof(*steps));

	if (!p) {
		/* This step cannot be logged: undo it, and all the others. */
		nu_error(errno, "cannot allocate memory");
		undo(arg);
		nu_txn_abort();
		exit(EXIT_OWN_FAILURE);
	}
	steps = p;
	steps[nsteps++] = (struct step){ .undo = undo, .arg = arg };
}

void nu_txn_abort(void)
{
	while (nsteps) {
		struct step s = steps[--nsteps];

		s.undo(s.arg);
	}
}
