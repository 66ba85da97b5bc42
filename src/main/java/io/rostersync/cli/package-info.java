/**
 * The command line: picocli subcommands of {@code rostersync.jar}. It only parses arguments,
 * calls the other modules' public APIs and prints their results.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Command line")
package io.rostersync.cli;
