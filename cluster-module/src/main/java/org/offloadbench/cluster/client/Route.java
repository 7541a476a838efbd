package org.offloadbench.cluster.client;

import org.offloadbench.cluster.balance.Backend;
import org.offloadbench.cluster.http.BackendAddress;

/**
 * Where one attempt goes.
 *
 * @param address the address to connect to: a worker, the shared SO_REUSEPORT port, or nginx
 * @param backend the worker chosen, when this side chooses (cluster/primary); null when the kernel or nginx does
 */
public record Route(BackendAddress address, Backend backend) {
}
