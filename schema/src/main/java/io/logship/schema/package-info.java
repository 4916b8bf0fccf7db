/**
 * The shape of an intake record shared by the agent and the logback extension: the reserved attribute names
 * ({@link io.logship.schema.ReservedAttributes}), the names loggers use for the same facts, and the status
 * vocabulary with its mapping from level words and numbers ({@link io.logship.schema.Status}); and the one
 * retry backoff both use ({@link io.logship.schema.Backoff}); the Datadog host and tag variables ({@link
 * io.logship.schema.DatadogVariables}). No dependencies.
 */
package io.logship.schema;
