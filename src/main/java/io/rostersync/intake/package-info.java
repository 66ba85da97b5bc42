/**
 * Where a district's files come in: the SFTP folder we host (one chrooted account per district),
 * and later the district's own SFTP site, the browser upload and the Clever and ClassLink APIs.
 * Every way in ends in the same drop folder, from which complete drops go to the reader.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Intake")
package io.rostersync.intake;
