/**
 * What the console's templates read: plain public values (the template engine reaches only public
 * types), internal to the web module.
 */
package io.rostersync.web.console;
