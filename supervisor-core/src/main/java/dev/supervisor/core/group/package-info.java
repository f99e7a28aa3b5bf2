/**
 * Groups of workers under an Erlang/OTP strategy: their specs, strategies, states and status
 * snapshots.
 */
@NullMarked
package dev.supervisor.core.group;

import org.jspecify.annotations.NullMarked;
