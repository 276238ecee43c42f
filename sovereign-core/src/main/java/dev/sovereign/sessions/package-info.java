/**
 * What gateway replicas share of the dashboard's sign-ins: session records and counts of failed sign-ins ({@link
 * dev.sovereign.sessions.SessionRecords}). No I/O here but through an implementation of that interface.
 */
package dev.sovereign.sessions;
