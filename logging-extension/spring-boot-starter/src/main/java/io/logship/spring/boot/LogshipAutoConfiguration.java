package io.logship.spring.boot;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

/**
 * The beans of the starter (logging itself is set up earlier, by {@link LogshipLoggingSystem}):
 *
 * <ul>
 *   <li>{@link LogshipMetrics}, a Micrometer {@link MeterBinder} that Actuator binds to its registry, when
 *       Micrometer is present;
 *   <li>a {@link ContextPropagatingTaskDecorator}, unless the application defines a {@link TaskDecorator} or sets
 *       {@code logship.context-propagation.enabled=false}: Spring Boot applies it to its task executors ({@code
 *       @Async}, virtual threads included), which then run each task with the submitter's LogContext (and every
 *       other registered thread-local, such as tracing's).
 * </ul>
 *
 * <p>Listed before Spring Boot's task execution auto-configuration, which picks the decorator up.
 */
@AutoConfiguration(
        beforeName = {
            "org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration",
            "org.springframework.boot.task.autoconfigure.TaskExecutionAutoConfiguration"
        })
@EnableConfigurationProperties(LogshipProperties.class)
public class LogshipAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    static class Metrics {
        @Bean
        @ConditionalOnMissingBean
        LogshipMetrics logshipMetrics() {
            return new LogshipMetrics();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.context.ContextSnapshotFactory")
    @ConditionalOnProperty(
            prefix = "logship.context-propagation",
            name = "enabled",
            havingValue = "true",
            matchIfMissing = true)
    static class Propagation {
        @Bean
        @ConditionalOnMissingBean(TaskDecorator.class)
        ContextPropagatingTaskDecorator logshipContextPropagatingTaskDecorator() {
            return new ContextPropagatingTaskDecorator();
        }
    }
}
