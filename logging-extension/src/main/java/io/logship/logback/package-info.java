/** One-call logging setup, keyword context and outputs for SLF4J/logback. */
package io.logship.logback;
