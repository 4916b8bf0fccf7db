/**
 * Building blocks shared by the agent's pipeline ({@code io.logship.agent}) and the local intake
 * ({@code io.logship.intake}) that belong to neither: the one exclusive lock on a data directory ({@link
 * io.logship.support.DirectoryLock}) and the one small HTTP/1.1 server ({@link io.logship.support.HttpServer}) the
 * metrics endpoint and the intake both run on. Nothing here knows about records.
 */
package io.logship.support;
