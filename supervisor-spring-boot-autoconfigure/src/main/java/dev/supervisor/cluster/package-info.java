/**
 * Cluster singletons: each singleton worker is a role elected through Spring Integration's
 * {@code LockRegistryLeaderInitiator} on the lock key {@code supervisor/<name>}, fenced by a
 * lease the engine checks by its monotonic clock.
 */
@NullMarked
package dev.supervisor.cluster;

import org.jspecify.annotations.NullMarked;
