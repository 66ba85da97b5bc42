/**
 * Where the data lives: PostgreSQL, either a server the operator configured or an embedded one
 * kept in the data directory, and the Flyway migrations that shape it. Every other module gets its
 * connection from here.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Storage")
package io.rostersync.storage;
