/** Typed configuration shared by the agent and the extension: a YAML file, environment overrides and defaults. */
package io.logship.config;
