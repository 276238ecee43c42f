/**
 * Usage limits of client keys, teams and workloads: the plan of counters a request takes ({@link
 * dev.sovereign.limits.LimitPlan}) and where counters live ({@link dev.sovereign.limits.LimitStore}). No I/O here
 * but through a store.
 */
package dev.sovereign.limits;
