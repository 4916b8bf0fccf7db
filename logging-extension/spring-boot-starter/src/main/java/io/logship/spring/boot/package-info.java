/**
 * logship for Spring Boot 3.5 and 4.0.
 *
 * <p>What enters: Spring Boot's logging initialisation (through {@link io.logship.spring.boot.LogshipLoggingSystem},
 * chosen by {@link io.logship.spring.boot.LogshipLoggingSystemFactory} from {@code META-INF/spring.factories}) and
 * the {@code logship.*} properties ({@link io.logship.spring.boot.LogshipProperties}). What leaves: Spring's console
 * and file appenders with logship's encoder, the Datadog output on the root logger, its meters ({@link
 * io.logship.spring.boot.LogshipMetrics}), and a task decorator that carries LogContext across threads ({@link
 * io.logship.spring.boot.LogshipAutoConfiguration}). Limits: those of the Datadog output (queue size, shutdown
 * timeout). Failures: a bad {@code logship.*} value fails the start with the key's name.
 */
package io.logship.spring.boot;
