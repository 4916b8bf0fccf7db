package io.logship.agent.destinations.intake;

/**
 * What the intake answered to one request.
 *
 * @param status the HTTP status
 * @param retryAfter the raw {@code Retry-After} header, or null
 * @param keepAlive whether the connection may be reused
 */
public record DeliveryResponse(int status, String retryAfter, boolean keepAlive) {}
