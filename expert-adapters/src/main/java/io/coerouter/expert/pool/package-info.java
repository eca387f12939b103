/** The local model pool: models move between disk, a host-memory tier and the device under memory budgets. */
package io.coerouter.expert.pool;
